package org.campaigndelivery.quarantine;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.campaigndelivery.support.ApplicationTest;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@ApplicationTest
class QuarantineServiceTests {

	private static final OffsetDateTime DAY_ONE = OffsetDateTime.of(2030, 3, 1, 8, 0, 0, 0, ZoneOffset.UTC);

	@Autowired
	QuarantineService quarantine;

	private final String address = "q-" + UUID.randomUUID() + "@example.com";

	@Test
	void shouldQuarantineAtTheFifthSoftErrorCountingErrorsADayApartOnly() {
		for (int day = 0; day < 4; day++) {
			this.quarantine.softBounced(this.address, "MAILBOX_FULL", DAY_ONE.plusDays(day));
			this.quarantine.softBounced(this.address, "MAILBOX_FULL", DAY_ONE.plusDays(day).plusHours(3));
		}
		assertThat(this.quarantine.get(this.address).errorCount()).isEqualTo(4);
		assertThat(this.quarantine.get(this.address).status()).isEqualTo(AddressStatus.ERRONEOUS);

		this.quarantine.softBounced(this.address, "MAILBOX_FULL", DAY_ONE.plusDays(4));

		assertThat(this.quarantine.get(this.address).status()).isEqualTo(AddressStatus.QUARANTINE);
	}

	@Test
	void shouldResetAnErroneousAddressAfterADelivery() {
		this.quarantine.softBounced(this.address, "MAILBOX_FULL", DAY_ONE);

		this.quarantine.delivered(this.address, DAY_ONE.plusHours(1));

		QuarantinedAddress after = this.quarantine.get(this.address);
		assertThat(after.status()).isEqualTo(AddressStatus.VALID);
		assertThat(after.errorCount()).isZero();
	}

	@Test
	void shouldNeverQuarantineAnAllowlistedAddressNorLiftADenylistAutomatically() {
		this.quarantine.softBounced(this.address, "MAILBOX_FULL", DAY_ONE);
		this.quarantine.set(this.address, AddressStatus.ALLOWLIST);

		this.quarantine.hardBounced(this.address, "USER_UNKNOWN", DAY_ONE.plusDays(1));
		assertThat(this.quarantine.get(this.address).status()).isEqualTo(AddressStatus.ALLOWLIST);

		this.quarantine.complained(this.address, DAY_ONE.plusDays(2));
		this.quarantine.delivered(this.address, DAY_ONE.plusDays(3));
		assertThat(this.quarantine.get(this.address).status()).isEqualTo(AddressStatus.DENYLIST);
	}

	@Test
	void shouldKeepAnAddressUnderItsDomainInLowerCase() {
		this.quarantine.hardBounced(this.address.replace("@example.com", "@EXAMPLE.Com"), "USER_UNKNOWN", DAY_ONE);

		assertThat(this.quarantine.get(this.address).status()).isEqualTo(AddressStatus.QUARANTINE);
	}

}
