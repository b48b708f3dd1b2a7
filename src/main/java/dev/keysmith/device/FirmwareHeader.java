package dev.keysmith.device;

import java.util.List;

import dev.keysmith.common.Dates;
import dev.keysmith.pki.Certificates;
import dev.keysmith.pki.IssuedCredential;
import dev.keysmith.pki.PemBlock;
import dev.keysmith.pki.PemCodec;

/**
 * The bundle's {@code firmware/credentials.h}: the device's certificate, its key when
 * Keysmith holds it, the server CA and the CoAP endpoint, as one C header that ESP-IDF,
 * Zephyr and Arduino projects include as it is (C99 and C++). Each credential is there as
 * a PEM string (its {@code sizeof} counts the NUL that mbedTLS, esp-tls and libcoap want
 * counted for PEM buffers) and as a DER byte array with its length. Every stored value
 * printed into it goes through {@link CLiterals}.
 */
final class FirmwareHeader {

	static final String PATH = "firmware/credentials.h";

	/** The README's paragraph on the header. */
	static final String README = """

			Firmware: firmware/credentials.h
			  One C header (C99 or C++) with the certificate, the key when the bundle has key.pem, the
			  server CA and the CoAP host and port; KEYSMITH_HAS_DEVICE_KEY, KEYSMITH_HAS_SERVER_CA and
			  KEYSMITH_HAS_COAP_SERVER (1 or 0) say which symbols it defines. Each credential is a PEM
			  string (..._PEM, its sizeof counts the NUL) and a DER array (..._DER, ..._DER_LEN).
			  ESP-IDF: add the firmware folder to a component's INCLUDE_DIRS, #include "credentials.h" and
			    give the PEM strings to esp_tls_cfg_t (clientcert_buf, clientkey_buf, cacert_buf) or to
			    libcoap's coap_dtls_pki_t (COAP_PKI_KEY_PEM_BUF), with sizeof(...) as each length: both
			    want the NUL counted.
			  Zephyr: tls_credential_add(tag, TLS_CREDENTIAL_SERVER_CERTIFICATE, KEYSMITH_DEVICE_CERT_DER,
			    KEYSMITH_DEVICE_CERT_DER_LEN), the same with TLS_CREDENTIAL_PRIVATE_KEY and ..._KEY_DER,
			    and with TLS_CREDENTIAL_CA_CERTIFICATE and ..._SERVER_CA_DER.
			  Arduino: copy credentials.h next to the sketch and #include "credentials.h".
			  When it holds the key (PKCS#8, as key.pkcs8.pem), keep it as secret as key.pem.
			""";

	private static final int BYTES_PER_LINE = 12;

	private FirmwareHeader() {
	}

	/**
	 * @param credential the key and certificate, or {@code null} when Keysmith holds no
	 * key: then the header has no key symbols
	 * @param endpoint the server the device was pushed to, or {@code null}
	 */
	static String write(String deviceName, DeviceCredential certificate, IssuedCredential credential,
			DeviceConnectivity.Endpoint endpoint) {
		StringBuilder h = new StringBuilder();
		h.append("/*\n");
		h.append(" * credentials.h: credentials of the Keysmith device \"")
			.append(CLiterals.comment(deviceName))
			.append("\"\n");
		h.append(" * for ESP-IDF, Zephyr and Arduino projects (C99 or C++). Written by Keysmith with\n");
		h.append(" * the bundle; README.txt says how to use it.\n *\n");
		h.append(" * Certificate: ")
			.append(CLiterals.comment(certificate.getKeyType().label()))
			.append(", serial ")
			.append(CLiterals.comment(certificate.getSerialNumber()))
			.append(", valid until ")
			.append(Dates.moment(certificate.getNotAfter()))
			.append("\n");
		h.append(" * SHA-256: ").append(CLiterals.comment(certificate.getSha256Fingerprint())).append("\n");
		if (credential != null) {
			h.append(" *\n * SECRET: this file holds the device's private key. Whoever has it can connect\n")
				.append(" * as this device: keep it out of version control, logs and support tickets.\n");
		}
		h.append(" */\n\n#ifndef KEYSMITH_CREDENTIALS_H\n#define KEYSMITH_CREDENTIALS_H\n\n");
		h.append("/* The device's name in Keysmith (and in ThingsBoard once pushed). */\n");
		h.append("#define KEYSMITH_DEVICE_NAME ").append(CLiterals.string(deviceName)).append("\n\n");
		h.append("/* The device certificate (the bundle's cert.pem and cert.der). */\n");
		String certificatePem = certificate.getCertificatePem();
		pem(h, "KEYSMITH_DEVICE_CERT", certificatePem);
		der(h, "KEYSMITH_DEVICE_CERT", PemCodec.der(Certificates.fromPem(certificatePem)));
		key(h, certificate, credential);
		serverCa(h, endpoint);
		coap(h, endpoint);
		h.append("#endif /* KEYSMITH_CREDENTIALS_H */\n");
		return h.toString();
	}

