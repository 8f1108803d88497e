package org.campaigndelivery.delivery;

import java.util.Optional;

/**
 * The delivery lifecycle as the application sees it; the workflow package runs it on the
 * process engine. The engine's authorizations apply to the user set on the calling
 * thread.
 */
public interface DeliveryProcess {

	/** Starts the lifecycle of a delivery just created. */
	void start(Delivery delivery);

	/**
	 * Completes the pending approval of the delivery.
	 * @return false when no approval is pending
	 */
	boolean decideApproval(String deliveryId, boolean approved, String comment);

	/**
	 * Completes the pending confirmation of the send; not confirmed cancels the delivery.
	 * @return false when no confirmation is pending
	 */
	boolean decideConfirmation(String deliveryId, boolean confirmed);

	/**
	 * Stops the delivery's process where it stands.
	 * @return false when it is no longer running, or too far to be stopped
	 */
	boolean cancel(String deliveryId);

	/**
	 * Wakes the lanes of a paused delivery that wait for their resume; a lane still
	 * relaying its batch sees the status at its next one.
	 */
	void resume(String deliveryId);

	/**
	 * Where the delivery's process stands, as far as the calling user may see it; empty
	 * when it no longer runs or the caller may not read it.
	 */
	Optional<ProcessState> state(String deliveryId);

}
