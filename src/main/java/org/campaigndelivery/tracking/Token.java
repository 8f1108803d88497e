package org.campaigndelivery.tracking;

/**
 * What a tracking or unsubscribe URL names, signed so that nobody can change it.
 *
 * @param relayedAt when the message was relayed, in epoch seconds
 * @param url the link a click URL leads to; null for the others
 */
record Token(Kind kind, long logId, String deliveryId, long relayedAt, String url) {

	enum Kind {

		OPEN('o'), CLICK('c'), UNSUBSCRIBE('u');

		final char code;

		Kind(char code) {
			this.code = code;
		}

		static Kind of(char code) {
			for (Kind kind : values()) {
				if (kind.code == code) {
					return kind;
				}
			}
			throw new IllegalArgumentException("No token kind '" + code + "'");
		}

	}

}
