package org.campaigndelivery.bounce;

import java.util.List;

import org.campaigndelivery.feedback.MtaEvent;

import org.springframework.http.HttpHeaders;

/**
 * A hosted MTA's webhook, one class per provider: the request is taken only with its
 * provider's signature (these hooks need no user: the signature is the credential) and
 * read into the same MTA events as POST /api/mta/events.
 */
interface ProviderWebhook {

	/**
	 * @return the events the request reports; none for one that reports no delivery
	 * outcome
	 * @throws org.campaigndelivery.api.ApiException 403 when the signature does not hold
	 * @throws org.campaigndelivery.api.InvalidRequestException for a body that is not the
	 * provider's
	 */
	List<MtaEvent> events(byte[] body, HttpHeaders headers);

}
