package org.campaigndelivery.sending;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * python3-dkim (Debian's dkimpy), an implementation of DKIM independent of the
 * application's, run by the system's Python with the public key given as the DNS record
 * would give it (src/test/resources/dkim/verify.py).
 */
final class DkimVerifier {

	private static final String PYTHON = "/usr/bin/python3";

	private final Path script;

	private DkimVerifier(Path script) {
		this.script = script;
	}

	/**
	 * The verifier, or the test skipped with the reason when python3-dkim is missing; on
	 * CI (CI=true) the test fails instead, so that a missing package never passes for a
	 * valid signature.
	 */
	static DkimVerifier require(Path directory) throws IOException, InterruptedException {
		Process probe = new ProcessBuilder(PYTHON, "-c", "import dkim").redirectErrorStream(true).start();
		boolean available = probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0;
		String missing = "python3-dkim is needed to verify DKIM signatures: " + PYTHON
				+ " cannot import dkim (apt-get install python3-dkim)";
		if ("true".equals(System.getenv("CI"))) {
			assertThat(available).as(missing).isTrue();
		}
		Assumptions.assumeTrue(available, missing);
		Path script = directory.resolve("verify.py");
		try (InputStream in = DkimVerifier.class.getResourceAsStream("/dkim/verify.py")) {
			Files.copy(in, script);
		}
		return new DkimVerifier(script);
	}

	/**
	 * Whether dkimpy finds the message's signature valid for the key at
	 * selector._domainkey.domain.
	 */
	boolean valid(byte[] message, String selector, String domain, DkimKeys keys)
			throws IOException, InterruptedException {
		Process verifier = new ProcessBuilder(PYTHON, this.script.toString(), selector, domain, keys.publicKey())
			.redirectErrorStream(true)
			.start();
		verifier.getOutputStream().write(message);
		verifier.getOutputStream().close();
		String output = new String(verifier.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(verifier.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(verifier.exitValue()).as(output).isIn(0, 1);
		return verifier.exitValue() == 0;
	}

}
