package org.campaigndelivery.preparation;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.campaigndelivery.delivery.Delivery;
import org.campaigndelivery.delivery.DeliveryService;
import org.campaigndelivery.delivery.DeliveryStatus;
import org.campaigndelivery.kpi.KpiService;
import org.campaigndelivery.sending.MtaCapabilities;
import org.campaigndelivery.sendinglog.SendingLogs;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Targets a delivery's audience, excludes who must not receive it, and runs the control
 * rules.
 */
@Service
public class PreparationService {

	private final PreparationRepository repository;

	private final DeliveryService deliveries;

	private final SendingLogs logs;

	private final KpiService kpis;

	private final MtaCapabilities mta;

	private final FatigueRule fatigue;

	private final Clock clock;

	PreparationService(PreparationRepository repository, DeliveryService deliveries, SendingLogs logs, KpiService kpis,
			MtaCapabilities mta, FatigueRule fatigue, Clock clock) {
		this.fatigue = fatigue;
		this.clock = clock;
		this.mta = mta;
		this.repository = repository;
		this.deliveries = deliveries;
		this.logs = logs;
		this.kpis = kpis;
	}

	/**
	 * Deletes the first exclusion logs of an ended delivery, up to the limit, for the
	 * cleanup process; its exclusion counts stay.
	 * @return how many
	 */
	public int purgeExclusions(String deliveryId, int limit) {
		return this.repository.purgeExclusions(deliveryId, limit);
	}

	/**
	 * Prepares the delivery in one transaction. Sending logs are queued only when no rule
	 * found an error, so a delivery that cannot be sent leaves nothing to send.
	 */
	@Transactional
	public PreparationReport prepare(String deliveryId) {
		Delivery delivery = this.deliveries.get(deliveryId);
		OffsetDateTime now = OffsetDateTime.now(this.clock);
		this.logs.openMonthOf(now);
		this.logs.forget(deliveryId);
		this.repository.clear(deliveryId);
		int targeted = this.repository.countTargeted(delivery.audienceId());
		int excluded = this.repository.insertExclusions(deliveryId, delivery.audienceId());
		FatigueProperties fatigue = this.fatigue.limits().orElse(null);
		if (fatigue != null) {
			excluded += this.repository.insertFatigueExclusions(deliveryId, delivery.audienceId(),
					fatigue.maxMessages(), now.minus(fatigue.period()), now, now.plus(fatigue.period()),
					DeliveryStatus.stillToRelay().stream().map(DeliveryStatus::name).toList());
		}
		List<Finding> findings = new ArrayList<>(
				ControlRules.checkContent(delivery.subject(), delivery.html(), delivery.text()));
		findings.addAll(ControlRules.checkTarget(targeted, excluded));
		findings.addAll(ControlRules.checkContactDate(delivery.contactDate(), now));
		if (delivery.emailFeedbackService() && !this.mta.deliveryStatusNotifications().orElse(true)) {
			findings.add(Finding.notice("deliveryReports",
					"The MTA does not take delivery status notification requests (RFC 3461 DSN): with the Email "
							+ "Feedback Service on, this delivery's logs stay Pending until MTA events "
							+ "(POST /api/mta/events) or a provider's webhook report each message."));
		}
		boolean blocked = findings.stream().anyMatch(f -> f.severity() == Finding.Severity.ERROR);
		int toDeliver = 0;
		if (!blocked) {
			toDeliver = this.logs.queue(deliveryId, delivery.audienceId(), now);
			this.deliveries.logsQueued(deliveryId, now);
		}
		this.repository.insertFindings(deliveryId, findings);
		this.kpis.recordPrepared(deliveryId, toDeliver);
		return new PreparationReport(delivery.label(), delivery.subject(), targeted, excluded,
				this.repository.countExclusionsByReason(deliveryId), toDeliver, findings);
	}

}
