package org.campaigndelivery.feedback;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.campaigndelivery.sendinglog.FailureReason;
import org.campaigndelivery.sendinglog.FailureType;

import static org.assertj.core.api.Assertions.assertThat;

class ClassificationTests {

	@ParameterizedTest(name = "{0} / {1} -> {3} {4}")
	@CsvSource(nullValues = "null",
			value = { "550 5.1.1, User unknown, false, HARD, USER_UNKNOWN", "5.1.1, null, false, HARD, USER_UNKNOWN",
					"452 4.2.2, Mailbox full, true, SOFT, MAILBOX_FULL",
					"550 5.1.2, Bad destination system, false, HARD, INVALID_DOMAIN",
					"451 4.4.4, Unable to route, false, SOFT, INVALID_DOMAIN",
					"4.4.7, Delivery time expired, false, SOFT, DELIVERY_TIME_EXPIRED",
					"554 5.7.1, Message refused as spam, false, HARD, REFUSED",
					"450 4.2.1, Mailbox disabled, false, SOFT, ACCOUNT_DISABLED",
					"421 4.4.1, No answer from host, true, SOFT, UNREACHABLE",
					"550 5.9.9, Something else, false, HARD, NOT_DEFINED",
					"550, User unknown, false, HARD, USER_UNKNOWN", "451, Try later, true, SOFT, NOT_DEFINED",
					"null, null, true, HARD, NOT_DEFINED", "null, Mailbox full, false, SOFT, MAILBOX_FULL",
					"null, Out of Office: back on Monday, false, IGNORED, OUT_OF_OFFICE",
					"550 5.1.1, Automatic reply: vacation, true, IGNORED, OUT_OF_OFFICE" })
	void shouldClassifyByEnhancedStatusCodeThenReplyCodeThenWhatTheMtaSaid(String smtpStatus, String diagnostic,
			boolean reportedHard, FailureType type, FailureReason reason) {
		assertThat(Classification.of(smtpStatus, diagnostic, reportedHard)).isEqualTo(new Classification(type, reason));
	}

}
