package dev.keysmith.device;

import java.security.cert.X509Certificate;
import java.time.Instant;

import dev.keysmith.pki.KeyType;

import org.springframework.context.ApplicationContext;

/** Devices stored as they could be after time passed, e.g. with a certificate that has expired since. */
public final class DeviceFixtures {

	private DeviceFixtures() {
	}

	public static Device storeCertificateOnly(ApplicationContext context, String name, X509Certificate certificate) {
		Device device = new Device(name, KeyType.of(certificate.getPublicKey()).orElseThrow(), Device.Origin.IMPORTED,
				certificate, "test", Instant.now());
		return context.getBean(DeviceRepository.class).save(device);
	}

}
