package org.campaigndelivery.workflow;

import java.util.Locale;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;

import org.campaigndelivery.delivery.DeliveryService;
import org.campaigndelivery.delivery.PauseReview;
import org.campaigndelivery.kpi.Kpis;
import org.campaigndelivery.sendinglog.FailureCount;

import org.springframework.stereotype.Component;

/**
 * Creation of Task_ReviewPausedDelivery: the figures the starter decides on, as they
 * stood when the guard paused the delivery, kept on the task (the Deployment page shows
 * them as they move).
 */
@Component
class PauseReviewFiguresListener implements TaskListener {

	private final DeliveryService deliveries;

	PauseReviewFiguresListener(DeliveryService deliveries) {
		this.deliveries = deliveries;
	}

	@Override
	public void notify(DelegateTask task) {
		PauseReview review = this.deliveries.pauseReview((String) task.getVariable(DeliveryProcessIds.VAR_DELIVERY_ID));
		task.setVariableLocal(DeliveryProcessIds.VAR_PAUSE_REASON, review.reason());
		Kpis kpis = (review.kpis() != null) ? review.kpis() : new Kpis(0, 0, 0, 0, 0, 0, 0, 0, 0, null);
		task.setVariableLocal(DeliveryProcessIds.VAR_SENT, kpis.sent());
		task.setVariableLocal(DeliveryProcessIds.VAR_DELIVERED, kpis.delivered());
		task.setVariableLocal(DeliveryProcessIds.VAR_HARD_BOUNCES, kpis.hardBounces());
		task.setVariableLocal(DeliveryProcessIds.VAR_HARD_BOUNCE_RATE, percent(kpis.hardBounceRate()));
		task.setVariableLocal(DeliveryProcessIds.VAR_COMPLAINTS, kpis.complaints());
		task.setVariableLocal(DeliveryProcessIds.VAR_COMPLAINT_RATE, percent(kpis.complaintRate()));
		task.setVariableLocal(DeliveryProcessIds.VAR_FAILURE_REASONS,
				review.failureReasons()
					.stream()
					.map(PauseReviewFiguresListener::line)
					.collect(Collectors.joining("\n")));
	}

	private static String percent(double rate) {
		return String.format(Locale.ROOT, "%.2f %%", rate);
	}

	/** "User unknown (hard): 312". */
	private static String line(FailureCount failure) {
		String reason = (failure.reason() == null) ? "Not qualified" : words(failure.reason().name());
		String type = (failure.type() == null) ? "" : " (" + failure.type().name().toLowerCase(Locale.ROOT) + ")";
		return String.format(Locale.ROOT, "%s%s: %,d", reason, type, failure.count());
	}

	private static String words(String constant) {
		String words = constant.toLowerCase(Locale.ROOT).replace('_', ' ');
		return Character.toUpperCase(words.charAt(0)) + words.substring(1);
	}

}
