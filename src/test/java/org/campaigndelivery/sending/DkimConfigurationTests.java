package org.campaigndelivery.sending;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/** A DKIM configuration that cannot sign stops the start, naming the property. */
class DkimConfigurationTests {

	@TempDir
	Path directory;

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Signing.class)
		.withBean(Clock.class, Clock::systemUTC);

	@Test
	void shouldSignWhenAllThreePropertiesAreSet() throws Exception {
		DkimKeys keys = DkimKeys.rsa(this.directory);

		this.runner.withPropertyValues(properties("example.com", "news", keys.privateKey().toString()))
			.run((context) -> assertThat(context.getBean(DkimSigner.class).signs()).isTrue());
	}

	@Test
	void shouldSignNothingWhenNoPropertyIsSet() {
		this.runner.run((context) -> assertThat(context.getBean(DkimSigner.class).signs()).isFalse());
	}

	@Test
	void shouldRefuseToStartWithSomeOfTheThreePropertiesNamingTheMissingOnes() {
		this.runner.withPropertyValues("delivery.dkim.domain=example.com")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("delivery.dkim.selector and delivery.dkim.private-key are not set"));
		this.runner.withPropertyValues("delivery.dkim.domain=example.com", "delivery.dkim.selector=news")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("delivery.dkim.private-key is not set"));
	}

	@Test
	void shouldRefuseToStartWithAKeyFileThatCannotBeRead() {
		String missing = this.directory.resolve("missing.pem").toString();

		this.runner.withPropertyValues(properties("example.com", "news", missing))
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("delivery.dkim.private-key (" + missing + ") cannot be read"));
	}

	@Test
	void shouldRefuseToStartWithAFileThatHoldsNoPemPkcs8Key() throws Exception {
		Path pkcs1 = Files.writeString(this.directory.resolve("pkcs1.pem"),
				"-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n");

		this.runner.withPropertyValues(properties("example.com", "news", pkcs1.toString()))
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("delivery.dkim.private-key (" + pkcs1 + ") holds no PEM PKCS#8 private key")
				.hasStackTraceContaining("openssl pkcs8 -topk8"));
	}

	@Test
	void shouldRefuseToStartWithAKeyThatIsNotRsa() throws Exception {
		DkimKeys ec = DkimKeys.generate(this.directory, "EC", 256);

		this.runner.withPropertyValues(properties("example.com", "news", ec.privateKey().toString()))
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining(
						"delivery.dkim.private-key (" + ec.privateKey() + ") is not an RSA private key"));
	}

	@Test
	void shouldRefuseToStartWithAnRsaKeyVerifiersIgnore() throws Exception {
		DkimKeys weak = DkimKeys.generate(this.directory, "RSA", 512);

		this.runner.withPropertyValues(properties("example.com", "news", weak.privateKey().toString()))
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("delivery.dkim.private-key (" + weak.privateKey() + ") is an RSA key of 512"));
	}

	@Test
	void shouldRefuseToStartWithADomainOrSelectorThatIsNoDnsName() throws Exception {
		DkimKeys keys = DkimKeys.rsa(this.directory);

		this.runner.withPropertyValues(properties("example.com; x=y", "news", keys.privateKey().toString()))
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("delivery.dkim.domain must be a domain name"));
		this.runner.withPropertyValues(properties("example.com", "news 1", keys.privateKey().toString()))
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("delivery.dkim.selector must be"));
	}

	private static String[] properties(String domain, String selector, String privateKey) {
		return new String[] { "delivery.dkim.domain=" + domain, "delivery.dkim.selector=" + selector,
				"delivery.dkim.private-key=" + privateKey };
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(DkimProperties.class)
	@Import(DkimSigner.class)
	static class Signing {

	}

}
