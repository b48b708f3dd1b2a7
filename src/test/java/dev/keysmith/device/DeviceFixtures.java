package dev.keysmith.device;

import java.security.cert.X509Certificate;
import java.time.Instant;

import dev.keysmith.pki.IssuedCredential;
import dev.keysmith.pki.KeyType;

import org.springframework.context.ApplicationContext;

/**
 * Devices stored as they could be after time passed, e.g. with a certificate that has
 * expired since.
 */
public final class DeviceFixtures {

	private DeviceFixtures() {
	}

	/**
	 * A device holding this key and certificate, stored as if it had been imported before
	 * it expired.
	 */
	public static Device storeWithKey(ApplicationContext context, String name, IssuedCredential credential) {
		Device device = new Device(name, credential.keyType(), CredentialOrigin.IMPORTED, credential.certificate(),
				"test", Instant.now());
		context.getBean(DeviceKeys.class).seal(device.activeCredential(), credential);
		return context.getBean(DeviceRepository.class).save(device);
	}

	public static Device storeCertificateOnly(ApplicationContext context, String name, X509Certificate certificate) {
		Device device = new Device(name, KeyType.of(certificate.getPublicKey()).orElseThrow(),
				CredentialOrigin.IMPORTED, certificate, "test", Instant.now());
		return context.getBean(DeviceRepository.class).save(device);
	}

}
