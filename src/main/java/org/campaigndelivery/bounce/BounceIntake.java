package org.campaigndelivery.bounce;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import jakarta.mail.MessagingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.campaigndelivery.api.InvalidRequestException;
import org.campaigndelivery.api.Paging;
import org.campaigndelivery.api.QueryParameters;
import org.campaigndelivery.bounce.InboundReport.Kind;
import org.campaigndelivery.bounce.InboundReport.Outcome;
import org.campaigndelivery.feedback.FeedbackService;
import org.campaigndelivery.feedback.MtaEvent;
import org.campaigndelivery.sendinglog.MessageIds;
import org.campaigndelivery.sendinglog.SendingLogs;

import org.springframework.stereotype.Service;

/**
 * Takes the reports mail systems send back, whichever door they come through, and turns
 * the bounces and complaints among them into the same MTA events as POST /api/mta/events:
 * a report finds its message by the VERP address it was sent back to, else by the
 * Message-ID it quotes. Auto-replies and other mail are recorded as ignored, never as
 * bounces. The same report received twice is applied once.
 */
@Service
public class BounceIntake {

	private static final Logger log = LoggerFactory.getLogger(BounceIntake.class);

	private final VerpAddresses verp;

	private final SendingLogs logs;

	private final FeedbackService feedback;

	private final BounceRepository repository;

	private final Clock clock;

	BounceIntake(VerpAddresses verp, SendingLogs logs, FeedbackService feedback, BounceRepository repository,
			Clock clock) {
		this.clock = clock;
		this.verp = verp;
		this.logs = logs;
		this.feedback = feedback;
		this.repository = repository;
	}

	/**
	 * @param envelopeRecipient the address the report was delivered to, when the caller
	 * knows it (a pipe from the MTA does); null to read it from the report's headers
	 */
	public InboundReport receive(byte[] raw, InboundReport.Source source, String envelopeRecipient) {
		String id = sha256(raw);
		Optional<InboundReport> known = this.repository.report(id);
		if (known.isPresent()) {
			return known.get();
		}
		ReportParser.Report report;
		try {
			report = ReportParser.parse(raw);
		}
		catch (MessagingException | IOException | RuntimeException ex) {
			if (source == InboundReport.Source.ENDPOINT) {
				throw new InvalidRequestException("(body)", "is not a mail message: " + ex.getMessage());
			}
			return record(new InboundReport(id, source, Kind.OTHER, Outcome.IGNORED, 0, null,
					truncate("not readable as a mail message: " + ex.getMessage()), now()));
		}
		if (report.findings().isEmpty()) {
			return record(new InboundReport(id, source, report.kind(), Outcome.IGNORED, 0, messageId(report, null),
					truncate(report.detail()), now()));
		}
		String messageId = messageId(report, envelopeRecipient);
		if (messageId == null) {
			return record(new InboundReport(id, source, report.kind(), Outcome.UNMATCHED, 0, null,
					truncate(describe(report) + "; it names no message of ours (no VERP address, no Message-ID)"),
					now()));
		}
		List<MtaEvent> events = new ArrayList<>();
		for (ReportParser.Finding finding : report.findings()) {
			events.add(new MtaEvent(messageId, finding.type(), truncate(finding.smtpStatus(), 64),
					truncate(finding.diagnostic()), finding.at()));
		}
		FeedbackService.Receipt receipt = this.feedback.receive(events);
		Outcome outcome = (receipt.unknown() == events.size()) ? Outcome.UNMATCHED : Outcome.RECORDED;
		return record(new InboundReport(id, source, report.kind(), outcome, events.size(), messageId,
				truncate(describe(report)), now()));
	}

	/**
	 * Deletes the first reports received before the given time, up to the limit, for the
	 * cleanup process.
	 * @return how many
	 */
	public int purgeReports(OffsetDateTime before, int limit) {
		return this.repository.purgeReportsBefore(before, limit);
	}

	public List<InboundReport> reports(String outcome, Paging paging) {
		return this.repository.reports(QueryParameters.optionalEnum("outcome", outcome, Outcome.class), paging);
	}

	private InboundReport record(InboundReport report) {
		this.repository.insert(report);
		log.info("{} report from {}: {} ({})", report.kind(), report.source(), report.outcome(), report.detail());
		return report;
	}

	/**
	 * The Message-ID of the message a report is about: from the VERP address it came back
	 * to (the signed log id), else the envelope id it was sent with, else the one the
	 * returned headers or the report quote.
	 */
	private String messageId(ReportParser.Report report, String envelopeRecipient) {
		List<String> candidates = new ArrayList<>();
		candidates.add(envelopeRecipient);
		candidates.addAll(report.headers().addressedTo());
		candidates.add(report.headers().originalSender());
		candidates.add(report.returnedHeader("Return-Path"));
		for (String candidate : candidates) {
			OptionalLong logId = this.verp.logId(candidate);
			if (logId.isPresent()) {
				Optional<String> messageId = this.logs.messageIdOf(logId.getAsLong());
				if (messageId.isPresent()) {
					return messageId.get();
				}
			}
		}
		Optional<String> enveloped = MessageIds.ofEnvelopeId(report.headers().envelopeId());
		if (enveloped.isPresent()) {
			return truncate(enveloped.get(), 255);
		}
		String quoted = report.returnedHeader("Message-ID");
		if (quoted == null) {
			quoted = report.headers().originalMessageId();
		}
		return (quoted == null || quoted.isBlank()) ? null : truncate(quoted.trim(), 255);
	}

	private static String describe(ReportParser.Report report) {
		ReportParser.Finding first = report.findings().get(0);
		return first.type() + " for " + first.recipient()
				+ ((first.smtpStatus() != null) ? " (" + first.smtpStatus() + ")" : "")
				+ ((first.diagnostic() != null) ? ": " + first.diagnostic() : "");
	}

	private static String truncate(String text) {
		return truncate(text, 1000);
	}

	/**
	 * Text from a foreign report as it can be stored: at most max characters, without NUL
	 * (no database keeps one in text).
	 */
	static String truncate(String text, int max) {
		if (text == null) {
			return null;
		}
		String clean = text.replace("\u0000", "");
		return (clean.length() <= max) ? clean : clean.substring(0, max);
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(this.clock);
	}

	private static String sha256(byte[] raw) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

}
