package org.campaigndelivery.audience;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the recipients of deliveries; an audience is the list of lines a delivery
 * targets.
 */
@Service
public class AudienceService {

	private final AudienceRepository repository;

	private final ObjectMapper objectMapper;

	AudienceService(AudienceRepository repository, ObjectMapper objectMapper) {
		this.repository = repository;
		this.objectMapper = objectMapper;
	}

	/**
	 * Stores the recipients given inline with a delivery as an audience of their own;
	 * returns its id.
	 */
	@Transactional
	public String createInline(String name, List<Recipient> recipients, String createdBy) {
		String id = UUID.randomUUID().toString();
		this.repository.insertAudience(id, name, createdBy, OffsetDateTime.now(ZoneOffset.UTC));
		List<AudienceRepository.Member> members = new ArrayList<>(recipients.size());
		int line = 1;
		for (Recipient recipient : recipients) {
			members.add(member(line++, recipient));
		}
		this.repository.insertMembers(id, members);
		return id;
	}

	public boolean exists(String audienceId) {
		return this.repository.exists(audienceId);
	}

	private AudienceRepository.Member member(int line, Recipient recipient) {
		String address = EmailAddresses.normalise(recipient.email());
		AddressState state = (address == null || address.isEmpty()) ? AddressState.EMPTY
				: EmailAddresses.isValid(address) ? AddressState.VALID : AddressState.INVALID;
		return new AudienceRepository.Member(line, address, state, recipient.firstName(), recipient.lastName(),
				json(recipient));
	}

	private String json(Recipient recipient) {
		if (recipient.attributes().isEmpty()) {
			return null;
		}
		try {
			return this.objectMapper.writeValueAsString(recipient.attributes());
		}
		catch (JsonProcessingException ex) {
			throw new IllegalArgumentException("Personalisation fields cannot be stored as JSON", ex);
		}
	}

}
