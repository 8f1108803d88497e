package org.campaigndelivery.api;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The largest request bodies /api reads.
 *
 * @param maxJsonBody a JSON body: 100,000 inline recipients fit in the default
 * @param maxCsvBody a CSV audience, streamed into the database as it arrives
 */
@ConfigurationProperties("delivery.api")
record ApiProperties(@DefaultValue("32MB") DataSize maxJsonBody, @DefaultValue("2GB") DataSize maxCsvBody) {

	ApiProperties {
		// a limit of nothing would refuse every body, the API's own included
		if (maxJsonBody.toBytes() <= 0 || maxCsvBody.toBytes() <= 0) {
			throw new IllegalArgumentException(
					"delivery.api.max-json-body and delivery.api.max-csv-body must be more than 0 bytes");
		}
	}

}
