package dev.keysmith.device;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.UUID;

import dev.keysmith.ca.CaService;
import dev.keysmith.pki.IssuedCredential;
import dev.keysmith.pki.KeyType;
import dev.keysmith.pki.PkiException;

/**
 * Device certificates from a Keysmith CA: a new key pair, or a key kept through a
 * renewal, certified by the CA. The credential returned names the CA's certificate as its
 * issuer, which the device's credential records.
 */
final class CaIssuance {

	private final CaService cas;

	CaIssuance(CaService cas) {
		this.cas = cas;
	}

	IssuedCredential issue(UUID caId, KeyType keyType, String commonName, int validityDays) {
		IssuedCredential ca = this.cas.signer(caId);
		try {
			IssuedCredential issued = this.cas.issuer().issue(keyType, commonName, validityDays, ca);
			return new IssuedCredential(keyType, issued.privateKey(), issued.certificate(), List.of(ca.certificate()));
		}
		catch (PkiException ex) {
			throw new InvalidDeviceRequestException("validityDays", ex.getMessage());
		}
	}

	/** A new certificate from the CA for a key the device has already. */
	IssuedCredential reissue(UUID caId, IssuedCredential existing, String commonName, int validityDays) {
		IssuedCredential ca = this.cas.signer(caId);
		try {
			X509Certificate certificate = this.cas.issuer()
				.certify(existing.certificate().getPublicKey(), commonName, validityDays, ca);
			return new IssuedCredential(existing.keyType(), existing.privateKey(), certificate,
					List.of(ca.certificate()));
		}
		catch (PkiException ex) {
			throw new InvalidDeviceRequestException("validityDays", ex.getMessage());
		}
	}

	/**
	 * A certificate from the CA for a key the device made and keeps (a CSR's): returned
	 * without a private key.
	 */
	IssuedCredential certify(UUID caId, PublicKey publicKey, KeyType keyType, String commonName, int validityDays) {
		IssuedCredential ca = this.cas.signer(caId);
		try {
			X509Certificate certificate = this.cas.issuer().certify(publicKey, commonName, validityDays, ca);
			return new IssuedCredential(keyType, null, certificate, List.of(ca.certificate()));
		}
		catch (PkiException ex) {
			throw new InvalidDeviceRequestException("validityDays", ex.getMessage());
		}
	}

	/** Records on the credential the CA that issued it, when one did. */
	static void record(DeviceCredential credential, UUID caId, IssuedCredential issued) {
		if (caId != null) {
			credential.issuedBy(caId, issued.issuers().get(0));
		}
	}

}
