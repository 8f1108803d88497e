package org.campaigndelivery.sending;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Signatures of messages shaped as MIME may write them, checked by python3-dkim. */
class DkimSignerTests {

	@TempDir
	static Path directory;

	static DkimVerifier verifier;

	static DkimKeys keys;

	static DkimSigner signer;

	@BeforeAll
	static void setUp() throws Exception {
		verifier = DkimVerifier.require(directory);
		keys = DkimKeys.rsa(directory);
		signer = new DkimSigner(new DkimProperties("shop.example.com", "news", keys.privateKey()), Clock.systemUTC());
	}

	@Test
	void shouldSignABodyWithBareLineEndsSpacesAndTrailingEmptyLines() throws Exception {
		String message = """
				From: news@shop.example.com\r
				To: r1@example.com\r
				Subject: =?UTF-8?Q?Hello_Zo=C3=A9?=\r
				Content-Type: multipart/alternative;\s\r
				\tboundary="----=_Part_0"\r
				X-Unsigned: anything\r
				\r
				first line  with\t\tspaces   \n\nafter an empty line\n\n\n""";

		byte[] signed = signer.sign(message.getBytes(StandardCharsets.ISO_8859_1));
		String text = new String(signed, StandardCharsets.ISO_8859_1);

		assertThat(text).startsWith("DKIM-Signature: v=1;").doesNotContainPattern("[^\r]\n");
		assertThat(text.replaceAll("\\s+", "")).contains("h=From:To:Subject:Content-Type;");
		assertThat(verifier.valid(signed, "news", "shop.example.com", keys)).isTrue();
		assertThat(
				verifier.valid(bytes(text.replace("with\t\tspaces", "with spaces")), "news", "shop.example.com", keys))
			.as("relaxed: runs of spaces are one space")
			.isTrue();
		assertThat(verifier.valid(bytes(text.replace("X-Unsigned: anything", "X-Unsigned: else")), "news",
				"shop.example.com", keys))
			.as("a header not signed")
			.isTrue();
		assertThat(verifier.valid(bytes(text.replace("after an", "after one")), "news", "shop.example.com", keys))
			.isFalse();
		assertThat(verifier.valid(bytes(text.replace("To: r1@", "To: r2@")), "news", "shop.example.com", keys))
			.isFalse();
	}

	@Test
	void shouldSignAMessageWithAnEmptyBody() throws Exception {
		byte[] signed = signer.sign(bytes("From: news@shop.example.com\r\nSubject: empty\r\n\r\n"));

		assertThat(verifier.valid(signed, "news", "shop.example.com", keys)).isTrue();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.ISO_8859_1);
	}

}
