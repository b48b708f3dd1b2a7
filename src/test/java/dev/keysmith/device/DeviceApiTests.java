package dev.keysmith.device;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import dev.keysmith.KeysmithTestSupport;
import dev.keysmith.pki.CertificateIssuer;
import dev.keysmith.pki.Fingerprints;
import dev.keysmith.pki.IssuedCredential;
import dev.keysmith.pki.KeyType;
import dev.keysmith.pki.Openssl;
import dev.keysmith.pki.PemCodec;
import dev.keysmith.testkit.NeedsOpenssl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

class DeviceApiTests extends KeysmithTestSupport {

	private final CertificateIssuer issuer = new CertificateIssuer();

	@TempDir
	Path dir;

	@Test
	void createWhenValidThen201WithDeviceJsonAndLocation() throws Exception {
		MvcTestResult result = api(this.mvc.post()
			.uri("/api/devices")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"api-create-1\",\"keyType\":\"RSA_2048\",\"validityDays\":10}")).exchange();
		assertThat(result).hasStatus(HttpStatus.CREATED);
		String id = JsonPath.read(result.getResponse().getContentAsString(StandardCharsets.UTF_8), "$.id");
		assertThat(result).hasHeader("Location", "/api/devices/" + id)
			.bodyJson()
			.hasPathSatisfying("$.name", (v) -> v.assertThat().isEqualTo("api-create-1"))
			.hasPathSatisfying("$.keyType", (v) -> v.assertThat().isEqualTo("RSA_2048"))
			.hasPathSatisfying("$.subject", (v) -> v.assertThat().isEqualTo("CN=api-create-1"))
			.hasPathSatisfying("$.hasPrivateKey", (v) -> v.assertThat().isEqualTo(true))
			.hasPathSatisfying("$.credentialsId", (v) -> v.assertThat().asString().hasSize(64))
			.hasPathSatisfying("$.sha256Fingerprint", (v) -> v.assertThat().asString().hasSize(95))
			.hasPathSatisfying("$.notBefore", (v) -> v.assertThat().asString().endsWith("Z"))
			.doesNotHavePath("$.privateKey")
			.doesNotHavePath("$.sealedPrivateKey");
		assertThat(api(this.mvc.get().uri("/api/devices/" + id))).hasStatusOk()
			.bodyJson()
			.extractingPath("$.name")
			.isEqualTo("api-create-1");
	}

	@Test
	void createWhenDefaultsThenP256For365Days() {
		MvcTestResult result = api(this.mvc.post()
			.uri("/api/devices")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"api-defaults\"}")).exchange();
		assertThat(result).hasStatus(HttpStatus.CREATED).bodyJson().extractingPath("$.keyType").isEqualTo("EC_P256");
	}

	@Test
	void createWhenBadInputThenProblemJsonAndNothingStored() {
		assertProblem(post("{\"name\":\"\"}"), HttpStatus.BAD_REQUEST, "A device name is required");
		assertProblem(post("{\"name\":\"a\\u0000b\"}"), HttpStatus.BAD_REQUEST, "cannot contain control characters");
		assertProblem(post("{\"name\":\"x\",\"keyType\":\"DSA\"}"), HttpStatus.BAD_REQUEST, "Unknown key type 'DSA'");
		assertProblem(post("{\"name\":\"x\",\"keyType\":\"RSA_4096\"}"), HttpStatus.BAD_REQUEST, "Choose a key type");
		assertProblem(post("{\"name\":\"x\",\"validityDays\":4000}"), HttpStatus.BAD_REQUEST,
				"between 1 and 3650 days");
		assertProblem(post("{\"name\":"), HttpStatus.BAD_REQUEST, "not the JSON this endpoint expects");
		assertThat(api(this.mvc.get().uri("/api/devices?q=x&size=200"))).bodyJson()
			.extractingPath("$.content[?(@.name == 'x')]")
			.asArray()
			.isEmpty();
		post("{\"name\":\"api-dup\"}");
		assertProblem(post("{\"name\":\"api-dup\"}"), HttpStatus.CONFLICT, "A device named 'api-dup' already exists");
	}

	@Test
	void createWhenValidityDaysHasAFractionThen400NamingItAndNothingStored() {
		for (String days : new String[] { "1.5", "30.9", "1e1", "\"12\"x" }) {
			MvcTestResult result = post("{\"name\":\"api-fraction\",\"validityDays\":" + days + "}");
			assertThat(result).as(days).hasStatus(HttpStatus.BAD_REQUEST);
		}
		MvcTestResult result = post("{\"name\":\"api-fraction\",\"validityDays\":1.5}");
		assertProblem(result, HttpStatus.BAD_REQUEST, "validityDays");
		assertThat(result).bodyJson().extractingPath("$.field").isEqualTo("validityDays");
		assertThat(api(this.mvc.get().uri("/api/devices?q=api-fraction"))).bodyJson()
			.extractingPath("$.totalElements")
			.isEqualTo(0);
	}

	@Test
	void createWhenNameLongerThanACertificateCnTakesThen400NamingNameAndSayingSo() {
		String prefix = "cn-" + java.util.UUID.randomUUID() + "-";
		for (int length : new int[] { 65, 100, 255 }) {
			MvcTestResult result = post("{\"name\":\"" + prefix + "x".repeat(length - prefix.length()) + "\"}");
			assertProblem(result, HttpStatus.BAD_REQUEST, "at most 64 characters");
			assertThat(result).bodyJson().extractingPath("$.field").isEqualTo("name");
		}
		assertThat(post("{\"name\":\"" + prefix + "x".repeat(64 - prefix.length()) + "\"}"))
			.hasStatus(HttpStatus.CREATED)
			.bodyJson()
			.extractingPath("$.subject")
			.asString()
			.hasSize(3 + 64);
		assertThat(api(this.mvc.get().uri("/api/devices?q=" + prefix))).bodyJson()
			.extractingPath("$.totalElements")
			.isEqualTo(1);
	}

	@Test
	void importWhenNameUpTo255CharactersThenTakenAndLongerRefused() {
		String name = "imported-" + java.util.UUID.randomUUID() + "-";
		IssuedCredential credential = this.issuer.issue(KeyType.EC_P256, "long-imported-name", 30);
		MockMultipartFile cert = part("cert", PemCodec.certificate(credential.certificate()));
		MvcTestResult refused = importing(cert, null, name + "y".repeat(256 - name.length()));
		assertProblem(refused, HttpStatus.BAD_REQUEST, "at most 255 characters");
		assertThat(refused).bodyJson().extractingPath("$.field").isEqualTo("name");
		assertThat(importing(cert, null, name + "y".repeat(255 - name.length()))).hasStatus(HttpStatus.CREATED);
	}

	@Test
	void createAndImportWhenNameHasALoneSurrogateThen400NamingName() {
		MvcTestResult created = post("{\"name\":\"lone\\ud800surrogate\"}");
		assertProblem(created, HttpStatus.BAD_REQUEST, "U+D800");
		assertThat(created).bodyJson().extractingPath("$.field").isEqualTo("name");
		assertProblem(post("{\"name\":\"lone\\udc00\"}"), HttpStatus.BAD_REQUEST, "U+DC00");
		IssuedCredential credential = this.issuer.issue(KeyType.EC_P256, "surrogate-import", 30);
		MvcTestResult imported = importing(part("cert", PemCodec.certificate(credential.certificate())), null,
				"lone\ud800name");
		assertProblem(imported, HttpStatus.BAD_REQUEST, "U+D800");
		assertThat(imported).bodyJson().extractingPath("$.field").isEqualTo("name");
		// a pair is a character like any other
		assertThat(post("{\"name\":\"pair-\\ud83d\\ude00-" + java.util.UUID.randomUUID() + "\"}"))
			.hasStatus(HttpStatus.CREATED);
	}

	@Test
	void listWhenPageNumberHugeThen400NamingPage() {
		for (String page : new String[] { "2147483647", "99999999999", "10737419" }) {
			MvcTestResult result = api(this.mvc.get().uri("/api/devices?page=" + page)).exchange();
			assertProblem(result, HttpStatus.BAD_REQUEST, "page");
			assertThat(result).as(page).bodyJson().extractingPath("$.field").isEqualTo("page");
		}
		assertThat(api(this.mvc.get().uri("/api/devices?page=1000000&size=200"))).hasStatusOk()
			.bodyJson()
			.extractingPath("$.content")
			.asArray()
			.isEmpty();
	}

	@Test
	void importWhenSubjectOrSerialLongerThanTheirColumnsThen400NamingCertNotAConflict() {
		dev.keysmith.testkit.TestCa ca = new dev.keysmith.testkit.TestCa("long values");
		IssuedCredential longSubject = ca.clientCredential(new org.bouncycastle.asn1.x500.X500NameBuilder()
			.addRDN(org.bouncycastle.asn1.x500.style.BCStyle.CN, "long-subject")
			.addRDN(org.bouncycastle.asn1.x500.style.BCStyle.O, "o".repeat(1100))
			.build(), java.math.BigInteger.TEN);
		MvcTestResult subject = importing(part("cert", PemCodec.certificate(longSubject.certificate())), null);
		assertProblem(subject, HttpStatus.BAD_REQUEST, "subject");
		assertThat(subject).bodyJson()
			.hasPathSatisfying("$.field", (v) -> v.assertThat().isEqualTo("cert"))
			.hasPathSatisfying("$.detail", (v) -> v.assertThat().asString().contains("1024"));

		IssuedCredential longSerial = ca.clientCredential(new org.bouncycastle.asn1.x500.X500Name("CN=long-serial"),
				java.math.BigInteger.ONE.shiftLeft(1000));
		MvcTestResult serial = importing(part("cert", PemCodec.certificate(longSerial.certificate())), null);
		assertProblem(serial, HttpStatus.BAD_REQUEST, "serial number");
		assertThat(serial).bodyJson().extractingPath("$.field").isEqualTo("cert");
		assertThat(api(this.mvc.get().uri("/api/devices?q=long-s"))).bodyJson()
			.extractingPath("$.totalElements")
			.isEqualTo(0);
	}

	@Test
	void createAndImportWhenNameLooksLikeAnExistingOneThenWarningsNameThem() {
		String tag = Long.toString(System.nanoTime(), 36);
		String plain = "boiler" + tag;
		assertThat(post("{\"name\":\"" + plain + "\"}")).hasStatus(HttpStatus.CREATED)
			.bodyJson()
			.doesNotHavePath("$.warnings");
		// upper case, a Cyrillic o, a zero-width space inside
		assertThat(post("{\"name\":\"" + plain.toUpperCase(java.util.Locale.ROOT) + "\"}"))
			.hasStatus(HttpStatus.CREATED)
			.bodyJson()
			.hasPathSatisfying("$.warnings[0]", (v) -> v.assertThat().asString().contains("'" + plain + "'"));
		MvcTestResult cyrillic = post("{\"name\":\"b\u043eiler" + tag + "\"}");
		assertThat(cyrillic).hasStatus(HttpStatus.CREATED)
			.bodyJson()
			.hasPathSatisfying("$.warnings[0]",
					(v) -> v.assertThat()
						.asString()
						.contains("'" + plain + "'")
						.contains("'" + plain.toUpperCase(java.util.Locale.ROOT) + "'")
						.contains("look"));
		IssuedCredential credential = this.issuer.issue(KeyType.EC_P256, "boi\u200Bler" + tag, 60);
		assertThat(importing(part("cert", PemCodec.certificate(credential.certificate())), null))
			.hasStatus(HttpStatus.CREATED)
			.bodyJson()
			.hasPathSatisfying("$.warnings[0]",
					(v) -> v.assertThat()
						.asString()
						.contains("'boi\\u200Bler" + tag + "'")
						.contains("'b\u043eiler" + tag + "'")
						.contains("'" + plain + "'"));
		assertThat(api(this.mvc.get().uri("/api/devices?q=" + tag))).bodyJson()
			.extractingPath("$.totalElements")
			.isEqualTo(4);
	}

	@Test
	void importWhenAnotherDeviceHoldsTheCertificateThen409NamingItAndNothingStored() {
		IssuedCredential credential = this.issuer.issue(KeyType.EC_P256, "held-cert", 60);
		String name = "holder-" + java.util.UUID.randomUUID();
		assertThat(importing(part("cert", PemCodec.certificate(credential.certificate())), null, name))
			.hasStatus(HttpStatus.CREATED);
		MvcTestResult again = importing(part("cert", PemCodec.certificate(credential.certificate())),
				part("key", PemCodec.privateKey(credential)), "second-" + name);
		assertProblem(again, HttpStatus.CONFLICT, "This certificate is already held by device '" + name + "'");
		assertThat(api(this.mvc.get().uri("/api/devices?q=second-" + name))).bodyJson()
			.extractingPath("$.totalElements")
			.isEqualTo(0);
	}

	@Test
	void importWhenCertAndKeyThen201WithWarningsAndNameFromCn() {
		IssuedCredential credential = this.issuer.issue(KeyType.EC_P384, "api-imported-cn", 15);
		MvcTestResult result = api(this.mvc.post()
			.uri("/api/devices/import")
			.multipart()
			.file(part("cert", PemCodec.certificate(credential.certificate())))
			.file(part("key", PemCodec.pkcs8PrivateKey(credential)))).exchange();
		assertThat(result).hasStatus(HttpStatus.CREATED)
			.bodyJson()
			.hasPathSatisfying("$.name", (v) -> v.assertThat().isEqualTo("api-imported-cn"))
			.hasPathSatisfying("$.keyType", (v) -> v.assertThat().isEqualTo("EC_P384"))
			.hasPathSatisfying("$.origin", (v) -> v.assertThat().isEqualTo("IMPORTED"))
			.hasPathSatisfying("$.hasPrivateKey", (v) -> v.assertThat().isEqualTo(true))
			.hasPathSatisfying("$.credentialsId",
					(v) -> v.assertThat().isEqualTo(Fingerprints.thingsBoardCredentialsId(credential.certificate())))
			.hasPathSatisfying("$.warnings[0]", (v) -> v.assertThat().asString().contains("expires in 14 days"));
	}

	@Test
	void importWhenCertificateAndKeyPastedOnOneLineThen201() {
		IssuedCredential credential = this.issuer.issue(KeyType.EC_P256, "api-one-line", 60);
		MvcTestResult result = importing(
				part("cert", PemCodec.certificate(credential.certificate()).replace("\n", " ")),
				part("key", PemCodec.privateKey(credential).replace("\n", " ")));
		assertThat(result).hasStatus(HttpStatus.CREATED)
			.bodyJson()
			.hasPathSatisfying("$.name", (v) -> v.assertThat().isEqualTo("api-one-line"))
			.hasPathSatisfying("$.hasPrivateKey", (v) -> v.assertThat().isEqualTo(true));
	}

	@Test
	void importWhenBadInputThenProblemJsonAndNothingStored() {
		IssuedCredential one = this.issuer.issue(KeyType.EC_P256, "api-bad-import", 30);
		IssuedCredential two = this.issuer.issue(KeyType.EC_P256, "api-bad-import", 30);
		String cert = PemCodec.certificate(one.certificate());
		assertProblem(importing(part("cert", cert + PemCodec.certificate(two.certificate())), null),
				HttpStatus.BAD_REQUEST, "holds 2 certificates");
		assertProblem(importing(part("cert", cert), part("key", PemCodec.privateKey(two))), HttpStatus.BAD_REQUEST,
				"does not match the certificate");
		assertProblem(importing(part("cert", "-----BEGIN CERTIFICATE-----\nMIIB\n"), null), HttpStatus.BAD_REQUEST,
				"cut off");
		assertProblem(importing(null, part("key", PemCodec.privateKey(one))), HttpStatus.BAD_REQUEST,
				"Send the certificate as the multipart part 'cert'");
		assertThat(api(this.mvc.get().uri("/api/devices?q=api-bad-import"))).bodyJson()
			.extractingPath("$.totalElements")
			.isEqualTo(0);
	}

	@Test
	void listWhenPagedThenPageJson() {
		for (int i = 0; i < 3; i++) {
			post("{\"name\":\"api-list-%d\"}".formatted(i));
		}
		assertThat(api(this.mvc.get().uri("/api/devices?q=api-list-&page=1&size=2"))).hasStatusOk()
			.bodyJson()
			.hasPathSatisfying("$.content.length()", (v) -> v.assertThat().isEqualTo(1))
			.hasPathSatisfying("$.content[0].name", (v) -> v.assertThat().isEqualTo("api-list-2"))
			.hasPathSatisfying("$.page", (v) -> v.assertThat().isEqualTo(1))
			.hasPathSatisfying("$.size", (v) -> v.assertThat().isEqualTo(2))
			.hasPathSatisfying("$.totalElements", (v) -> v.assertThat().isEqualTo(3))
			.hasPathSatisfying("$.totalPages", (v) -> v.assertThat().isEqualTo(2));
	}

	@NeedsOpenssl
	@Test
	void downloadsWhenRequestedThenOpensslReadsThemAndKeyExportsAreAudited() throws Exception {
		String id = created(post("{\"name\":\"api-download\"}"));
		byte[] cert = api(this.mvc.get().uri("/api/devices/" + id + "/cert.pem")).exchange()
			.getResponse()
			.getContentAsByteArray();
		byte[] key = api(this.mvc.get().uri("/api/devices/" + id + "/key.pem")).exchange()
			.getResponse()
			.getContentAsByteArray();
		Files.write(this.dir.resolve("cert.pem"), cert);
		Files.write(this.dir.resolve("key.pem"), key);
		assertThat(Openssl.run(this.dir, "pkey", "-in", "key.pem", "-pubout"))
			.isEqualTo(Openssl.run(this.dir, "x509", "-in", "cert.pem", "-pubkey", "-noout"));

		MvcTestResult bundle = this.mvc.get()
			.uri("/api/devices/" + id + "/bundle.zip")
			.header(DeviceApiController.P12_PASSWORD_HEADER, "p12-password")
			.header("X-Keysmith-Reason", "provisioning line 3")
			.with(httpBasic("admin", ADMIN_PASSWORD))
			.exchange();
		assertThat(bundle).hasStatusOk().hasContentType("application/zip");
		Map<String, byte[]> files = DevicePagesTests.unzip(bundle.getResponse().getContentAsByteArray());
		Files.write(this.dir.resolve("device.p12"), files.get("device.p12"));
		assertThat(Openssl.run(this.dir, "pkcs12", "-in", "device.p12", "-passin", "pass:p12-password", "-nokeys"))
			.contains(new String(cert, StandardCharsets.US_ASCII).strip());

		assertProblem(
				api(this.mvc.get()
					.uri("/api/devices/" + id + "/bundle.zip")
					.header(DeviceApiController.P12_PASSWORD_HEADER, "short")).exchange(),
				HttpStatus.BAD_REQUEST, "at least 8");

		assertThat(api(this.mvc.get().uri("/api/devices/" + id + "/audit"))).bodyJson()
			.hasPathSatisfying("$[*].action",
					(v) -> v.assertThat()
						.asArray()
						.containsExactly("BUNDLE_EXPORTED", "PRIVATE_KEY_EXPORTED", "CREATED"))
			.hasPathSatisfying("$[0].actor", (v) -> v.assertThat().isEqualTo("admin"))
			.hasPathSatisfying("$[0].detail",
					(v) -> v.assertThat().isEqualTo("bundle.zip with device.p12; reason: provisioning line 3"));
	}

	@Test
	void bundleWhenP12PasswordIsNotPrintableAsciiThen400NamingItAndNothingExported() {
		String id = created(post("{\"name\":\"api-p12-" + java.util.UUID.randomUUID() + "\"}"));
		for (String password : new String[] { "p\u00e4ssw\u00f6rd-1", "pass\tword-1" }) {
			MvcTestResult result = api(this.mvc.get()
				.uri("/api/devices/" + id + "/bundle.zip")
				.header(DeviceApiController.P12_PASSWORD_HEADER, password)).exchange();
			assertProblem(result, HttpStatus.BAD_REQUEST, "printable ASCII");
			assertThat(result).bodyJson().extractingPath("$.field").isEqualTo("p12Password");
		}
		assertThat(api(this.mvc.get().uri("/api/devices/" + id + "/audit"))).bodyJson()
			.extractingPath("$[*].action")
			.asArray()
			.containsExactly("CREATED");
	}

	@Test
	void keyWhenImportedWithoutKeyThen404Problem() {
		IssuedCredential credential = this.issuer.issue(KeyType.EC_P256, "api-cert-only", 30);
		String id = created(importing(part("cert", PemCodec.certificate(credential.certificate())), null));
		assertProblem(api(this.mvc.get().uri("/api/devices/" + id + "/key.pem")).exchange(), HttpStatus.NOT_FOUND,
				"holds no private key for device 'api-cert-only'");
		assertThat(api(this.mvc.get().uri("/api/devices/" + id + "/bundle.zip"))).hasStatusOk();
		assertProblem(
				api(this.mvc.get()
					.uri("/api/devices/" + id + "/bundle.zip")
					.header(DeviceApiController.P12_PASSWORD_HEADER, "p12-password")).exchange(),
				HttpStatus.NOT_FOUND, "holds no private key");
	}

	@Test
	void deleteWhenExistsThen204ThenNotFound() {
		String id = created(post("{\"name\":\"api-delete\"}"));
		assertThat(api(this.mvc.delete().uri("/api/devices/" + id))).hasStatus(HttpStatus.NO_CONTENT);
		assertProblem(api(this.mvc.get().uri("/api/devices/" + id)).exchange(), HttpStatus.NOT_FOUND,
				"No device with id");
		assertProblem(api(this.mvc.delete().uri("/api/devices/" + id)).exchange(), HttpStatus.NOT_FOUND,
				"No device with id");
	}

	private MvcTestResult post(String json) {
		return api(this.mvc.post().uri("/api/devices").contentType(MediaType.APPLICATION_JSON).content(json))
			.exchange();
	}

	private MvcTestResult importing(MockMultipartFile cert, MockMultipartFile key) {
		return importing(cert, key, null);
	}

	private MvcTestResult importing(MockMultipartFile cert, MockMultipartFile key, String name) {
		var request = this.mvc.post().uri("/api/devices/import").multipart();
		if (name != null) {
			request.param("name", name);
		}
		if (cert != null) {
			request.file(cert);
		}
		if (key != null) {
			request.file(key);
		}
		return request.with(admin()).exchange();
	}

	private static MockMultipartFile part(String name, String content) {
		return new MockMultipartFile(name, name + ".pem", "application/x-pem-file",
				content.getBytes(StandardCharsets.US_ASCII));
	}

	private static String created(MvcTestResult result) {
		assertThat(result).hasStatus(HttpStatus.CREATED);
		try {
			return JsonPath.read(result.getResponse().getContentAsString(), "$.id");
		}
		catch (java.io.UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void assertProblem(MvcTestResult result, HttpStatus status, String detail) {
		assertThat(result).hasStatus(status)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.hasPathSatisfying("$.detail", (v) -> v.assertThat().asString().contains(detail))
			.doesNotHavePath("$.trace");
	}

	private static <T extends org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder<T>> T api(
			T request) {
		return request.with(admin());
	}

}
