package dev.keysmith.ca;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import dev.keysmith.KeysmithTestSupport;
import dev.keysmith.account.TestAccounts;
import dev.keysmith.push.PushService;
import dev.keysmith.testkit.NeedsLibcoap;
import dev.keysmith.testkit.NeedsOpenssl;
import dev.keysmith.testkit.Shell;
import dev.keysmith.testkit.ThingsBoardDouble;
import dev.keysmith.testkit.ThingsBoardDoubleTest;
import dev.keysmith.testkit.TrustedServers;
import dev.keysmith.testkit.ZipFiles;
import dev.keysmith.thingsboard.ThingsBoardServerService;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * Devices whose key never leaves them: openssl plays the device, makes its key and CSR;
 * Keysmith issues the certificate from its CA and keeps no key; libcoap's client, with
 * the device's own key and Keysmith's certificate, then posts telemetry to the
 * ThingsBoard double. Each kind of bad CSR is refused in words.
 */
@NeedsOpenssl
@ThingsBoardDoubleTest(publishServerCa = true)
class CsrDeviceTests extends KeysmithTestSupport {

	static ThingsBoardDouble thingsBoard;

	@Autowired
	PushService push;

	@Autowired
	ThingsBoardServerService servers;

	@TempDir
	Path dir;

	String caId;

	@BeforeEach
	void ca() throws IOException {
		MvcTestResult created = postJson("/api/cas", "{\"name\":\"CSR CA " + suffix() + "\"}");
		assertThat(created).hasStatus(HttpStatus.CREATED);
		this.caId = JsonPath.read(body(created), "$.id");
		Files.writeString(this.dir.resolve("ca.pem"), body(getAsAdmin("/api/cas/" + this.caId + "/cert.pem")));
	}

	@Test
	@NeedsLibcoap
	void csrWhenSignedByTheDeviceThenCertificateFromTheCaNoKeyKeptAndTheDeviceConnectsWithItsOwnKey() throws Exception {
		String name = "csr-device-" + suffix();
		Shell.run(this.dir, "openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout dev.key "
				+ "-out dev.csr -subj /CN=" + name);

		MvcTestResult created = upload(Files.readAllBytes(this.dir.resolve("dev.csr")), null, this.caId);
		assertThat(created).hasStatus(HttpStatus.CREATED);
		assertThat(JsonPath.<String>read(body(created), "$.name")).isEqualTo(name);
		assertThat(JsonPath.<String>read(body(created), "$.origin")).isEqualTo("CSR");
		assertThat(JsonPath.<Boolean>read(body(created), "$.hasPrivateKey")).isFalse();
		String id = JsonPath.read(body(created), "$.id");

		Map<String, String> bundle = bundle(id);
		assertThat(bundle).doesNotContainKeys("key.pem", "key.pkcs8.pem").containsKey("chain.pem");
		assertThat(getAsAdmin("/api/devices/" + id + "/key.pem").getResponse().getStatus()).isGreaterThanOrEqualTo(400);
		Files.writeString(this.dir.resolve("cert.pem"), bundle.get("cert.pem"));
		assertThat(Shell.run(this.dir, "openssl verify -CAfile ca.pem cert.pem")).contains("cert.pem: OK");
		assertThat(Shell.run(this.dir, "openssl x509 -in cert.pem -noout -pubkey"))
			.isEqualTo(Shell.run(this.dir, "openssl pkey -in dev.key -pubout"));

		// wait for the device: nothing yet, then what it sent
		assertThat(getAsAdmin("/api/devices/" + id + "/activity")).hasStatus(HttpStatus.CONFLICT);
		UUID serverId = TrustedServers.add(this.servers, thingsBoard, "csr");
		this.push.push(UUID.fromString(id), serverId, null, "admin");
		String before = body(getAsAdmin("/api/devices/" + id + "/activity?waitSeconds=1"));
		assertThat(JsonPath.<Boolean>read(before, "$.seen")).isFalse();
		assertThat(JsonPath.<String>read(before, "$.diagnosis")).contains("heard nothing")
			.contains("127.0.0.1:" + thingsBoard.coapPort());
		assertThat(getAsAdmin("/api/devices/" + id + "/activity?waitSeconds=61")).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(this.mvc.get().uri("/devices/" + id + "/activity").with(TestAccounts.everyRole("admin")).exchange())
			.hasStatusOk()
			.bodyText()
			.contains("activity-waiting")
			.contains("hx-trigger");
		String answer = Shell.run(this.dir,
				"coap-client-openssl -v 6 -B 20 -c cert.pem -j dev.key -m POST "
						+ "-t application/json -e '{\"temperature\":21}' coaps://127.0.0.1:" + thingsBoard.coapPort()
						+ "/api/v1/telemetry");
		assertThat(answer).contains("c:2.01");
		String after = body(getAsAdmin("/api/devices/" + id + "/activity?waitSeconds=10"));
		assertThat(JsonPath.<Boolean>read(after, "$.seen")).isTrue();
		assertThat(JsonPath.<String>read(after, "$.telemetry.temperature.value")).isEqualTo("21");
		assertThat(JsonPath.<String>read(after, "$.diagnosis")).contains("heard from '" + name + "'");
		assertThat(this.mvc.get().uri("/devices/" + id + "/activity").with(TestAccounts.everyRole("admin")).exchange())
			.hasStatusOk()
			.bodyText()
			.contains("activity-seen")
			.contains("temperature")
			.doesNotContain("hx-trigger");
	}

