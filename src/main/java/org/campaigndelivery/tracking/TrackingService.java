package org.campaigndelivery.tracking;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.campaigndelivery.quarantine.QuarantineService;
import org.campaigndelivery.sendinglog.SendingLogs;

import org.springframework.stereotype.Service;

/**
 * Opens, clicks and unsubscribes that recipients' mail clients report through the signed
 * URLs of their messages, and the figures counted from them.
 */
@Service
public class TrackingService {

	/** The reason kept on the denylist for an address whose owner unsubscribed. */
	public static final String UNSUBSCRIBED = "UNSUBSCRIBED";

	private static final int MAX_USER_AGENT = 1000;

	private final TrackingTokens tokens;

	private final TrackingRecorder recorder;

	private final TrackingRepository repository;

	private final SendingLogs logs;

	private final QuarantineService quarantine;

	private final HitClassifier classifier;

	private final Clock clock;

	TrackingService(TrackingTokens tokens, TrackingRecorder recorder, TrackingRepository repository, SendingLogs logs,
			QuarantineService quarantine, TrackingProperties properties, Clock clock) {
		this.clock = clock;
		this.tokens = tokens;
		this.recorder = recorder;
		this.repository = repository;
		this.logs = logs;
		this.quarantine = quarantine;
		this.classifier = new HitClassifier(properties.automatedHitWindow());
	}

	/** Records the open the pixel's token names; false when it names nothing. */
	boolean open(String token, String userAgent) {
		return hit(token, Token.Kind.OPEN, userAgent).isPresent();
	}

	/** Records the click and answers the link it leads to, if the token names one. */
	Optional<String> click(String token, String userAgent) {
		return hit(token, Token.Kind.CLICK, userAgent).map(Token::url);
	}

	/** Whether the token is a valid unsubscribe token, without acting on it. */
	boolean isUnsubscribe(String token) {
		return this.tokens.verify(token).filter((t) -> t.kind() == Token.Kind.UNSUBSCRIBE).isPresent();
	}

	/**
	 * Puts the address the message went to on the denylist.
	 * @return false when the token names no message
	 */
	boolean unsubscribe(String token) {
		Optional<String> address = this.tokens.verify(token)
			.filter((t) -> t.kind() == Token.Kind.UNSUBSCRIBE)
			.flatMap((t) -> this.logs.recipientOf(t.logId()));
		address.ifPresent((a) -> this.quarantine.optOut(a, UNSUBSCRIBED));
		return address.isPresent();
	}

	/**
	 * Deletes the first hits recorded before the given time, up to the limit, for the
	 * cleanup process; the hits of deliveries whose opens and clicks are still recounted
	 * stay.
	 * @return how many
	 */
	public int purgeHits(OffsetDateTime before, List<String> stillCounted, int limit) {
		this.recorder.flush();
		return this.repository.purgeBefore(before, stillCounted, limit);
	}

	/** Unique opens and clicks of the delivery, from every hit recorded until now. */
	public Engagement engagement(String deliveryId) {
		this.recorder.flush();
		return this.repository.engagement(deliveryId);
	}

	/** Counted opens and clicks of each of the messages. */
	public List<Engagement.OfMessage> engagementOf(List<Long> logIds) {
		this.recorder.flush();
		return this.repository.engagementOf(logIds);
	}

	private Optional<Token> hit(String token, Token.Kind kind, String userAgent) {
		Optional<Token> verified = this.tokens.verify(token).filter((t) -> t.kind() == kind);
		verified.ifPresent((t) -> {
			Instant now = this.clock.instant();
			Hit.Kind hitKind = kind == Token.Kind.OPEN ? Hit.Kind.OPEN : Hit.Kind.CLICK;
			String agent = userAgent == null ? null
					: userAgent.substring(0, Math.min(userAgent.length(), MAX_USER_AGENT));
			this.recorder
				.record(new Hit(t.deliveryId(), t.logId(), hitKind, t.url(), agent, now.atOffset(ZoneOffset.UTC),
						this.classifier.flag(hitKind, agent, Instant.ofEpochSecond(t.relayedAt()), now)));
		});
		return verified;
	}

}
