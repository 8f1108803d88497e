package org.campaigndelivery.bounce;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.campaigndelivery.support.ApplicationTest;
import org.campaigndelivery.support.DeliveryFlow;
import org.campaigndelivery.support.DeliveryRequests;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campaigndelivery.support.DeliveryRequests.delivery;

/**
 * Amazon SES notifications through SNS and SendGrid's Event Webhook, with the payloads of
 * the providers' documentation, signed as the providers sign them: SNS with a certificate
 * this test serves at a URL the test configuration trusts, SendGrid with the test key
 * pair whose public half the configuration holds.
 */
@ApplicationTest
class ProviderHooksTests {

	private static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:ses-feedback";

	/** The private half of the test configuration's SendGrid verification key. */
	private static final String SENDGRID_PRIVATE_KEY = "MEECAQAwEwYHKoZIzj0CAQYIKoZIzj0DAQcEJzAlAgEBBCAQ6dJWVvM4QZEY9SsGVeBcNVcpdvWjYR86FLVWxR2pPw==";

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

	private static HttpServer aws;

	private static PrivateKey snsKey;

	private static final AtomicInteger confirmations = new AtomicInteger();

	@Autowired
	DeliveryFlow flow;

	@Autowired
	TestRestTemplate rest;

	@Autowired
	ObjectMapper objectMapper;

