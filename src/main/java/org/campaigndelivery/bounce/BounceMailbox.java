package org.campaigndelivery.bounce;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.FlagTerm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Reads the bounce mailbox over IMAP: each new message is recorded through
 * {@link BounceIntake}, and only then marked seen, so that a crash between the two reads
 * it again, which changes nothing (a report is applied once, by its digest). One node of
 * a cluster reads per tick: the one that takes the lease in the database.
 */
@Component
public class BounceMailbox implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(BounceMailbox.class);

	private final BounceMailboxProperties properties;

	private final BounceIntake intake;

	private final BounceRepository repository;

	private final String holder = UUID.randomUUID().toString();

	private ScheduledExecutorService scheduler;

	private final Clock clock;

	BounceMailbox(BounceMailboxProperties properties, BounceIntake intake, BounceRepository repository, Clock clock) {
		this.clock = clock;
		this.properties = properties;
		this.intake = intake;
		this.repository = repository;
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		if (!this.properties.enabled()) {
			return;
		}
		this.scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "bounce-mailbox");
			thread.setDaemon(true);
			return thread;
		});
		long interval = this.properties.interval().toMillis();
		this.scheduler.scheduleWithFixedDelay(this::tick, interval, interval, TimeUnit.MILLISECONDS);
		log.info("Reading bounces from {}://{}@{}:{}/{} every {}", this.properties.protocol(),
				this.properties.username(), this.properties.host(), this.properties.port(), this.properties.folder(),
				this.properties.interval());
	}

	private void tick() {
		try {
			OffsetDateTime now = OffsetDateTime.now(this.clock);
			// held a little less than the interval: the next tick, on any node, may take
			// it
			if (this.repository.lease(this.holder, now,
					now.plus(this.properties.interval().multipliedBy(9).dividedBy(10)))) {
				read(this.properties);
			}
		}
		catch (RuntimeException | MessagingException | IOException ex) {
			log.warn("Reading the bounce mailbox failed; next try in {}: {}", this.properties.interval(),
					ex.toString());
		}
	}

	/**
	 * Reads the mailbox once: records each unseen message, then marks it seen.
	 * @return how many messages were recorded
	 */
	public int read(BounceMailboxProperties mailbox) throws MessagingException, IOException {
		Properties session = new Properties();
		session.put("mail." + mailbox.protocol() + ".connectiontimeout", "10000");
		session.put("mail." + mailbox.protocol() + ".timeout", "30000");
		// reading a message must not mark it seen: only recording it does
		session.put("mail." + mailbox.protocol() + ".peek", "true");
		Store store = Session.getInstance(session).getStore(mailbox.protocol());
		store.connect(mailbox.host(), mailbox.port(), mailbox.username(), mailbox.password());
		try {
			Folder folder = store.getFolder(mailbox.folder());
			folder.open(Folder.READ_WRITE);
			try {
				Message[] unseen = folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
				int read = 0;
				for (Message message : unseen) {
					if (read == mailbox.maxPerRead()) {
						break;
					}
					ByteArrayOutputStream raw = new ByteArrayOutputStream();
					message.writeTo(raw);
					this.intake.receive(raw.toByteArray(), InboundReport.Source.MAILBOX, null);
					message.setFlag(Flags.Flag.SEEN, true);
					read++;
				}
				return read;
			}
			finally {
				folder.close(false);
			}
		}
		finally {
			store.close();
		}
	}

	@Override
	public void destroy() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
		}
	}

}
