package org.campaigndelivery.delivery;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;

import org.campaigndelivery.api.RequestBinder;
import org.campaigndelivery.audience.EmailAddresses;
import org.campaigndelivery.audience.Recipient;

/**
 * Reads a create-delivery request: its fields bound and checked one by one
 * ({@link DeliveryRequest}), then how they go together, so that every bad field is named
 * in one answer and nothing is created from a request with any of them.
 */
public class DeliveryRequestParser {

	static final int MAX_INLINE_RECIPIENTS = 100_000;

	/**
	 * What is wrong with an audience id, or null when it names an audience to send to.
	 */
	private final Function<String, String> audienceProblem;

	private final RequestBinder.Binding binding;

	DeliveryRequestParser(Function<String, String> audienceProblem, RequestBinder binder) {
		this(audienceProblem, binder.binding());
	}

	/**
	 * @param binding the binding of a larger request, which gathers its problems
	 */
	public DeliveryRequestParser(Function<String, String> audienceProblem, RequestBinder.Binding binding) {
		this.audienceProblem = audienceProblem;
		this.binding = binding;
	}

	NewDelivery parse(JsonNode body) {
		NewDelivery delivery = parseFields(this.binding.body(body, DeliveryRequest.class));
		this.binding.check();
		return delivery;
	}

	/**
	 * The delivery the fields describe, or null when any is wrong; the binding says
	 * which.
	 */
	public NewDelivery parseFields(DeliveryRequest request) {
		if (request.from() != null && !this.binding.hasProblem("from")
				&& !EmailAddresses.isValid(request.from().trim())) {
			this.binding.problem("from", "must be an email address such as news@example.com");
		}
		if (request.text() != null && !this.binding.hasProblem("text")) {
			checkText(request.text());
		}
		boolean recipientsGiven = request.recipients() != null || this.binding.hasProblem("recipients");
		boolean audienceGiven = request.audienceId() != null || this.binding.hasProblem("audienceId");
		if (!recipientsGiven && !audienceGiven) {
			this.binding.problem("recipients", "or audienceId is required");
		}
		else if (recipientsGiven && audienceGiven) {
			this.binding.problem("audienceId", "cannot be given together with recipients");
		}
		else if (audienceGiven && !this.binding.hasProblem("audienceId")) {
			String problem = this.audienceProblem.apply(request.audienceId());
			if (problem != null) {
				this.binding.problem("audienceId", problem);
			}
		}
		Duration validity = or(request.validityPeriod(), NewDelivery.DEFAULT_VALIDITY_PERIOD);
		Duration retry = or(request.retryPeriod(), NewDelivery.DEFAULT_RETRY_PERIOD);
		if (!this.binding.hasProblem("validityPeriod") && !this.binding.hasProblem("retryPeriod")
				&& retry.compareTo(validity) > 0) {
			this.binding.problem("retryPeriod", "must not be longer than the validity period");
		}
		if (this.binding.hasProblems()) {
			return null;
		}
		List<Recipient> recipients = (request.recipients() == null) ? null
				: request.recipients()
					.stream()
					.map((r) -> new Recipient(r.email(), r.firstName(), r.lastName(), r.attributes()))
					.toList();
		return new NewDelivery(request.label().trim(), request.from().trim(), request.subject(), request.html(),
				request.text(), recipients, request.audienceId(), or(request.emailFeedbackService(), false),
				or(request.approvalMode(), ApprovalMode.MANUAL), request.contactDate(), validity, retry,
				or(request.tracking(), true),
				(request.guard() == null) ? GuardLimits.NONE : new GuardLimits(request.guard().minimumSample(),
						request.guard().maxHardBounceRate(), request.guard().maxComplaintRate()));
	}

	/**
	 * A text template that cannot be compiled would fail every message of the delivery at
	 * relay; one given blank would send an empty text part.
	 */
	private void checkText(String text) {
		if (text.isBlank()) {
			this.binding.problem("text",
					"must not be blank when given; leave it out to derive the text part from the HTML");
			return;
		}
		try {
			Mustache.compiler().compile(text);
		}
		catch (MustacheException ex) {
			this.binding.problem("text", "has malformed personalisation: " + ex.getMessage());
		}
	}

	private static <T> T or(T value, T fallback) {
		return (value != null) ? value : fallback;
	}

}
