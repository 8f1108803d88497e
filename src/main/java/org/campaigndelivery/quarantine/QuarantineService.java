package org.campaigndelivery.quarantine;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.campaigndelivery.api.ApiException;
import org.campaigndelivery.api.InvalidRequestException;
import org.campaigndelivery.audience.EmailAddresses;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Address statuses after Campaign's quarantine: a hard bounce quarantines at once, soft
 * errors count toward a threshold when far enough apart, a complaint denylists, a
 * delivery clears an Erroneous address. Quarantine and denylist are lifted only by an
 * administrator; allowlisted addresses are never quarantined.
 */
@Service
public class QuarantineService {

	private final QuarantineRepository repository;

	private final QuarantineProperties properties;

	QuarantineService(QuarantineRepository repository, QuarantineProperties properties) {
		this.repository = repository;
		this.properties = properties;
	}

	public void hardBounced(String address, String reason, OffsetDateTime at) {
		this.repository.lock(key(address), at);
		this.repository.quarantine(key(address), reason, at);
	}

	public void softBounced(String address, String reason, OffsetDateTime at) {
		QuarantinedAddress current = this.repository.lock(key(address), at);
		if (current.status() != AddressStatus.VALID && current.status() != AddressStatus.ERRONEOUS) {
			return;
		}
		// Errors closer together than the minimum interval are one error, whatever order
		// they arrive in.
		if (current.lastErrorAt() != null
				&& at.isBefore(current.lastErrorAt().plus(this.properties.minIntervalBetweenErrors()))) {
			return;
		}
		int errors = current.errorCount() + 1;
		this.repository.countSoftError(key(address), errors, errors >= this.properties.softErrorThreshold(), reason,
				at);
	}

	public void complained(String address, OffsetDateTime at) {
		this.repository.lock(key(address), at);
		this.repository.denylist(key(address), at);
	}

	public void delivered(String address, OffsetDateTime at) {
		this.repository.markValidAfterSuccess(key(address), at);
	}

	@Transactional
	public QuarantinedAddress set(String address, AddressStatus status) {
		if (status != AddressStatus.VALID && status != AddressStatus.ALLOWLIST) {
			throw new InvalidRequestException("status", "must be VALID or ALLOWLIST");
		}
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		this.repository.lock(key(address), now);
		this.repository.set(key(address), status, now);
		return this.repository.find(key(address)).orElseThrow();
	}

	public QuarantinedAddress get(String address) {
		return this.repository.find(key(address))
			.orElseThrow(() -> ApiException.notFound("The address '" + address + "' has no quarantine status."));
	}

	public List<QuarantinedAddress> list(AddressStatus status, int offset, int limit) {
		return this.repository.list(status, offset, limit);
	}

	private static String key(String address) {
		return EmailAddresses.normalise(address);
	}

}