	@Test
	void csrWhenDerRsaOrNamedThenAcceptedAndEachBadOneRefusedNamingTheField() throws Exception {
		String rsaName = "rsa-" + suffix();
		Shell.run(this.dir, "openssl req -new -newkey rsa:2048 -nodes -keyout rsa.key -out rsa.csr -subj /CN=cn-"
				+ rsaName + " && openssl req -in rsa.csr -outform DER -out rsa.der"
				+ " && openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-521 -nodes -keyout p521.key "
				+ "-out p521.csr -subj /CN=p521"
				+ " && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout c.key -out c.pem "
				+ "-days 2 -subj /CN=cert");
		MvcTestResult der = upload(Files.readAllBytes(this.dir.resolve("rsa.der")), rsaName, this.caId);
		assertThat(der).hasStatus(HttpStatus.CREATED);
		assertThat(JsonPath.<String>read(body(der), "$.name")).as("the name given, not the CN").isEqualTo(rsaName);
		assertThat(JsonPath.<String>read(body(der), "$.keyType")).isEqualTo("RSA_2048");
		// its key is on the device: a renewal would replace it by one Keysmith holds
		MvcTestResult renewal = postJson("/api/devices/" + JsonPath.read(body(der), "$.id") + "/renewal", "{}");
		assertThat(renewal).hasStatus(HttpStatus.CONFLICT);
		assertThat(body(renewal)).contains("not in Keysmith (key held by the device)");

		byte[] csr = Files.readAllBytes(this.dir.resolve("rsa.der"));
		byte[] tampered = csr.clone();
		tampered[tampered.length - 10] ^= 0x01; // inside the signature
		assertRefused(upload(tampered, "tampered-" + suffix(), this.caId), "csr", "does not verify");
		assertRefused(upload(Files.readAllBytes(this.dir.resolve("p521.csr")), null, this.caId), "csr",
				"not supported");
		assertRefused(upload(Files.readAllBytes(this.dir.resolve("c.pem")), null, this.caId), "csr",
				"This is a certificate");
		assertRefused(upload(Files.readAllBytes(this.dir.resolve("c.key")), null, this.caId), "csr",
				"This is a private key");
		assertRefused(upload("hello".getBytes(StandardCharsets.US_ASCII), null, this.caId), "csr", "not PEM");
		assertRefused(upload(controlCharacterCsr(), null, this.caId), "name", "The CSR's CN cannot be a device name");
		assertRefused(upload(Files.readAllBytes(this.dir.resolve("rsa.csr")), "no-ca-" + suffix(), null), "caId",
				"Choose the CA");
		assertRefused(upload(Files.readAllBytes(this.dir.resolve("rsa.csr")), rsaName, this.caId), "name", "exists");
	}

	@Test
	void pageWhenOperatorUploadsTheCsrThenTheDeviceIsIssuedOrTheRefusalShown() throws Exception {
		String name = "csr-page-" + suffix();
		Shell.run(this.dir, "openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-384 -nodes -keyout p.key "
				+ "-out p.csr -subj /CN=" + name);
		assertThat(this.mvc.get().uri("/devices/csr").with(TestAccounts.everyRole("admin")).exchange()).hasStatusOk()
			.bodyText()
			.contains(this.caId);
		MvcTestResult issued = this.mvc.post()
			.uri("/devices/csr")
			.multipart()
			.file(new MockMultipartFile("csr", "p.csr", "application/pkcs10",
					Files.readAllBytes(this.dir.resolve("p.csr"))))
			.param("caId", this.caId)
			.param("validityDays", "90")
			.with(TestAccounts.everyRole("admin"))
			.with(csrf())
			.exchange();
		assertThat(issued).hasStatus(HttpStatus.FOUND);
		assertThat(this.mvc.get()
			.uri(issued.getResponse().getRedirectedUrl())
			.with(TestAccounts.everyRole("admin"))
			.exchange()).hasStatusOk().bodyText().contains(name);
		MvcTestResult refused = this.mvc.post()
			.uri("/devices/csr")
			.multipart()
			.file(new MockMultipartFile("csr", "p.key", "text/plain", Files.readAllBytes(this.dir.resolve("p.key"))))
			.param("caId", this.caId)
			.with(TestAccounts.everyRole("admin"))
			.with(csrf())
			.exchange();
		assertThat(refused).hasStatusOk().bodyText().contains("This is a private key").doesNotContain("BEGIN");
	}

	/**
	 * A CSR asking for a CN with a control character in it (openssl's command line makes
	 * none; a device's firmware may).
	 */
	private static byte[] controlCharacterCsr() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		KeyPair pair = generator.generateKeyPair();
		return new JcaPKCS10CertificationRequestBuilder(
				new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, "sensor\u0007bell").build(), pair.getPublic())
			.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()))
			.getEncoded();
	}

	private MvcTestResult upload(byte[] csr, String name, String caId) {
		var request = this.mvc.post()
			.uri("/api/devices/csr")
			.multipart()
			.file(new MockMultipartFile("csr", "device.csr", MediaType.APPLICATION_OCTET_STREAM_VALUE, csr));
		if (name != null) {
			request.param("name", name);
		}
		if (caId != null) {
			request.param("caId", caId);
		}
		return request.with(admin()).exchange();
	}

	private static void assertRefused(MvcTestResult result, String field, String words) {
		assertThat(result.getResponse().getStatus()).as(body(result)).isIn(400, 409);
		if (result.getResponse().getStatus() == 400) {
			assertThat(JsonPath.<String>read(body(result), "$.field")).isEqualTo(field);
		}
		assertThat(body(result)).contains(words);
	}

	private Map<String, String> bundle(String id) throws IOException {
		MvcTestResult result = getAsAdmin("/api/devices/" + id + "/bundle.zip");
		assertThat(result).hasStatusOk();
		return ZipFiles.read(result.getResponse().getContentAsByteArray());
	}

	private static String body(MvcTestResult result) {
		try {
			return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String suffix() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

}
