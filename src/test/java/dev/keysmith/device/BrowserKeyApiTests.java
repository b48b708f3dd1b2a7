package dev.keysmith.device;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import dev.keysmith.KeysmithTestSupport;
import dev.keysmith.account.TestAccounts;
import dev.keysmith.pki.CertificateIssuer;
import dev.keysmith.pki.KeyType;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The two steps of a device whose key the operator's browser makes, through the API, with
 * a Java signer playing the browser: the certificate Keysmith assembles, and each
 * refusal, with nothing stored.
 */
class BrowserKeyApiTests extends KeysmithTestSupport {

	private static final String START = "/api/devices/browser-key";

	@Test
	void browserKeyWhenTbsSignedByTheKeyHolderThenDeviceStoredWithTheCertificateOnly() throws Exception {
		KeyPair key = p256();
		String name = unique("browser-ok");
		Started started = start(name, 30, key);
		X509Certificate reference = new CertificateIssuer().issue(KeyType.EC_P256, "reference", 30).certificate();

		MvcTestResult result = finish(started.requestId(), sign(started.tbs(), key));

		assertThat(result).hasStatus(HttpStatus.CREATED);
		String id = JsonPath.read(result.getResponse().getContentAsString(), "$.id");
		assertThat(result).hasHeader("Location", "/api/devices/" + id)
			.bodyJson()
			.hasPathSatisfying("$.name", (v) -> v.assertThat().isEqualTo(name))
			.hasPathSatisfying("$.origin", (v) -> v.assertThat().isEqualTo("BROWSER"))
			.hasPathSatisfying("$.keyType", (v) -> v.assertThat().isEqualTo("EC_P256"))
			.hasPathSatisfying("$.hasPrivateKey", (v) -> v.assertThat().isEqualTo(false))
			.hasPathSatisfying("$.keyCustody", (v) -> v.assertThat().isEqualTo("key held by the operator"));
		X509Certificate certificate = certificate(getAsAdmin("/api/devices/" + id + "/cert.pem"));
		assertThat(certificate.getPublicKey().getEncoded()).isEqualTo(key.getPublic().getEncoded());
		assertThat(certificate.getTBSCertificate()).isEqualTo(started.tbs());
		certificate.verify(key.getPublic());
		assertThat(certificate.getSigAlgName()).isEqualTo("SHA256withECDSA");
		assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=" + name);
		// the profile of Keysmith's own device certificates
		assertThat(certificate.getCriticalExtensionOIDs()).isEqualTo(reference.getCriticalExtensionOIDs());
		assertThat(certificate.getNonCriticalExtensionOIDs()).isEqualTo(reference.getNonCriticalExtensionOIDs());
		assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
		assertThat(certificate.getKeyUsage()).isEqualTo(reference.getKeyUsage());
		assertThat(certificate.getExtendedKeyUsage()).isEqualTo(List.of("1.3.6.1.5.5.7.3.2"));
		assertThat(certificate.getNotAfter().getTime() - certificate.getNotBefore().getTime())
			.isEqualTo(reference.getNotAfter().getTime() - reference.getNotBefore().getTime());
		assertProblem(getAsAdmin("/api/devices/" + id + "/key.pem"), HttpStatus.NOT_FOUND, null,
				"the key held by the operator, Keysmith never had it");
		assertThat(getAsAdmin("/api/devices/" + id + "/audit")).bodyJson()
			.hasPathSatisfying("$[0].action", (v) -> v.assertThat().isEqualTo("CREATED"))
			.hasPathSatisfying("$[0].detail",
					(v) -> v.assertThat().asString().contains("key made in the operator's browser"));
	}

	@Test
	void startWhenPublicKeyIsNotBase64ThenBadRequestNamingPublicKeyAndNothingStored() {
		String name = unique("browser-b64");
		assertProblem(startJson(name, 30, "not*base64!"), HttpStatus.BAD_REQUEST, "publicKey", "base64");
		assertProblem(startJson(name, 30, "A".repeat(100_000)), HttpStatus.BAD_REQUEST, "publicKey",
				"has 100000 characters");
		assertNothingStored(name);
	}

	@Test
	void startWhenKeyIsNotP256ThenBadRequestNamingPublicKey() throws Exception {
		String name = unique("browser-curve");
		KeyPairGenerator p384 = KeyPairGenerator.getInstance("EC");
		p384.initialize(new ECGenParameterSpec("secp384r1"));
		assertProblem(startJson(name, 30, b64(p384.generateKeyPair().getPublic().getEncoded())), HttpStatus.BAD_REQUEST,
				"publicKey", "P-256");
		KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
		rsa.initialize(2048);
		assertProblem(startJson(name, 30, b64(rsa.generateKeyPair().getPublic().getEncoded())), HttpStatus.BAD_REQUEST,
				"publicKey", "not an EC key");
		assertProblem(startJson(name, 30, b64("hello".getBytes(StandardCharsets.US_ASCII))), HttpStatus.BAD_REQUEST,
				"publicKey", "SubjectPublicKeyInfo");
		assertNothingStored(name);
	}

