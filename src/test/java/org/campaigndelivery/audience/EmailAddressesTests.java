package org.campaigndelivery.audience;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class EmailAddressesTests {

	@ParameterizedTest
	@ValueSource(strings = { "alice@example.com", "a.b+tag@sub.example.co.uk", "O'Hara@example.ie", "x@ex-ample.com" })
	void shouldAcceptDeliverableAddresses(String address) {
		assertThat(EmailAddresses.isValid(address)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "alice", "alice@", "@example.com", "alice@example", "a@b@example.com",
			"alice..b@example.com", ".alice@example.com", "alice@-example.com", "Alice <alice@example.com>",
			"alice @example.com" })
	void shouldRefuseAddressesThatCannotBeDelivered(String address) {
		assertThat(EmailAddresses.isValid(address)).isFalse();
	}

	@ParameterizedTest
	@CsvSource({ "' Alice@Example.COM ',Alice@example.com", "bob@EXAMPLE.com,bob@example.com", "nodomain,nodomain" })
	void shouldLowerTheDomainOnlyAndTrim(String given, String normalised) {
		assertThat(EmailAddresses.normalise(given)).isEqualTo(normalised);
	}

}
