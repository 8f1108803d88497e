package org.campaigndelivery.audience;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.campaigndelivery.api.InvalidRequestException;
import org.campaigndelivery.api.Paging;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the recipients of deliveries; an audience is the list of lines a delivery
 * targets.
 */
@Service
public class AudienceService {

	private static final int BATCH = 1000;

	private static final int HEADER_LIMIT = 65_536;

	private final AudienceRepository repository;

	private final ObjectMapper objectMapper;

	private final Clock clock;

	AudienceService(AudienceRepository repository, ObjectMapper objectMapper, Clock clock) {
		this.clock = clock;
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
		this.repository.insertAudience(id, name, createdBy, OffsetDateTime.now(this.clock));
		List<AudienceRepository.Member> members = new ArrayList<>(recipients.size());
		int line = 1;
		for (Recipient recipient : recipients) {
			members.add(member(line++, recipient));
		}
		this.repository.insertMembers(id, members);
		this.repository.imported(members.size());
		return id;
	}

	/**
	 * Streams a CSV file (header row with an email column; firstName, lastName and any
	 * other column personalise) into a new audience in batches, so that its size does not
	 * matter. Lines that cannot be read are rejected by line number; an empty or invalid
	 * address is kept, and excluded when a delivery is prepared.
	 */
	@Transactional
	public ImportResult importCsv(String name, Reader body, String createdBy) throws IOException {
		BufferedReader reader = new BufferedReader(body, 65536);
		reader.mark(1);
		if (reader.read() != '\uFEFF') {
			reader.reset();
		}
		String firstLine = peekHeader(reader);
		if (firstLine == null || firstLine.isBlank()) {
			throw new InvalidRequestException("(body)", "must start with a header row naming an email column");
		}
		char separator = firstLine.indexOf(';') >= 0 && firstLine.indexOf(',') < 0 ? ';' : ',';
		try (CsvRecords csv = new CsvRecords(reader, separator)) {
			return importRecords(name, csv, createdBy);
		}
	}

	/**
	 * The header row, read ahead and given back to the reader: a row longer than the
	 * read-ahead could not be given back, and no real header comes near it.
	 */
	private static String peekHeader(BufferedReader reader) throws IOException {
		reader.mark(HEADER_LIMIT + 1);
		StringBuilder header = new StringBuilder();
		for (int c = reader.read(); c != -1 && c != '\n' && c != '\r'; c = reader.read()) {
			if (header.length() == HEADER_LIMIT) {
				throw new InvalidRequestException("(body)",
						"must start with a header row of at most " + HEADER_LIMIT + " characters");
			}
			header.append((char) c);
		}
		reader.reset();
		return header.toString();
	}

	private ImportResult importRecords(String name, CsvRecords csv, String createdBy) {
		Columns columns = Columns.of(csv.read());
		String id = UUID.randomUUID().toString();
		this.repository.insertAudience(id, name, createdBy, OffsetDateTime.now(this.clock));
		List<AudienceRepository.Member> members = new ArrayList<>(BATCH);
		List<AudienceRepository.Rejection> rejections = new ArrayList<>();
		int imported = 0;
		int rejected = 0;
		for (CsvRecords.Record record = csv.read(); record != null; record = csv.read()) {
			if (record.blank() && record.problem() == null) {
				continue;
			}
			String problem = record.problem() != null ? record.problem() : columns.check(record.fields());
			if (problem != null) {
				rejections.add(new AudienceRepository.Rejection(record.line(), problem));
				rejected++;
			}
			else {
				members.add(member(record.line(), columns.recipient(record.fields())));
				imported++;
			}
			if (members.size() == BATCH) {
				this.repository.insertMembers(id, members);
				members.clear();
			}
			if (rejections.size() == BATCH) {
				this.repository.insertRejections(id, rejections);
				rejections.clear();
			}
		}
		this.repository.insertMembers(id, members);
		this.repository.insertRejections(id, rejections);
		this.repository.imported(imported);
		return new ImportResult(id, imported, rejected);
	}

	public Optional<AudienceSummary> find(String audienceId) {
		return this.repository.summary(audienceId);
	}

	public List<AudienceRepository.Rejection> rejections(String audienceId, Paging paging) {
		return this.repository.rejections(audienceId, paging);
	}

	/**
	 * Deletes the first recipients and rejected lines of an audience no delivery uses any
	 * more, up to the limit, for the cleanup process; the audience itself stays.
	 * @return how many
	 */
	public int purgeMembers(String audienceId, int limit) {
		return this.repository.purgeMembers(audienceId, limit);
	}

	/** The audience's recipients and rejected lines are purged. */
	public void membersPurged(String audienceId) {
		this.repository.markMembersPurged(audienceId, OffsetDateTime.now(this.clock));
	}

	/**
	 * What keeps a new delivery from sending to the audience, or null when nothing does.
	 */
	public String problemWith(String audienceId) {
		Optional<AudienceSummary> audience = this.repository.summary(audienceId);
		if (audience.isEmpty()) {
			return "names no audience";
		}
		if (audience.get().membersPurgedAt() != null) {
			return "names an audience whose recipients the cleanup process purged on "
					+ audience.get().membersPurgedAt()
					+ ", no delivery having used it for delivery.retention.audiences: import them again";
		}
		return null;
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

	/**
	 * @param rejected lines that could not be read, listed at
	 * /api/audiences/{id}/rejections
	 */
	public record ImportResult(String id, int imported, int rejected) {
	}

}