	@Test
	void startWhenPointIsNotOnTheCurveThenBadRequestNamingPublicKey() throws Exception {
		String name = unique("browser-point");
		byte[] spki = p256().getPublic().getEncoded();
		SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(spki);
		byte[] point = info.getPublicKeyData().getOctets();
		point[point.length - 1] ^= 1; // y no longer fits x
		byte[] offCurve = new SubjectPublicKeyInfo(info.getAlgorithm(), point).getEncoded();
		assertProblem(startJson(name, 30, b64(offCurve)), HttpStatus.BAD_REQUEST, "publicKey", "not a point");
		assertNothingStored(name);
	}

	@Test
	void startWhenNameOrValidityIsBadThenBadRequestNamingTheField() throws Exception {
		String key = b64(p256().getPublic().getEncoded());
		assertProblem(startJson("", 30, key), HttpStatus.BAD_REQUEST, "name", "name");
		assertProblem(startJson("x".repeat(65), 30, key), HttpStatus.BAD_REQUEST, "name", "64");
		String name = unique("browser-days");
		assertProblem(startJson(name, 0, key), HttpStatus.BAD_REQUEST, "validityDays", "between 1 and 3650");
		assertProblem(startJson(name, 3651, key), HttpStatus.BAD_REQUEST, "validityDays", "between 1 and 3650");
		assertProblem(startJson(name, 30, null), HttpStatus.BAD_REQUEST, "publicKey", "publicKey");
		assertNothingStored(name);
	}

	@Test
	void startWhenNameIsTakenThenConflict() throws Exception {
		String name = unique("browser-taken");
		postJson("/api/devices", "{\"name\":\"" + name + "\"}");
		MvcTestResult result = startJson(name, 30, b64(p256().getPublic().getEncoded()));
		assertThat(result).hasStatus(HttpStatus.CONFLICT);
		assertThat(result.getResponse().getContentAsString()).contains("already exists");
	}

	@Test
	void finishWhenSignedByAnotherKeyThenBadRequestNamingSignatureAndNothingStored() throws Exception {
		String name = unique("browser-forged");
		Started started = start(name, 30, p256());
		assertProblem(finish(started.requestId(), sign(started.tbs(), p256())), HttpStatus.BAD_REQUEST, "signature",
				"does not verify");
		assertNothingStored(name);
	}

	@Test
	void finishWhenSignatureIsRawOrNotBase64ThenBadRequestNamingSignature() throws Exception {
		KeyPair key = p256();
		String name = unique("browser-raw");
		Started raw = start(name, 30, key);
		assertProblem(finish(raw.requestId(), b64(rawSignature(sign(raw.tbs(), key)))), HttpStatus.BAD_REQUEST,
				"signature", "raw r||s");
		Started garbled = start(name, 30, key);
		assertProblem(finish(garbled.requestId(), "%%%"), HttpStatus.BAD_REQUEST, "signature", "base64");
		assertNothingStored(name);
	}

	@Test
	void finishWhenRequestIdUnknownOrUsedThenNotFoundAndNoSecondDevice() throws Exception {
		assertProblem(finish(UUID.randomUUID(), b64(new byte[] { 1 })), HttpStatus.NOT_FOUND, null, "Start again");
		KeyPair key = p256();
		String name = unique("browser-once");
		Started started = start(name, 30, key);
		String signature = sign(started.tbs(), key);
		assertThat(finish(started.requestId(), signature)).hasStatus(HttpStatus.CREATED);
		assertProblem(finish(started.requestId(), signature), HttpStatus.NOT_FOUND, null, "already used");
		assertProblem(finishAt("/api/devices/browser-key/not-a-uuid", signature), HttpStatus.BAD_REQUEST, "requestId",
				"requestId");
	}

	@Test
	void finishWhenNameTakenBetweenTheStepsThenConflictAndOnlyTheOtherDeviceStored() throws Exception {
		KeyPair key = p256();
		String name = unique("browser-race");
		Started started = start(name, 30, key);
		String otherId = createdId(postJson("/api/devices", "{\"name\":\"" + name + "\"}"));
		MvcTestResult result = finish(started.requestId(), sign(started.tbs(), key));
		assertThat(result).hasStatus(HttpStatus.CONFLICT);
		assertThat(result.getResponse().getContentAsString()).contains("already exists");
		assertThat(getAsAdmin("/api/devices?q=" + name)).bodyJson()
			.hasPathSatisfying("$.totalElements", (v) -> v.assertThat().isEqualTo(1))
			.hasPathSatisfying("$.content[0].id", (v) -> v.assertThat().isEqualTo(otherId))
			.hasPathSatisfying("$.content[0].origin", (v) -> v.assertThat().isEqualTo("GENERATED"));
	}

