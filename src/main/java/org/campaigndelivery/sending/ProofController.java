package org.campaigndelivery.sending;

import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.campaigndelivery.api.ApiException;
import org.campaigndelivery.audience.EmailAddresses;
import org.campaigndelivery.delivery.Delivery;
import org.campaigndelivery.delivery.DeliveryService;
import org.campaigndelivery.sendinglog.SendingLogs;
import org.campaigndelivery.tracking.MessageTracking;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A proof: the delivery's message personalised for one of its recipients, composed by the
 * same code as the message sent, so what the approver sees is what leaves.
 */
@RestController
@Tag(name = "Preparation")
class ProofController {

	private final DeliveryService deliveries;

	private final SendingLogs logs;

	private final ObjectMapper objectMapper;

	private final MessageTracking tracking;

	private final DkimSigner signer;

	ProofController(DeliveryService deliveries, SendingLogs logs, ObjectMapper objectMapper, MessageTracking tracking,
			DkimSigner signer) {
		this.signer = signer;
		this.deliveries = deliveries;
		this.logs = logs;
		this.objectMapper = objectMapper;
		this.tracking = tracking;
	}

	@GetMapping("/api/deliveries/{id}/proof")
	@Operation(operationId = "getProof", summary = "Read a proof of a delivery's message",
			description = "The message personalised for one recipient, untracked, composed by the code that "
					+ "composes the messages sent.")
	@ApiResponse(responseCode = "200", description = "The personalised message.")
	@ApiResponse(responseCode = "404",
			description = "No delivery has this id, it has no recipient yet, or not the recipient named.")
	Proof proof(@PathVariable String id,
			@Parameter(description = "One of the delivery's recipients; by default the first.",
					example = "alice@example.com") @RequestParam(required = false) String recipient) {
		Delivery delivery = this.deliveries.get(id);
		String named = (recipient == null || recipient.isBlank()) ? null : EmailAddresses.normalise(recipient);
		return this.logs.sample(id, named)
			.map((message) -> new MessageComposer(delivery, this.objectMapper, this.tracking, (log) -> Optional.empty(),
					this.signer)
				.proof(message))
			.orElseThrow(() -> ApiException.notFound(
					(named == null) ? "Delivery " + id + " has no recipient yet: a proof is ready once it is prepared."
							: "Delivery " + id + " has no recipient " + named + "."));
	}

}
