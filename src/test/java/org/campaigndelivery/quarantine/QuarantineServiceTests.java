package org.campaigndelivery.quarantine;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.campaigndelivery.support.ApplicationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@ApplicationTest
class QuarantineServiceTests {

	private static final OffsetDateTime DAY_ONE = OffsetDateTime.of(2030, 3, 1, 8, 0, 0, 0, ZoneOffset.UTC);

	@Autowired
	QuarantineService quarantine;

	@Autowired
	TransactionTemplate transactions;

	private final String address = "q-" + UUID.randomUUID() + "@example.com";

	@Test
	void shouldQuarantineAtTheFifthSoftErrorCountingErrorsADayApartOnly() {
		for (int day = 0; day < 4; day++) {
			record(this.address, AddressEvent.Kind.SOFT_BOUNCE, DAY_ONE.plusDays(day));
			record(this.address, AddressEvent.Kind.SOFT_BOUNCE, DAY_ONE.plusDays(day).plusHours(3));
		}
		assertThat(this.quarantine.get(this.address).errorCount()).isEqualTo(4);
		assertThat(this.quarantine.get(this.address).status()).isEqualTo(AddressStatus.ERRONEOUS);

		record(this.address, AddressEvent.Kind.SOFT_BOUNCE, DAY_ONE.plusDays(4));

		assertThat(this.quarantine.get(this.address).status()).isEqualTo(AddressStatus.QUARANTINE);
	}

	@Test
	void shouldResetAnErroneousAddressAfterADelivery() {
		record(this.address, AddressEvent.Kind.SOFT_BOUNCE, DAY_ONE);

		record(this.address, AddressEvent.Kind.DELIVERED, DAY_ONE.plusHours(1));

		QuarantinedAddress after = this.quarantine.get(this.address);
		assertThat(after.status()).isEqualTo(AddressStatus.VALID);
		assertThat(after.errorCount()).isZero();
	}

	@Test
	void shouldNeverQuarantineAnAllowlistedAddressNorLiftADenylistAutomatically() {
		record(this.address, AddressEvent.Kind.SOFT_BOUNCE, DAY_ONE);
		this.quarantine.set(this.address, AddressStatus.ALLOWLIST);

		record(this.address, AddressEvent.Kind.HARD_BOUNCE, DAY_ONE.plusDays(1));
		assertThat(this.quarantine.get(this.address).status()).isEqualTo(AddressStatus.ALLOWLIST);

		record(this.address, AddressEvent.Kind.COMPLAINT, DAY_ONE.plusDays(2));
		record(this.address, AddressEvent.Kind.DELIVERED, DAY_ONE.plusDays(3));
		assertThat(this.quarantine.get(this.address).status()).isEqualTo(AddressStatus.DENYLIST);
	}

	@Test
	void shouldApplyTheEventsOfABatchInTheOrderTheyHappened() {
		this.transactions.executeWithoutResult(tx -> this.quarantine
			.record(List.of(new AddressEvent(this.address, AddressEvent.Kind.DELIVERED, null, DAY_ONE.plusHours(2)),
					new AddressEvent(this.address, AddressEvent.Kind.SOFT_BOUNCE, "MAILBOX_FULL", DAY_ONE))));

		assertThat(this.quarantine.get(this.address).status()).isEqualTo(AddressStatus.VALID);
	}

	@Test
	void shouldKeepAnAddressUnderItsDomainInLowerCase() {
		record(this.address.replace("@example.com", "@EXAMPLE.Com"), AddressEvent.Kind.HARD_BOUNCE, DAY_ONE);

		assertThat(this.quarantine.get(this.address).status()).isEqualTo(AddressStatus.QUARANTINE);
	}

	private void record(String address, AddressEvent.Kind kind, OffsetDateTime at) {
		this.transactions.executeWithoutResult(tx -> this.quarantine.record(List
			.of(new AddressEvent(address, kind, kind == AddressEvent.Kind.DELIVERED ? null : kind.name(), at))));
	}

}
