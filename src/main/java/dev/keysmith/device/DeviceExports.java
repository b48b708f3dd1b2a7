package dev.keysmith.device;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import dev.keysmith.common.KeyExportReason;
import dev.keysmith.pki.IssuedCredential;
import dev.keysmith.pki.PemCodec;
import dev.keysmith.pki.Pkcs12Codec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Downloads of the device's active credential. Every file that carries a private key is
 * recorded in the device's audit trail (who, when, what, and the reason stated) before it
 * is handed out.
 */
@Service
public class DeviceExports {

	private static final Logger log = LoggerFactory.getLogger(DeviceExports.class);

	private static final String PEM = "application/x-pem-file";

	private final DeviceService devices;

	private final DeviceKeys keys;

	private final DeviceTrail audits;

	private final BundleExporter bundles;

	DeviceExports(DeviceService devices, DeviceKeys keys, DeviceTrail audits, BundleExporter bundles) {
		this.devices = devices;
		this.keys = keys;
		this.audits = audits;
		this.bundles = bundles;
	}

	public Export certificatePem(UUID id) {
		Device device = this.devices.get(id);
		return new Export("cert.pem", PEM, device.getCertificatePem().getBytes(StandardCharsets.US_ASCII));
	}

	/**
	 * The private key.
	 * @param reason why it is exported, in the operator's words, for the audit record
	 */
	public Export privateKeyPem(UUID id, String actor, String reason) {
		Device device = this.devices.get(id);
		IssuedCredential credential = this.keys.unseal(device);
		recordKeyExport(device, DeviceAudit.Action.PRIVATE_KEY_EXPORTED, actor, "key.pem", reason);
		return new Export("key.pem", PEM, PemCodec.privateKey(credential).getBytes(StandardCharsets.US_ASCII));
	}

	/**
	 * The zip bundle: key (SEC1/PKCS#1 and PKCS#8), certificate (PEM and DER), a PKCS#12
	 * when a password is given, and a README with the commands for this device.
	 */
	public Export bundle(UUID id, String p12Password, String actor, String reason) {
		Device device = this.devices.get(id);
		return bundle(device, device.activeCredential(), p12Password, actor, reason, "");
	}

	/**
	 * The zip bundle of one of the device's credentials, whatever its state (a renewal's
	 * new one before its activation, an old one after a failed rollback).
	 */
	public Export bundle(UUID id, UUID credentialId, String p12Password, String actor, String reason) {
		Device device = this.devices.get(id);
		DeviceCredential certificate = this.devices.credential(device, credentialId);
		return bundle(device, certificate, p12Password, actor, reason,
				" of the " + certificate.getState() + " certificate " + certificate.getSerialNumber());
	}

	/** The certificate of one of the device's credentials. */
	public Export certificatePem(UUID id, UUID credentialId) {
		DeviceCredential certificate = this.devices.credential(this.devices.get(id), credentialId);
		return new Export("cert.pem", PEM, certificate.getCertificatePem().getBytes(StandardCharsets.US_ASCII));
	}

	private Export bundle(Device device, DeviceCredential certificate, String p12Password, String actor, String reason,
			String which) {
		boolean withP12 = p12Password != null && !p12Password.isEmpty();
		if (withP12) {
			Pkcs12Codec.passwordProblem(p12Password).ifPresent((problem) -> {
				throw new InvalidDeviceRequestException("p12Password", problem);
			});
		}
		IssuedCredential credential = null;
		if (certificate.hasPrivateKey()) {
			credential = this.keys.unseal(certificate);
		}
		else if (withP12) {
			throw new NoPrivateKeyException(device.getName(), certificate.getOrigin());
		}
		byte[] zip = this.bundles.zip(device, certificate, credential, withP12 ? p12Password.toCharArray() : null);
		if (credential != null) {
			recordKeyExport(device, DeviceAudit.Action.BUNDLE_EXPORTED, actor,
					(withP12 ? "bundle.zip with device.p12" : "bundle.zip") + which, reason);
		}
		return new Export(fileName(device) + "-bundle.zip", "application/zip", zip);
	}

	private void recordKeyExport(Device device, DeviceAudit.Action action, String actor, String file, String reason) {
		String detail = KeyExportReason.of(reason).map((stated) -> file + "; reason: " + stated).orElse(file);
		this.audits.record(device, action, actor, detail);
		log.info("Private key of device '{}' exported by {} ({})", device.getName(), actor, detail);
	}

	private static String fileName(Device device) {
		String safe = device.getName().replaceAll("[^A-Za-z0-9._-]", "_");
		return safe.isEmpty() ? "device" : safe;
	}

}