	private static void key(StringBuilder h, DeviceCredential certificate, IssuedCredential credential) {
		if (credential == null) {
			h.append("#define KEYSMITH_HAS_DEVICE_KEY 0\n");
			h.append("/*\n * No KEYSMITH_DEVICE_KEY_* symbols: ").append(whereTheKeyIs(certificate.getOrigin()));
			h.append("\n */\n\n");
			return;
		}
		h.append("#define KEYSMITH_HAS_DEVICE_KEY 1\n");
		h.append("/*\n * The device's private key (SECRET) as PKCS#8 \"PRIVATE KEY\": the bundle's\n")
			.append(" * key.pkcs8.pem, the same key as key.pem (")
			.append((certificate.getKeyType().isEc()) ? "SEC1" : "PKCS#1")
			.append(" there). PKCS#8 is one self-describing\n")
			.append(" * form for EC and RSA keys in a single PEM block, which mbedtls_pk_parse_key (so\n")
			.append(" * esp-tls, libcoap and Zephyr's TLS credentials), wolfSSL, BearSSL and OpenSSL\n")
			.append(" * all read.\n */\n");
		String pkcs8 = PemCodec.pkcs8PrivateKey(credential);
		pem(h, "KEYSMITH_DEVICE_KEY", pkcs8);
		der(h, "KEYSMITH_DEVICE_KEY", PemCodec.decode(pkcs8).get(0).content());
	}

	private static String whereTheKeyIs(CredentialOrigin origin) {
		return switch (origin) {
			case CSR ->
				"the key stays on the device,\n * which sent a certificate signing request; Keysmith never saw it.";
			case BROWSER -> "the key was made in the operator's\n * browser and saved there; Keysmith saw only "
					+ "the public key. Flash that key with\n * this certificate.";
			default -> "Keysmith holds no key for this\n * certificate (imported without it, or destroyed since); "
					+ "the key is wherever\n * the certificate was made.";
		};
	}

	private static void serverCa(StringBuilder h, DeviceConnectivity.Endpoint endpoint) {
		if (endpoint == null) {
			h.append("#define KEYSMITH_HAS_SERVER_CA 0\n");
			h.append("/* No KEYSMITH_SERVER_CA_* symbols: the device was not pushed to a server. */\n\n");
			return;
		}
		if (endpoint.serverCaPem() == null) {
			h.append("#define KEYSMITH_HAS_SERVER_CA 0\n");
			h.append("/*\n * No KEYSMITH_SERVER_CA_* symbols: Keysmith knows no confirmed CA of the DTLS\n")
				.append(" * server \"")
				.append(CLiterals.comment(endpoint.serverName()))
				.append("\". Confirm it in Keysmith, then download the bundle again.\n */\n\n");
			return;
		}
		List<PemBlock> certificates = PemCodec.decode(endpoint.serverCaPem())
			.stream()
			.filter((block) -> block.label().equals(PemCodec.CERTIFICATE))
			.toList();
		h.append("#define KEYSMITH_HAS_SERVER_CA 1\n");
		h.append("/*\n * CA of the ThingsBoard DTLS server \"")
			.append(CLiterals.comment(endpoint.serverName()))
			.append("\"\n * (the bundle's ca.pem), to check the server's certificate with.");
		if (certificates.size() > 1) {
			h.append(" The PEM holds all ")
				.append(certificates.size())
				.append(" certificates;\n * the DER array the first.");
		}
		h.append("\n */\n");
		pem(h, "KEYSMITH_SERVER_CA", endpoint.serverCaPem());
		der(h, "KEYSMITH_SERVER_CA", certificates.get(0).content());
	}

	private static void coap(StringBuilder h, DeviceConnectivity.Endpoint endpoint) {
		if (endpoint == null) {
			h.append("#define KEYSMITH_HAS_COAP_SERVER 0\n");
			h.append("/*\n * No KEYSMITH_COAP_HOST or KEYSMITH_COAP_PORT: the device was not pushed to a\n")
				.append(" * ThingsBoard server. Use your server's host and its CoAP DTLS port (")
				.append(BundleExporter.DEFAULT_COAP_PORT)
				.append(" by\n * default).\n */\n\n");
			return;
		}
		h.append("#define KEYSMITH_HAS_COAP_SERVER 1\n");
		h.append("/*\n * CoAP over DTLS on the ThingsBoard server \"")
			.append(CLiterals.comment(endpoint.serverName()))
			.append("\":\n * coaps://KEYSMITH_COAP_HOST:KEYSMITH_COAP_PORT/api/v1/telemetry\n */\n");
		h.append("#define KEYSMITH_COAP_HOST ").append(CLiterals.string(endpoint.coapHost())).append("\n");
		h.append("#define KEYSMITH_COAP_PORT ").append(endpoint.coapPort()).append("\n\n");
	}

	/** One C string literal a line, each line of the PEM as it is, line end included. */
	private static void pem(StringBuilder h, String symbol, String pem) {
		h.append("static const char ").append(symbol).append("_PEM[] =");
		for (String line : pem.split("(?<=\n)")) {
			h.append("\n    ").append(CLiterals.string(line));
		}
		h.append(";\n");
	}

	private static void der(StringBuilder h, String symbol, byte[] der) {
		h.append("#define ").append(symbol).append("_DER_LEN ").append(der.length).append("\n");
		h.append("static const unsigned char ").append(symbol).append("_DER[] = {");
		for (int i = 0; i < der.length; i++) {
			h.append((i % BYTES_PER_LINE == 0) ? "\n    " : " ");
			h.append("0x%02x".formatted(der[i] & 0xFF));
			if (i < der.length - 1) {
				h.append(',');
			}
		}
		h.append("\n};\n\n");
	}

}
