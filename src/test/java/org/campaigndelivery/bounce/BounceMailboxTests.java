package org.campaigndelivery.bounce;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.campaigndelivery.support.ApplicationTest;
import org.campaigndelivery.support.DeliveryFlow;
import org.campaigndelivery.support.DeliveryRequests;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campaigndelivery.support.DeliveryRequests.delivery;

/** The bounce mailbox read over IMAP, from GreenMail's IMAP server. */
@ApplicationTest
class BounceMailboxTests {

	@RegisterExtension
	static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP_IMAP);

	private static final String ADDRESS = "bounces@bounce.example.com";

	@Autowired
	DeliveryFlow flow;

	@Autowired
	VerpAddresses verp;

	@Autowired
	BounceMailbox mailbox;

	@Autowired
	BounceRepository repository;

	@Test
	void eachBounceIsRecordedThenMarkedSeenAndAReadAgainAfterACrashChangesNothing() throws Exception {
		List<Map<String, Object>> recipients = DeliveryRequests.freshRecipients(3);
		String id = this.flow.relay(delivery().with("recipients", recipients));
		GreenMailUser user = mail.setUser(ADDRESS, ADDRESS, "secret");
		user.deliver(bounce("postfix-hard.eml", id, DeliveryRequests.email(recipients, 1)));
		user.deliver(bounce("exim-mailbox-full.eml", id, DeliveryRequests.email(recipients, 2)));
		user.deliver(bounce("out-of-office.eml", id, DeliveryRequests.email(recipients, 3)));
		BounceMailboxProperties imap = new BounceMailboxProperties("localhost", ServerSetupTest.IMAP.getPort(), "imap",
				ADDRESS, "secret", "INBOX", Duration.ofMinutes(1), 100);

		assertThat(this.mailbox.read(imap)).isEqualTo(3);

		this.flow.assertLog(id, DeliveryRequests.email(recipients, 1), "FAILED", "HARD", "USER_UNKNOWN");
		this.flow.assertLog(id, DeliveryRequests.email(recipients, 2), "SENT", "SOFT", "MAILBOX_FULL");
		this.flow.assertLog(id, DeliveryRequests.email(recipients, 3), "SENT", null, null);
		assertThat(unseen()).isZero();
		assertThat(this.mailbox.read(imap)).isZero();

		// a node that died after recording the messages but before marking them seen
		markAllUnseen();
		assertThat(this.mailbox.read(imap)).isEqualTo(3);
		assertThat(this.flow.rates(id)[1]).isEqualTo(100.0 / 3, org.assertj.core.data.Offset.offset(0.01));
		this.flow.assertLog(id, DeliveryRequests.email(recipients, 1), "FAILED", "HARD", "USER_UNKNOWN");
	}

	@Test
	void oneNodeAtATimeHoldsTheMailboxLease() {
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);

		assertThat(this.repository.lease("node-a", now, now.plusSeconds(50))).isTrue();
		assertThat(this.repository.lease("node-b", now.plusSeconds(10), now.plusSeconds(60))).isFalse();
		assertThat(this.repository.lease("node-a", now.plusSeconds(20), now.plusSeconds(70))).isTrue();
		assertThat(this.repository.lease("node-b", now.plusSeconds(71), now.plusSeconds(120))).isTrue();
		assertThat(this.repository.lease("node-a", now.plusSeconds(80), now.plusSeconds(130))).isFalse();
	}

	private int unseen() throws Exception {
		try (Store store = store(); Folder inbox = store.getFolder("INBOX")) {
			inbox.open(Folder.READ_ONLY);
			return inbox.getUnreadMessageCount();
		}
	}

	private void markAllUnseen() throws Exception {
		try (Store store = store(); Folder inbox = store.getFolder("INBOX")) {
			inbox.open(Folder.READ_WRITE);
			for (Message message : inbox.getMessages()) {
				message.setFlag(Flags.Flag.SEEN, false);
			}
		}
	}

	private static Store store() throws Exception {
		Store store = Session.getInstance(new Properties()).getStore("imap");
		store.connect("localhost", ServerSetupTest.IMAP.getPort(), ADDRESS, "secret");
		return store;
	}

	private MimeMessage bounce(String file, String deliveryId, String recipient) throws Exception {
		String text = BounceFixtures.report(this.flow, this.verp, file, deliveryId, recipient, true);
		return new MimeMessage(Session.getInstance(new Properties()),
				new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
	}

}
