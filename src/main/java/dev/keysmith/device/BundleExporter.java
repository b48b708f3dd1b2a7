package dev.keysmith.device;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import dev.keysmith.common.Dates;
import dev.keysmith.common.PrintableText;
import dev.keysmith.pki.Certificates;
import dev.keysmith.pki.IssuedCredential;
import dev.keysmith.pki.PemCodec;
import dev.keysmith.pki.Pkcs12Codec;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Writes a device's bundle.zip. */
@Component
class BundleExporter {

	/** Stands in for the ThingsBoard host until a server is configured for the device. */
	static final String HOST_PLACEHOLDER = "YOUR_THINGSBOARD_HOST";

	static final int DEFAULT_COAP_PORT = 5684;

	private final Clock clock;

	private final ObjectProvider<DeviceConnectivity> connectivity;

	BundleExporter(Clock clock, ObjectProvider<DeviceConnectivity> connectivity) {
		this.clock = clock;
		this.connectivity = connectivity;
	}

	/**
	 * @param certificate the credential whose certificate the bundle carries
	 * @param credential its key and certificate, or {@code null} when Keysmith holds no
	 * key
	 * @param p12Password the PKCS#12 password, or {@code null} for no device.p12
	 */
	byte[] zip(Device device, DeviceCredential certificate, IssuedCredential credential, char[] p12Password) {
		DeviceConnectivity.Endpoint endpoint = endpoint(device);
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			if (credential != null) {
				put(zip, "key.pem", PemCodec.privateKey(credential).getBytes(StandardCharsets.US_ASCII));
				put(zip, "key.pkcs8.pem", PemCodec.pkcs8PrivateKey(credential).getBytes(StandardCharsets.US_ASCII));
			}
			put(zip, "cert.pem", certificate.getCertificatePem().getBytes(StandardCharsets.US_ASCII));
			put(zip, "cert.der", PemCodec.der(Certificates.fromPem(certificate.getCertificatePem())));
			if (certificate.issuer().isPresent()) {
				put(zip, "chain.pem",
						(certificate.getCertificatePem() + PemCodec.certificate(certificate.issuer().get()))
							.getBytes(StandardCharsets.US_ASCII));
			}
			if (credential != null && p12Password != null) {
				put(zip, "device.p12", Pkcs12Codec.encode(credential, device.getName(), p12Password));
			}
			boolean withCa = endpoint != null && endpoint.serverCaPem() != null;
			if (withCa) {
				put(zip, "ca.pem", endpoint.serverCaPem().getBytes(StandardCharsets.US_ASCII));
			}
			put(zip, FirmwareHeader.PATH, FirmwareHeader.write(device.getName(), certificate, credential, endpoint)
				.getBytes(StandardCharsets.US_ASCII));
			put(zip, "README.txt", readme(device, certificate, endpoint, credential != null, p12Password != null)
				.getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	/**
	 * The exact libcoap command that sends telemetry as this device, run inside the
	 * unzipped bundle: one line, every word shell-quoted.
	 */
	static String coapClientCommand(String host, int port) {
		String printable = PrintableText.oneLine(host);
		String authority = printable.contains(":") ? "[" + printable + "]" : printable;
		return ShellWords.join("coap-client-openssl", "-c", "cert.pem", "-j", "key.pem", "-m", "POST", "-t",
				"application/json", "-e", "{\"temperature\":43}",
				"coaps://" + authority + ":" + port + "/api/v1/telemetry");
	}

	private DeviceConnectivity.Endpoint endpoint(Device device) {
		DeviceConnectivity lookup = this.connectivity.getIfAvailable();
		if (lookup == null) {
			return null;
		}
		return device.placement().flatMap((placement) -> lookup.endpointFor(placement.serverId())).orElse(null);
	}

	private String readme(Device device, DeviceCredential certificate, DeviceConnectivity.Endpoint endpoint,
			boolean withKey, boolean withP12) {
		Instant now = this.clock.instant();
		StringBuilder text = new StringBuilder();
		text.append("Keysmith bundle for device \"").append(oneLine(device.getName())).append("\"\n");
		text.append("Exported ").append(Dates.moment(now)).append("\n\n");
		text.append("Files\n");
		if (withKey) {
			text.append("  key.pem         private key, ")
				.append(certificate.getKeyType().isEc() ? "SEC1 (as openssl ecparam -genkey writes it)" : "PKCS#1")
				.append("\n");
			text.append("  key.pkcs8.pem   the same private key as PKCS#8\n");
		}
		text.append("  cert.pem        device certificate, PEM\n");
		text.append("  cert.der        device certificate, DER\n");
		if (certificate.issuer().isPresent()) {
			text.append("  chain.pem       device certificate, then the CA that issued it (")
				.append(oneLine(certificate.issuer().get().getSubjectX500Principal().getName()))
				.append(")\n");
		}
		if (withP12) {
			text.append(
					"  device.p12      key and certificate, PKCS#12, protected by the password chosen at download\n");
		}
		if (endpoint != null && endpoint.serverCaPem() != null) {
			text.append("  ca.pem          CA of the ThingsBoard DTLS server (")
				.append(oneLine(endpoint.serverName()))
				.append(")\n");
		}
		text.append("  firmware/credentials.h  the same credentials and the CoAP endpoint as a C header\n");
		text.append("\nCertificate\n");
		text.append("  Subject:          ").append(oneLine(certificate.getSubject())).append("\n");
		text.append("  Key type:         ").append(certificate.getKeyType().label()).append("\n");
		text.append("  Serial number:    ").append(oneLine(certificate.getSerialNumber())).append("\n");
		text.append("  Valid from:       ").append(Dates.moment(certificate.getNotBefore())).append("\n");
		text.append("  Valid until:      ").append(Dates.moment(certificate.getNotAfter())).append("\n");
		text.append("  SHA-256:          ").append(oneLine(certificate.getSha256Fingerprint())).append("\n");
		text.append("  ThingsBoard credentialsId (SHA3-256): ")
			.append(oneLine(certificate.getCredentialsId()))
			.append("\n");
		if (withKey) {
			text.append("\nKeep key.pem, key.pkcs8.pem and device.p12 secret: whoever holds them can connect as this\n")
				.append("device.\n");
			text.append("\nSend telemetry as this device over CoAP/DTLS (libcoap, Debian package libcoap3-bin),\n")
				.append("from the folder this bundle was unzipped into");
			if (endpoint != null) {
				text.append(", to ").append(oneLine(endpoint.serverName())).append(":\n\n");
				text.append("  ").append(coapClientCommand(endpoint.coapHost(), endpoint.coapPort())).append("\n\n");
				if (endpoint.serverCaPem() != null) {
					text.append("Add -R ca.pem to have libcoap check the server's certificate against its CA.\n");
				}
			}
			else {
				text.append(". Replace ").append(HOST_PLACEHOLDER).append(" with your ThingsBoard host:\n\n");
				text.append("  ").append(coapClientCommand(HOST_PLACEHOLDER, DEFAULT_COAP_PORT)).append("\n\n");
			}
			text.append(
					"A response of 2.01 means ThingsBoard accepted it; 4.01 means the certificate is not registered\n")
				.append("as this device's X.509 credentials on that server.\n");
		}
		else {
			text.append(
					"\nKeysmith holds no private key for this device: the key stays where the certificate was made.\n");
		}
		text.append(FirmwareHeader.README);
		return text.toString();
	}

	/**
	 * Every stored value written into the README goes through here: it cannot add a line.
	 */
	private static String oneLine(String value) {
		return PrintableText.oneLine(value);
	}

	private void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
		ZipEntry entry = new ZipEntry(name);
		entry.setTime(this.clock.millis());
		zip.putNextEntry(entry);
		zip.write(content);
		zip.closeEntry();
	}

}
