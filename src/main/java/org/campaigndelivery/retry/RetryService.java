package org.campaigndelivery.retry;

import org.campaigndelivery.feedback.FeedbackService;

import org.springframework.stereotype.Service;

/**
 * Soft bounces are retried in waves, one retry period apart, for the whole validity
 * period; at its end every message still waiting on a retry is Failed. The sending lanes
 * relay each wave.
 */
@Service
public class RetryService {

	private final FeedbackService feedback;

	RetryService(FeedbackService feedback) {
		this.feedback = feedback;
	}

	/**
	 * @return how many soft-bounced messages the wave retries
	 */
	public int startWave(String deliveryId) {
		return this.feedback.startRetryWave(deliveryId);
	}

	public void expire(String deliveryId) {
		this.feedback.expireSoftBounces(deliveryId);
	}

}