	@BeforeAll
	static void serveTheSigningCertificate(@TempDir Path dir) throws Exception {
		Path keystore = dir.resolve("sns.p12");
		Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
				"-genkeypair", "-alias", "sns", "-keyalg", "RSA", "-keysize", "2048", "-dname",
				"CN=sns.eu-west-1.amazonaws.com", "-validity", "2", "-storetype", "PKCS12", "-keystore",
				keystore.toString(), "-storepass", "changeit")
			.redirectErrorStream(true)
			.start();
		keytool.getInputStream().readAllBytes();
		assertThat(keytool.waitFor()).isZero();
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(keystore)) {
			store.load(in, "changeit".toCharArray());
		}
		snsKey = (PrivateKey) store.getKey("sns", "changeit".toCharArray());
		Certificate certificate = store.getCertificate("sns");
		byte[] pem = ("-----BEGIN CERTIFICATE-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
					.encodeToString(certificate.getEncoded())
				+ "\n-----END CERTIFICATE-----\n")
			.getBytes(StandardCharsets.US_ASCII);
		aws = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		aws.createContext("/SimpleNotificationService-0123456789abcdef.pem", (exchange) -> {
			exchange.sendResponseHeaders(200, pem.length);
			exchange.getResponseBody().write(pem);
			exchange.close();
		});
		aws.createContext("/confirm", (exchange) -> {
			confirmations.incrementAndGet();
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		aws.start();
	}

	@AfterAll
	static void stop() {
		aws.stop(0);
	}

	@Test
	void sesBounceComplaintAndDeliveryNotificationsMoveTheLogs() throws Exception {
		List<Map<String, Object>> recipients = DeliveryRequests.freshRecipients(3);
		String id = this.flow.relay(delivery().with("recipients", recipients).with("emailFeedbackService", true));
		String jane = DeliveryRequests.email(recipients, 1);
		String richard = DeliveryRequests.email(recipients, 2);
		String ann = DeliveryRequests.email(recipients, 3);

		// Amazon SES's documented examples, with this delivery's addresses and
		// Message-IDs
		String bounce = """
				{"notificationType":"Bounce","bounce":{"bounceType":"Permanent","reportingMTA":"dns; email.example.com",
				"bouncedRecipients":[{"emailAddress":"%s","status":"5.1.1","action":"failed",
				"diagnosticCode":"smtp; 550 5.1.1 <%s>... User"}],"bounceSubType":"General",
				"timestamp":"%s","feedbackId":"00000138111222aa-33322211-cccc-cccc-cccc-ddddaaaa068a-000000",
				"remoteMtaIp":"127.0.2.0"},"mail":{"timestamp":"%s","source":"news@example.com",
				"sourceArn":"arn:aws:ses:eu-west-1:123456789012:identity/example.com","sendingAccountId":"123456789012",
				"messageId":"00000138111222aa-33322211-cccc-cccc-cccc-ddddaaaa0680-000000","destination":["%s"],
				"headersTruncated":false,"headers":[{"name":"From","value":"news@example.com"},{"name":"To","value":"%s"},
				{"name":"Message-ID","value":"%s"},{"name":"Subject","value":"Hello"}],
				"commonHeaders":{"from":["news@example.com"],"to":["%s"],"messageId":"%s","subject":"Hello"}}}
				"""
			.formatted(jane, jane, now(), now(), jane, jane, messageId(id, jane), jane, messageId(id, jane));
		String complaint = """
				{"notificationType":"Complaint","complaint":{"userAgent":"AnyCompany Feedback Loop (V0.01)",
				"complainedRecipients":[{"emailAddress":"%s"}],"complaintFeedbackType":"abuse",
				"arrivalDate":"%s","timestamp":"%s","feedbackId":"000001378603177f-18c07c78-fa81-4a58-9dd1-fedc3cb8f49a-000000"},
				"mail":{"timestamp":"%s","messageId":"000001378603177f-7a5433e7-8edb-42ae-af10-f0181f34d6ee-000000",
				"source":"news@example.com","destination":["%s"],"headersTruncated":false,
				"commonHeaders":{"from":["news@example.com"],"to":["%s"],"messageId":"%s","subject":"Hello"}}}
				"""
			.formatted(richard, now(), now(), now(), richard, richard, messageId(id, richard));
		String delivered = """
				{"notificationType":"Delivery","mail":{"timestamp":"%s","messageId":"0000014644fe5ef6-9a483358-9170-4cb4-a269-f5dcdf415321-000000",
				"source":"news@example.com","destination":["%s"],"headers":[{"name":"Message-ID","value":"%s"}]},
				"delivery":{"timestamp":"%s","processingTimeMillis":546,"recipients":["%s"],
				"smtpResponse":"250 ok:  Message 64111812 accepted","reportingMTA":"a8-70.smtp-out.amazonses.com",
				"remoteMtaIp":"127.0.2.0"}}
				"""
			.formatted(now(), ann, messageId(id, ann), now(), ann);

		for (String notification : List.of(bounce, complaint, delivered)) {
			ResponseEntity<String> response = postSns(sns("Notification", notification, "1"));
			assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(202);
		}

		this.flow.assertLog(id, jane, "FAILED", "HARD", "USER_UNKNOWN");
		assertThat(this.flow.as("demo").get("/api/quarantine/" + richard).json().get("status").asText())
			.isEqualTo("DENYLIST");
		this.flow.assertLog(id, ann, "SENT", null, null);
		this.flow.rates(id);
	}

	@Test
	void anSesTransientBounceIsOursToRetryAndAnSesDeliveryDelayIsAWarningOnly() throws Exception {
		List<Map<String, Object>> recipients = DeliveryRequests.freshRecipients(2);
		String id = this.flow.relay(delivery().with("recipients", recipients).with("emailFeedbackService", true));
		String full = DeliveryRequests.email(recipients, 1);
		String slow = DeliveryRequests.email(recipients, 2);
		// SES gave up on a temporary failure: the message is no longer held anywhere
		String transient_ = """
				{"notificationType":"Bounce","bounce":{"bounceType":"Transient","bounceSubType":"MailboxFull",
				"bouncedRecipients":[{"emailAddress":"%s","status":"4.2.2","action":"failed",
				"diagnosticCode":"smtp; 452 4.2.2 Mailbox full"}],"timestamp":"%s",
				"feedbackId":"0100017a-transient"},"mail":{"timestamp":"%s","source":"news@example.com",
				"messageId":"0100017a-transient-mail","destination":["%s"],
				"headers":[{"name":"Message-ID","value":"%s"}]}}
				""".formatted(full, now(), now(), full, messageId(id, full));
		// SES's event publishing: it still holds the message and keeps trying
		String delay = """
				{"eventType":"DeliveryDelay","mail":{"timestamp":"%s","source":"news@example.com",
				"messageId":"0100017a-delay-mail","destination":["%s"],"headers":[{"name":"Message-ID","value":"%s"}]},
				"deliveryDelay":{"timestamp":"%s","delayType":"MailboxFull","expirationTime":"%s",
				"delayedRecipients":[{"emailAddress":"%s","status":"4.2.2","diagnosticCode":"smtp; 452 4.2.2 Mailbox full"}]}}
				"""
			.formatted(now(), slow, messageId(id, slow), now(), now(), slow);

		for (String notification : List.of(transient_, delay)) {
			ResponseEntity<String> response = postSns(sns("Notification", notification, "1"));
			assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(202);
		}

		this.flow.assertLog(id, full, "FAILED", "SOFT", "MAILBOX_FULL");
		this.flow.assertLog(id, slow, "PENDING", null, null);
		assertThat(this.flow.log(id, slow).get("delayed").get("notice").asText()).contains("4.2.2 Mailbox full");
		this.flow.retryWave(id);
		assertThat(this.flow.log(id, full).get("attempts").asInt()).isEqualTo(2);
		assertThat(this.flow.log(id, slow).get("attempts").asInt()).isEqualTo(1);
	}

	@Test
	void snsMessagesNotSignedByTheTrustedCertificateOrFromAnotherTopicAreRefused() throws Exception {
		List<Map<String, Object>> recipients = DeliveryRequests.freshRecipients(1);
		String id = this.flow.relay(delivery().with("recipients", recipients));
		String jane = DeliveryRequests.email(recipients, 1);
		String bounce = """
				{"notificationType":"Bounce","bounce":{"bounceType":"Permanent","bouncedRecipients":[{"emailAddress":"%s",
				"status":"5.1.1"}],"timestamp":"%s"},"mail":{"commonHeaders":{"messageId":"%s"}}}
				"""
			.formatted(jane, now(), messageId(id, jane));
		Map<String, Object> signed = sns("Notification", bounce, "2");

		Map<String, Object> altered = new LinkedHashMap<>(signed);
		altered.put("Message", bounce.replace("Permanent", "Transient"));
		Map<String, Object> elsewhere = new LinkedHashMap<>(signed);
		elsewhere.put("SigningCertURL", "https://attacker.example.com/SimpleNotificationService-0123456789abcdef.pem");
		Map<String, Object> otherTopic = new LinkedHashMap<>(signed);
		otherTopic.put("TopicArn", "arn:aws:sns:eu-west-1:999999999999:theirs");

		for (Map<String, Object> refused : List.of(altered, elsewhere, otherTopic)) {
			ResponseEntity<String> response = postSns(refused);
			assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(403);
			assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
		}
		this.flow.assertLog(id, jane, "SENT", null, null);
		assertThat(postSns(signed).getStatusCode().value()).isEqualTo(202);
		this.flow.assertLog(id, jane, "FAILED", "HARD", "USER_UNKNOWN");
	}

	@Test
	void anSnsSubscriptionIsConfirmedOnItsSignedUrl() throws Exception {
		int before = confirmations.get();
		Map<String, Object> confirmation = new LinkedHashMap<>();
		confirmation.put("Type", "SubscriptionConfirmation");
		confirmation.put("MessageId", "165545c9-2a5c-472c-8df2-7ff2be2b3b1b");
		confirmation.put("Token",
				"2336412f37fb687f5d51e6e241d09c805a5a57b30d712f794cc5f6a988666d92768dd60a747ba6f3beb71854e285d6ad02428b09ceece29417f1f02d609c582afbacc99c583a916b9981dd2728f4ae6fdb82efd087cc3b7849e05798d2d2785c03b0879594eeac82c01f235d0e717736");
		confirmation.put("TopicArn", TOPIC);
		confirmation.put("Message", "You have chosen to subscribe to the topic " + TOPIC
				+ ".\nTo confirm the subscription, visit the SubscribeURL included in this message.");
		confirmation.put("SubscribeURL",
				"http://127.0.0.1:" + aws.getAddress().getPort() + "/confirm?Action=ConfirmSubscription");
		confirmation.put("Timestamp", now());
		sign(confirmation, "1");

		assertThat(postSns(confirmation).getStatusCode().value()).isEqualTo(202);
		assertThat(confirmations.get()).isEqualTo(before + 1);
	}

	@Test
	void signedSendGridEventsMoveTheLogsAndUnsignedOrStaleOnesAreRefused() throws Exception {
		List<Map<String, Object>> recipients = DeliveryRequests.freshRecipients(4);
		String id = this.flow.relay(delivery().with("recipients", recipients).with("emailFeedbackService", true));
		String[] r = { null, DeliveryRequests.email(recipients, 1), DeliveryRequests.email(recipients, 2),
				DeliveryRequests.email(recipients, 3), DeliveryRequests.email(recipients, 4) };
		long t = Instant.now().getEpochSecond() + 1;
		// SendGrid's documented example batch, with this delivery's addresses and
		// Message-IDs
		String batch = """
				[{"email":"%1$s","timestamp":%9$d,"smtp-id":"%2$s","event":"processed","category":"cat facts","sg_event_id":"rbtnWrG1DVDGGGFHFyun0A==","sg_message_id":"14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.000000000000000000000"},
				 {"email":"%1$s","timestamp":%9$d,"smtp-id":"%2$s","event":"deferred","category":"cat facts","sg_event_id":"t7LEShmowp86DTdUW8M-GQ==","sg_message_id":"14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.000000000000000000000","response":"400 try again later","attempt":"5"},
				 {"email":"%1$s","timestamp":%9$d,"smtp-id":"%2$s","event":"delivered","category":"cat facts","sg_event_id":"rWVYmVk90MjZJ9iohOBa3w==","sg_message_id":"14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.000000000000000000000","response":"250 OK"},
				 {"email":"%1$s","timestamp":%9$d,"smtp-id":"%2$s","event":"open","category":"cat facts","sg_event_id":"FOTFFO0ecsBE-zxFXfs6WA==","sg_message_id":"14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.000000000000000000000","useragent":"Mozilla/4.0","ip":"255.255.255.255"},
				 {"email":"%3$s","timestamp":%9$d,"smtp-id":"%4$s","event":"bounce","category":"cat facts","sg_event_id":"6g4ZI7SA-xmRDv57GoPIPw==","sg_message_id":"14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.000000000000000000000","reason":"500 unknown recipient","status":"5.1.1","type":"bounce"},
				 {"email":"%5$s","timestamp":%9$d,"smtp-id":"%6$s","event":"dropped","category":"cat facts","sg_event_id":"zmzJhfJgAfUSOW80yYbPyw==","sg_message_id":"14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.000000000000000000000","reason":"Bounced Address","status":"5.0.0"},
				 {"email":"%7$s","timestamp":%9$d,"smtp-id":"%8$s","event":"spamreport","category":"cat facts","sg_event_id":"37nvH5QBz858KGVYCM4uOA==","sg_message_id":"14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.000000000000000000000"},
				 {"email":"%7$s","timestamp":%9$d,"smtp-id":"%8$s","event":"unsubscribe","category":"cat facts","sg_event_id":"U_NBldwTfNMVgSTZ5TdJWQ==","sg_message_id":"14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.000000000000000000000"}]
				"""
			.formatted(r[1], messageId(id, r[1]), r[2], messageId(id, r[2]), r[3], messageId(id, r[3]), r[4],
					messageId(id, r[4]), t);
		byte[] body = batch.getBytes(StandardCharsets.UTF_8);

		assertThat(postSendGrid(body,
				"MEUCIQCtIHJeH93Y+qpYeWrySphQgpNGNr/U+UyUlBkU6n7RAwIgJTz/C+V3Hm5SsRmBg6hLZu1lR4qRi1QiN3ocV1Lg0Y0=",
				String.valueOf(t))
			.getStatusCode()
			.value()).isEqualTo(403);
		assertThat(postSendGrid(body, signSendGrid(t, body), String.valueOf(t - 3600)).getStatusCode().value())
			.isEqualTo(403);
		this.flow.assertLog(id, r[1], "PENDING", null, null);

		ResponseEntity<String> accepted = postSendGrid(body, signSendGrid(t, body), String.valueOf(t));

		assertThat(accepted.getStatusCode().value()).as(accepted.getBody()).isEqualTo(202);
		assertThat(this.objectMapper.readTree(accepted.getBody()).get("events").asInt()).isEqualTo(5);
		this.flow.assertLog(id, r[1], "SENT", null, null);
		assertThat(this.flow.log(id, r[1]).get("delayed").get("notice").asText()).isEqualTo("400 try again later");
		this.flow.assertLog(id, r[2], "FAILED", "HARD", "USER_UNKNOWN");
		this.flow.assertLog(id, r[3], "FAILED", "HARD", "NOT_DEFINED");
		assertThat(this.flow.as("demo").get("/api/quarantine/" + r[4]).json().get("status").asText())
			.isEqualTo("DENYLIST");
		this.flow.rates(id);
	}

	private String messageId(String deliveryId, String recipient) {
		return this.flow.log(deliveryId, recipient).get("messageId").asText();
	}

	private Map<String, Object> sns(String type, String message, String version) throws Exception {
		Map<String, Object> sns = new LinkedHashMap<>();
		sns.put("Type", type);
		sns.put("MessageId", java.util.UUID.randomUUID().toString());
		sns.put("TopicArn", TOPIC);
		sns.put("Message", message);
		sns.put("Timestamp", now());
		sign(sns, version);
		sns.put("UnsubscribeURL", "http://127.0.0.1/unsubscribe");
		return sns;
	}

	/** Signs as SNS does: the fields in their documented order, "name\nvalue\n" each. */
	private static void sign(Map<String, Object> sns, String version) throws Exception {
		List<String> order = "Notification".equals(sns.get("Type"))
				? List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type")
				: List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type");
		StringBuilder text = new StringBuilder();
		for (String field : order) {
			if (sns.containsKey(field)) {
				text.append(field).append('\n').append(sns.get(field)).append('\n');
			}
		}
		Signature signature = Signature.getInstance("1".equals(version) ? "SHA1withRSA" : "SHA256withRSA");
		signature.initSign(snsKey);
		signature.update(text.toString().getBytes(StandardCharsets.UTF_8));
		sns.put("SignatureVersion", version);
		sns.put("Signature", Base64.getEncoder().encodeToString(signature.sign()));
		sns.put("SigningCertURL",
				"http://127.0.0.1:" + aws.getAddress().getPort() + "/SimpleNotificationService-0123456789abcdef.pem");
	}

	private static String signSendGrid(long timestamp, byte[] body) throws Exception {
		PrivateKey key = KeyFactory.getInstance("EC")
			.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(SENDGRID_PRIVATE_KEY)));
		Signature signature = Signature.getInstance("SHA256withECDSA");
		signature.initSign(key);
		signature.update(String.valueOf(timestamp).getBytes(StandardCharsets.UTF_8));
		signature.update(body);
		return Base64.getEncoder().encodeToString(signature.sign());
	}

	/** SNS posts as text/plain, without credentials. */
	private ResponseEntity<String> postSns(Map<String, Object> message) throws IOException {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.TEXT_PLAIN);
		headers.set("x-amz-sns-message-type", String.valueOf(message.get("Type")));
		return this.rest.exchange("/api/hooks/ses", HttpMethod.POST,
				new HttpEntity<>(this.objectMapper.writeValueAsString(message), headers), String.class);
	}

	private ResponseEntity<String> postSendGrid(byte[] body, String signature, String timestamp) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		headers.set("X-Twilio-Email-Event-Webhook-Signature", signature);
		headers.set("X-Twilio-Email-Event-Webhook-Timestamp", timestamp);
		return this.rest.exchange("/api/hooks/sendgrid", HttpMethod.POST, new HttpEntity<>(body, headers),
				String.class);
	}

	private static String now() {
		return Instant.now().plusSeconds(1).toString();
	}

}
