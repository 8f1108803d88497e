package org.campaigndelivery.alert;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.campaigndelivery.api.Paging;
import org.campaigndelivery.kpi.KpiService;
import org.campaigndelivery.kpi.Kpis;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Raises alerts: each kind once per delivery, whatever the retries of the job that raises
 * it and however many nodes raise it at the same moment. Counted and mailed only once the
 * transaction that raised it committed, so that a job rolled back and run again alerts
 * nobody twice.
 */
@Service
public class Alerts {

	private static final Logger log = LoggerFactory.getLogger(Alerts.class);

	/** The column's size. */
	private static final int MAX_MESSAGE = 4000;

	private final AlertRepository repository;

	private final AlertMail mail;

	private final KpiService kpis;

	private final AlertProperties properties;

	private final Clock clock;

	private final TransactionTemplate savepoint;

	private final Map<AlertKind, Counter> raised = new EnumMap<>(AlertKind.class);

	Alerts(AlertRepository repository, AlertMail mail, KpiService kpis, AlertProperties properties,
			PlatformTransactionManager transactionManager, MeterRegistry registry, Clock clock) {
		this.repository = repository;
		this.mail = mail;
		this.kpis = kpis;
		this.properties = properties;
		this.clock = clock;
		// On PostgreSQL a refused insert aborts the whole transaction: the caller's (a
		// job's) must go on, so the insert runs in a savepoint of it.
		this.savepoint = new TransactionTemplate(transactionManager);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
		for (AlertKind kind : AlertKind.values()) {
			this.raised.put(kind,
					Counter.builder("delivery.alerts")
						.description("Alerts raised, each once per delivery and kind")
						.tag("kind", kind.name())
						.register(registry));
		}
	}

	/**
	 * Raises the alert unless the delivery has one of this kind already.
	 * @return whether this call raised it
	 */
	public boolean raise(String deliveryId, AlertKind kind, String message) {
		String text = (message.length() > MAX_MESSAGE) ? message.substring(0, MAX_MESSAGE - 1) + "…" : message;
		OffsetDateTime now = OffsetDateTime.now(this.clock);
		try {
			if (!this.savepoint.execute((tx) -> this.repository.insertOnce(deliveryId, kind, text, now))) {
				return false;
			}
		}
		catch (DuplicateKeyException ex) {
			// Another node's transaction stored it meanwhile and committed: PostgreSQL
			// held
			// this insert until then. (H2 serves one node, whose alerts never race: the
			// status moves that raise them are guarded, and one thread looks for stalls.)
			log.debug("Alert {} of delivery {} was raised at the same moment elsewhere", kind, deliveryId);
			return false;
		}
		log.warn("Alert {} for delivery {}: {}", kind, deliveryId, text);
		AlertRepository.AlertedDelivery delivery = this.repository.delivery(deliveryId)
			.orElse(new AlertRepository.AlertedDelivery(deliveryId, deliveryId, null));
		Runnable announce = () -> {
			this.raised.get(kind).increment();
			this.mail.send(delivery, kind, text);
		};
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					announce.run();
				}
			});
		}
		else {
			announce.run();
		}
		return true;
	}

	/**
	 * The delivery's validity period ended and its final figures are counted: alerted
	 * when more of its messages failed than delivery.alerts.failed-rate allows, compared
	 * unrounded.
	 */
	public void validityEnded(String deliveryId) {
		Kpis k = this.kpis.kpis(deliveryId).orElse(null);
		double limit = this.properties.failedRate();
		if (k == null || k.sent() == 0 || k.failed() * 100.0 <= limit * k.sent()) {
			return;
		}
		raise(deliveryId, AlertKind.VALIDITY_ENDED,
				String.format(Locale.ROOT,
						"failed %,d of %,d messages (%.2f %%) at the end of the validity period, "
								+ "over the limit of %s %%",
						k.failed(), k.sent(), k.failed() * 100.0 / k.sent(), number(limit)));
	}

	List<Alert> list(String deliveryId, Paging paging) {
		return this.repository.list(deliveryId, paging);
	}

	private static String number(double value) {
		return (value == Math.rint(value)) ? String.valueOf((long) value) : String.valueOf(value);
	}

}
