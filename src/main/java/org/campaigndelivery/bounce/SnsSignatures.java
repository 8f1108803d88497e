package org.campaigndelivery.bounce;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

/**
 * Checks the signature of an Amazon SNS message as AWS documents it: the certificate is
 * fetched from the message's SigningCertURL, which must be one of AWS's own (by pattern),
 * and verifies the signature (SHA1withRSA for SignatureVersion 1, SHA256withRSA for 2)
 * over the message's fields in their documented order.
 */
@Component
class SnsSignatures {

	private static final List<String> NOTIFICATION = List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn",
			"Type");

	private static final List<String> SUBSCRIPTION = List.of("Message", "MessageId", "SubscribeURL", "Timestamp",
			"Token", "TopicArn", "Type");

	private final Pattern certificateUrl;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private final Map<String, X509Certificate> certificates = new ConcurrentHashMap<>();

	SnsSignatures(ProviderProperties properties) {
		this.certificateUrl = Pattern.compile(properties.snsCertificateUrl());
	}

	/** Why the message is not one SNS signed, or null when it is. */
	String problem(JsonNode message) {
		String url = message.path("SigningCertURL").asText("");
		if (!this.certificateUrl.matcher(url).matches()) {
			return "its SigningCertURL is not one of Amazon SNS's certificates";
		}
		String algorithm = switch (message.path("SignatureVersion").asText("")) {
			case "1" -> "SHA1withRSA";
			case "2" -> "SHA256withRSA";
			default -> null;
		};
		if (algorithm == null) {
			return "its SignatureVersion is neither 1 nor 2";
		}
		String type = message.path("Type").asText("");
		List<String> fields = type.equals("Notification") ? NOTIFICATION : SUBSCRIPTION;
		StringBuilder signed = new StringBuilder();
		for (String field : fields) {
			JsonNode value = message.get(field);
			if (value != null && value.isTextual()) {
				signed.append(field).append('\n').append(value.asText()).append('\n');
			}
		}
		try {
			Signature signature = Signature.getInstance(algorithm);
			signature.initVerify(certificate(url));
			signature.update(signed.toString().getBytes(StandardCharsets.UTF_8));
			return signature.verify(Base64.getDecoder().decode(message.path("Signature").asText(""))) ? null
					: "its signature does not match";
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			return "its signature cannot be checked: " + ex.getMessage();
		}
		catch (IOException ex) {
			return "its signing certificate cannot be fetched: " + ex.getMessage();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "interrupted while fetching its signing certificate";
		}
	}

	private X509Certificate certificate(String url) throws IOException, InterruptedException, GeneralSecurityException {
		X509Certificate known = this.certificates.get(url);
		if (known != null) {
			return known;
		}
		HttpResponse<byte[]> response = this.http.send(
				HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		if (response.statusCode() != 200) {
			throw new IOException("HTTP " + response.statusCode());
		}
		X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
			.generateCertificate(new ByteArrayInputStream(response.body()));
		certificate.checkValidity();
		this.certificates.put(url, certificate);
		return certificate;
	}

	/**
	 * Confirms a subscription by visiting its SubscribeURL, which must be on an AWS host.
	 */
	void confirm(String subscribeUrl) throws IOException, InterruptedException {
		HttpResponse<Void> response = this.http.send(
				HttpRequest.newBuilder(URI.create(subscribeUrl)).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.discarding());
		if (response.statusCode() != 200) {
			throw new IOException("HTTP " + response.statusCode() + " from " + subscribeUrl);
		}
	}

}
