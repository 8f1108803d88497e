package org.campaigndelivery.tracking;

import java.time.OffsetDateTime;

/**
 * One open or click as recorded.
 *
 * @param url the link followed; null for an open
 * @param flag why the hit is not counted; null when it is
 */
record Hit(String deliveryId, long logId, Kind kind, String url, String userAgent, OffsetDateTime at, Flag flag) {

	enum Kind {

		OPEN, CLICK

	}

	/** Why a hit is recorded but not counted. */
	enum Flag {

		/**
		 * A mail privacy proxy fetched the images, whether or not anyone read the
		 * message.
		 */
		PRIVACY_PROXY,
		/**
		 * A security scanner or another program followed the link or fetched the pixel.
		 */
		SECURITY_SCANNER

	}

}
