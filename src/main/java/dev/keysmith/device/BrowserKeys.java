package dev.keysmith.device;

import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Base64;
import java.util.UUID;

import dev.keysmith.pki.CertificateIssuer;
import dev.keysmith.pki.ExternalSignature;
import dev.keysmith.pki.PkiException;

import org.springframework.stereotype.Service;

/**
 * Devices whose key the operator's browser makes and keeps: Keysmith checks the request
 * and builds the to-be-signed part of the self-signed certificate for the public key
 * sent, then assembles the certificate from the browser's signature, checks it, and
 * stores it without a private key.
 */
@Service
class BrowserKeys {

	/**
	 * Far beyond a P-256 SubjectPublicKeyInfo (124 characters) or ECDSA signature (at
	 * most 96).
	 */
	private static final int MAX_BASE64_LENGTH = 1024;

	private final DeviceService devices;

	private final CertificateIssuer issuer;

	private final PendingBrowserKeys pending;

	BrowserKeys(DeviceService devices, Clock clock) {
		this.devices = devices;
		this.issuer = new CertificateIssuer(new SecureRandom(), clock);
		this.pending = new PendingBrowserKeys(clock);
	}

	/**
	 * Checks everything that can be checked before the signature, and answers the TBS to
	 * sign; nothing is stored.
	 */
	PendingBrowserKeys.Pending start(String name, Integer validityDays, String publicKey, String actor) {
		String checkedName = DeviceNames.checkGenerated(name);
		int days = (validityDays != null) ? validityDays : CertificateIssuer.DEFAULT_VALIDITY_DAYS;
		CertificateIssuer.validityProblem(days).ifPresent((problem) -> {
			throw new InvalidDeviceRequestException("validityDays", problem);
		});
		PublicKey key;
		try {
			key = ExternalSignature.p256PublicKey(base64("publicKey", publicKey));
		}
		catch (PkiException ex) {
			throw new InvalidDeviceRequestException("publicKey", ex.getMessage());
		}
		checkedName = this.devices.checkNewName(checkedName);
		byte[] tbs = this.issuer.toBeSigned(key, checkedName, days);
		return this.pending.add(actor, checkedName, days, key, tbs);
	}

	/**
	 * Assembles and checks the certificate from the browser's signature over the TBS of
	 * this request, and stores the device (once per request).
	 */
	DeviceOutcome finish(UUID requestId, String signature, String actor) {
		PendingBrowserKeys.Pending request = this.pending.take(requestId, actor);
		X509Certificate certificate;
		try {
			certificate = ExternalSignature.assemble(request.tbs(), base64("signature", signature),
					request.publicKey());
		}
		catch (PkiException ex) {
			throw new InvalidDeviceRequestException("signature", ex.getMessage());
		}
		return this.devices.createWithOperatorKey(request.name(), certificate, request.validityDays(), actor);
	}

	private static byte[] base64(String field, String value) {
		if (value == null || value.isBlank()) {
			throw new InvalidDeviceRequestException(field, "Send '%s' (base64 DER)".formatted(field));
		}
		if (value.length() > MAX_BASE64_LENGTH) {
			throw new InvalidDeviceRequestException(field,
					"'%s' has %d characters: an EC P-256 public key or signature in base64 has at most %d"
						.formatted(field, value.length(), MAX_BASE64_LENGTH));
		}
		try {
			return Base64.getDecoder().decode(value.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidDeviceRequestException(field,
					"'%s' is not base64 (standard alphabet, with padding): %s".formatted(field, ex.getMessage()));
		}
	}

}