	@Test
	void pageRoutesWhenSignedInWithCsrfTokenThenDeviceCreatedAndWithoutTokenForbidden() throws Exception {
		KeyPair key = p256();
		String name = unique("browser-page");
		String body = "{\"name\":\"%s\",\"validityDays\":30,\"publicKey\":\"%s\"}".formatted(name,
				b64(key.getPublic().getEncoded()));
		assertThat(this.mvc.post()
			.uri("/devices/browser-key")
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.with(TestAccounts.everyRole("admin"))
			.exchange()).hasStatus(HttpStatus.FORBIDDEN);
		MvcTestResult started = this.mvc.post()
			.uri("/devices/browser-key")
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.with(TestAccounts.everyRole("admin"))
			.with(csrf())
			.exchange();
		assertThat(started).hasStatus(HttpStatus.OK);
		String requestId = JsonPath.read(started.getResponse().getContentAsString(), "$.requestId");
		byte[] tbs = Base64.getDecoder()
			.decode((String) JsonPath.read(started.getResponse().getContentAsString(), "$.tbs"));
		assertThat(this.mvc.post()
			.uri("/devices/browser-key/" + requestId)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"signature\":\"" + sign(tbs, key) + "\"}")
			.with(TestAccounts.everyRole("admin"))
			.with(csrf())
			.exchange()).hasStatus(HttpStatus.CREATED)
			.bodyJson()
			.hasPathSatisfying("$.origin", (v) -> v.assertThat().isEqualTo("BROWSER"));
	}

	private Started start(String name, int days, KeyPair key) throws Exception {
		MvcTestResult result = startJson(name, days, b64(key.getPublic().getEncoded()));
		assertThat(result).hasStatus(HttpStatus.OK);
		String json = result.getResponse().getContentAsString();
		return new Started(UUID.fromString(JsonPath.read(json, "$.requestId")),
				Base64.getDecoder().decode((String) JsonPath.read(json, "$.tbs")));
	}

	private MvcTestResult startJson(String name, int days, String publicKey) {
		return postJson(START, "{\"name\":\"%s\",\"validityDays\":%d,\"publicKey\":%s}".formatted(name, days,
				(publicKey != null) ? "\"" + publicKey + "\"" : "null"));
	}

	private MvcTestResult finish(UUID requestId, String signature) {
		return finishAt(START + "/" + requestId, signature);
	}

	private MvcTestResult finishAt(String uri, String signature) {
		return postJson(uri, "{\"signature\":\"" + signature + "\"}");
	}

	private void assertNothingStored(String name) {
		assertThat(getAsAdmin("/api/devices?q=" + name)).bodyJson()
			.hasPathSatisfying("$.totalElements", (v) -> v.assertThat().isEqualTo(0));
	}

	private static void assertProblem(MvcTestResult result, HttpStatus status, String field, String detail) {
		assertThat(result).hasStatus(status).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().hasPathSatisfying("$.detail", (v) -> v.assertThat().asString().contains(detail));
		if (field != null) {
			assertThat(result).bodyJson().hasPathSatisfying("$.field", (v) -> v.assertThat().isEqualTo(field));
		}
	}

	static KeyPair p256() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		return generator.generateKeyPair();
	}

	/** As the browser does: ECDSA with SHA-256 over the TBS, DER-encoded, base64. */
	static String sign(byte[] tbs, KeyPair key) throws Exception {
		Signature signer = Signature.getInstance("SHA256withECDSA");
		signer.initSign(key.getPrivate());
		signer.update(tbs);
		return b64(signer.sign());
	}

	/** WebCrypto's form of a DER ECDSA signature: r and s as 32 bytes each. */
	private static byte[] rawSignature(String der) {
		var sequence = org.bouncycastle.asn1.ASN1Sequence.getInstance(Base64.getDecoder().decode(der));
		byte[] raw = new byte[64];
		for (int i = 0; i < 2; i++) {
			BigInteger value = org.bouncycastle.asn1.ASN1Integer.getInstance(sequence.getObjectAt(i)).getValue();
			byte[] bytes = value.toByteArray();
			int length = Math.min(bytes.length, 32);
			System.arraycopy(bytes, bytes.length - length, raw, i * 32 + 32 - length, length);
		}
		return raw;
	}

	private static X509Certificate certificate(MvcTestResult pem) throws Exception {
		assertThat(pem).hasStatus(HttpStatus.OK);
		return (X509Certificate) CertificateFactory.getInstance("X.509")
			.generateCertificate(new ByteArrayInputStream(pem.getResponse().getContentAsByteArray()));
	}

	private static String b64(byte[] bytes) {
		return Base64.getEncoder().encodeToString(bytes);
	}

	private static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	record Started(UUID requestId, byte[] tbs) {
	}

}
