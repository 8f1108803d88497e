package org.campaigndelivery.sending;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

/**
 * A fresh key pair for DKIM: the private half as the PEM PKCS#8 file delivery.dkim.
 * private-key names, the public half as the p= of its DNS record.
 */
public record DkimKeys(Path privateKey, String publicKey) {

	public static DkimKeys rsa(Path directory) throws IOException, GeneralSecurityException {
		return generate(directory, "RSA", 2048);
	}

	public static DkimKeys generate(Path directory, String algorithm, int size)
			throws IOException, GeneralSecurityException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
		generator.initialize(size);
		KeyPair pair = generator.generateKeyPair();
		Path file = Files.createTempFile(directory, "dkim-", ".pem");
		Files.writeString(file,
				"-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
					.encodeToString(pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n",
				StandardCharsets.US_ASCII);
		return new DkimKeys(file, Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
	}

}
