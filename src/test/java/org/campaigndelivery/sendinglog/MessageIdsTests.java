package org.campaigndelivery.sendinglog;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessageIdsTests {

	@Test
	void anEnvelopeIdNamesTheMessageItWasSentWithAndReadsBackAsItsMessageId() {
		String messageId = MessageIds.of(42, "0123456789abcdef-0000-0000-0000-000000000000", "news@shop.example.com");

		String envelopeId = MessageIds.envelopeId(messageId).orElseThrow();

		assertThat(envelopeId).isEqualTo("000000000000002a.0123456789abcdef@shop.example.com");
		assertThat(MessageIds.ofEnvelopeId(envelopeId)).hasValue(messageId);
		assertThat(MessageIds.logId(MessageIds.ofEnvelopeId(envelopeId).orElseThrow())).hasValue(42);
	}

	@Test
	void anEnvelopeIdIsXtextSoPlusEqualsAndSpacesTravelEncoded() {
		String envelopeId = MessageIds.envelopeId("<a+b=c d@example.com>").orElseThrow();

		assertThat(envelopeId).isEqualTo("a+2Bb+3Dc+20d@example.com");
		assertThat(MessageIds.ofEnvelopeId(envelopeId)).hasValue("<a+b=c d@example.com>");
	}

	@Test
	void aMessageIdTooLongOrNotAsciiGoesOutWithoutEnvelopeIdAndBrokenXtextNamesNothing() {
		assertThat(MessageIds.envelopeId("<" + "x".repeat(120) + "@example.com>")).isEmpty();
		assertThat(MessageIds.envelopeId("<été@example.com>")).isEmpty();
		assertThat(MessageIds.ofEnvelopeId("abc+4")).isEmpty();
		assertThat(MessageIds.ofEnvelopeId("abc+ZZ@example.com")).isEmpty();
		assertThat(MessageIds.ofEnvelopeId("no-at-sign")).isEmpty();
		assertThat(MessageIds.ofEnvelopeId(null)).isEmpty();
	}

}
