package org.campaigndelivery.quarantine;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.campaigndelivery.api.ApiException;
import org.campaigndelivery.api.InvalidRequestException;
import org.campaigndelivery.api.Paging;
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

	private final Clock clock;

	QuarantineService(QuarantineRepository repository, QuarantineProperties properties, Clock clock) {
		this.clock = clock;
		this.repository = repository;
		this.properties = properties;
	}

	/**
	 * Applies a batch of address events in the caller's transaction, in the order they
	 * happened: one read of the addresses concerned, then one write per address that
	 * changed. An address without a row is Valid.
	 */
	public void record(List<AddressEvent> events) {
		if (events.isEmpty()) {
			return;
		}
		Set<String> addresses = new LinkedHashSet<>();
		events.forEach(e -> addresses.add(key(e.address())));
		Map<String, QuarantinedAddress> stored = this.repository.lockAll(addresses);
		Map<String, QuarantinedAddress> changed = new HashMap<>();
		events.stream().sorted(Comparator.comparing(AddressEvent::at)).forEach(event -> {
			String address = key(event.address());
			QuarantinedAddress current = changed.getOrDefault(address, stored.get(address));
			QuarantinedAddress next = apply(current == null ? QuarantinedAddress.valid(address) : current, event);
			if (!next.equals(current == null ? QuarantinedAddress.valid(address) : current)) {
				changed.put(address, next);
			}
		});
		this.repository.insertAll(changed.values().stream().filter(a -> !stored.containsKey(a.address())).toList());
		this.repository.updateAll(changed.values().stream().filter(a -> stored.containsKey(a.address())).toList());
	}

	private QuarantinedAddress apply(QuarantinedAddress a, AddressEvent event) {
		boolean open = a.status() == AddressStatus.VALID || a.status() == AddressStatus.ERRONEOUS;
		return switch (event.kind()) {
			case HARD_BOUNCE -> open
					? a.with(AddressStatus.QUARANTINE, a.errorCount(), a.lastErrorAt(), event.reason(), event.at()) : a;
			case COMPLAINT -> a.status() == AddressStatus.DENYLIST ? a
					: a.with(AddressStatus.DENYLIST, a.errorCount(), a.lastErrorAt(), "COMPLAINT", event.at());
			case DELIVERED -> a.status() == AddressStatus.ERRONEOUS
					? a.with(AddressStatus.VALID, 0, a.lastErrorAt(), null, event.at()) : a;
			case SOFT_BOUNCE -> {
				// Errors closer together than the minimum interval are one error,
				// whatever order they arrive in.
				boolean counts = open && (a.lastErrorAt() == null
						|| !event.at().isBefore(a.lastErrorAt().plus(this.properties.minIntervalBetweenErrors())));
				if (!counts) {
					yield a;
				}
				int errors = a.errorCount() + 1;
				AddressStatus status = errors >= this.properties.softErrorThreshold() ? AddressStatus.QUARANTINE
						: AddressStatus.ERRONEOUS;
				yield a.with(status, errors, event.at(), event.reason(), event.at());
			}
		};
	}

	@Transactional
	public QuarantinedAddress set(String address, AddressStatus status) {
		if (status != AddressStatus.VALID && status != AddressStatus.ALLOWLIST) {
			throw new InvalidRequestException("status", "must be VALID or ALLOWLIST");
		}
		OffsetDateTime now = OffsetDateTime.now(this.clock);
		QuarantinedAddress current = this.repository.lockAll(Set.of(key(address))).get(key(address));
		return store(current, QuarantinedAddress.valid(key(address)).with(status, 0, null, null, now));
	}

	/**
	 * The recipient unsubscribed: the address goes on the denylist, so that later
	 * deliveries exclude it. An address on the denylist already stays as it is.
	 */
	@Transactional
	public QuarantinedAddress optOut(String address, String reason) {
		OffsetDateTime now = OffsetDateTime.now(this.clock);
		QuarantinedAddress current = this.repository.lockAll(Set.of(key(address))).get(key(address));
		if (current != null && current.status() == AddressStatus.DENYLIST) {
			return current;
		}
		QuarantinedAddress base = current != null ? current : QuarantinedAddress.valid(key(address));
		return store(current, base.with(AddressStatus.DENYLIST, base.errorCount(), base.lastErrorAt(), reason, now));
	}

	/** Inserts the address's status, or updates the one locked before. */
	private QuarantinedAddress store(QuarantinedAddress current, QuarantinedAddress next) {
		if (current == null) {
			this.repository.insertAll(List.of(next));
		}
		else {
			this.repository.updateAll(List.of(next));
		}
		return next;
	}

	public QuarantinedAddress get(String address) {
		return this.repository.find(key(address))
			.orElseThrow(() -> ApiException.notFound("The address '" + address + "' has no quarantine status."));
	}

	public List<QuarantinedAddress> list(AddressStatus status, Paging paging) {
		return this.repository.list(status, paging);
	}

	private static String key(String address) {
		return EmailAddresses.normalise(address);
	}

}
