package dev.keysmith.batch;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import dev.keysmith.ca.CaService;
import dev.keysmith.ca.DeviceCa;
import dev.keysmith.device.CredentialOrigin;
import dev.keysmith.device.Device;
import dev.keysmith.device.DeviceService;
import dev.keysmith.pki.Certificates;
import dev.keysmith.pki.KeyType;
import dev.keysmith.testkit.NeedsOpenssl;
import dev.keysmith.testkit.Shell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Batches that issue from a Keysmith CA: generated devices certified by it, and CSV rows
 * that carry a device's CSR (the key stays on the device); a CSR row without a CA, a bad
 * CSR, and a CA where none can serve are refused before anything is stored.
 */
@NeedsOpenssl
class BatchCaTests extends BatchTestSupport {

	@Autowired
	CaService cas;

	@Autowired
	DeviceService devices;

	@TempDir
	Path dir;

	@Test
	void patternWhenCaGivenThenEveryDeviceIssuedByIt() throws Exception {
		DeviceCa ca = this.cas.create("Batch CA " + suffix(), KeyType.EC_P256, 400, "admin");
		String prefix = "ca-batch-" + suffix() + "-";
		String id = start("{\"pattern\":\"" + prefix + "{01}\",\"count\":3,\"caId\":\"" + ca.getId() + "\"}");
		String batch = awaitCompleted(id, Duration.ofSeconds(60));

		assertThat(JsonPath.<Integer>read(batch, "$.counts.ISSUED")).isEqualTo(3);
		X509Certificate caCertificate = Certificates.fromPem(ca.getCertificatePem());
		for (int i = 1; i <= 3; i++) {
			Device device = this.devices.findByName(prefix + "%02d".formatted(i)).orElseThrow();
			X509Certificate certificate = Certificates.fromPem(device.getCertificatePem());
			assertThat(certificate.getIssuerX500Principal()).isEqualTo(caCertificate.getSubjectX500Principal());
			certificate.verify(caCertificate.getPublicKey());
			assertThat(device.activeCredential().getCaId()).isEqualTo(ca.getId());
			assertThat(device.hasPrivateKey()).isTrue();
		}
	}

	@Test
	void csvWhenRowsCarryCsrsThenCertificatesFromTheCaAndNoKeyKept() throws Exception {
		DeviceCa ca = this.cas.create("CSR batch CA " + suffix(), KeyType.EC_P384, 400, "admin");
		String first = "csr-row-" + suffix();
		String second = "csr-row-" + suffix();
		Shell.run(this.dir, "openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout a.key "
				+ "-out a.csr -subj /CN=anything && openssl req -new -newkey rsa:2048 -nodes -keyout b.key -out b.der "
				+ "-outform DER -subj /CN=other");
		String pem = Files.readString(this.dir.resolve("a.csr"));
		String der = java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(this.dir.resolve("b.der")));
		String csv = "name,csr\n" + first + ",\"" + pem + "\"\n" + second + "," + der + "\n";

		MvcTestResult refused = upload(csv, null);
		assertThat(refused).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(JsonPath.<List<Map<String, Object>>>read(body(refused), "$.rows"))
			.extracting((row) -> row.get("field"))
			.containsExactly("csr", "csr");
		assertThat(body(refused)).contains("A CSR needs a CA");
		assertThat(this.devices.findByName(first)).isEmpty();

		MvcTestResult started = upload(csv, ca.getId());
		assertThat(started).hasStatus(HttpStatus.CREATED);
		String batch = awaitCompleted(JsonPath.read(body(started), "$.id"), Duration.ofSeconds(60));
		assertThat(JsonPath.<Integer>read(batch, "$.counts.ISSUED")).as(batch).isEqualTo(2);
		Device a = this.devices.findByName(first).orElseThrow();
		Device b = this.devices.findByName(second).orElseThrow();
		assertThat(List.of(a, b)).allSatisfy((device) -> {
			assertThat(device.getOrigin()).isEqualTo(CredentialOrigin.CSR);
			assertThat(device.hasPrivateKey()).isFalse();
			assertThat(device.activeCredential().getCaId()).isEqualTo(ca.getId());
		});
		assertThat(b.getKeyType()).isEqualTo(KeyType.RSA_2048);
		// a renewal would give them keys Keysmith holds: left alone
		String renewal = start("{\"stages\":[\"RENEW\"],\"deviceIds\":[\"" + a.getId() + "\"]}");
		awaitCompleted(renewal, Duration.ofSeconds(60));
		assertThat(body(api(this.mvc.get().uri("/api/batches/" + renewal + "/items")).exchange()))
			.contains("\"cause\":\"KEY_NOT_HELD\"");
		assertThat(this.devices.get(a.getId()).credentialHistory()).hasSize(1);
		Files.writeString(this.dir.resolve("a.pem"), a.getCertificatePem());
		assertThat(Shell.run(this.dir, "openssl x509 -in a.pem -noout -pubkey"))
			.isEqualTo(Shell.run(this.dir, "openssl pkey -in a.key -pubout"));
	}

	@Test
	void zipWhenItHoldsCsrsThenOneDeviceEachNamedByItsCnAndBadOnesListed() throws Exception {
		DeviceCa ca = this.cas.create("Zip CA " + suffix(), KeyType.EC_P256, 400, "admin");
		String first = "zip-" + suffix();
		String second = "zip-" + suffix();
		Shell.run(this.dir, "openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout 1.key "
				+ "-out 1.csr -subj /CN=" + first + " && openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-384 "
				+ "-nodes -keyout 2.key -outform DER -out 2.csr -subj /CN=" + second);
		byte[] good = zip(Map.of("fleet/1.csr", Files.readAllBytes(this.dir.resolve("1.csr")), "fleet/2.csr",
				Files.readAllBytes(this.dir.resolve("2.csr")), "fleet/notes.txt",
				"not a CSR".getBytes(StandardCharsets.US_ASCII)));

		MvcTestResult noCa = uploadZip(good, null);
		assertThat(noCa).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(JsonPath.<String>read(body(noCa), "$.field")).isEqualTo("caId");
		MvcTestResult bad = uploadZip(zip(Map.of("a.csr", Files.readAllBytes(this.dir.resolve("1.key")))), ca.getId());
		assertThat(bad).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(body(bad)).contains("a.csr: This is a private key");

		MvcTestResult started = uploadZip(good, ca.getId());
		assertThat(started).hasStatus(HttpStatus.CREATED);
		assertThat(JsonPath.<String>read(body(started), "$.source")).isEqualTo("CSR_ZIP");
		String batch = awaitCompleted(JsonPath.read(body(started), "$.id"), Duration.ofSeconds(60));
		assertThat(JsonPath.<Integer>read(batch, "$.counts.ISSUED")).as(batch).isEqualTo(2);
		assertThat(this.devices.findByName(first).orElseThrow().getOrigin()).isEqualTo(CredentialOrigin.CSR);
		assertThat(this.devices.findByName(second).orElseThrow().getKeyType()).isEqualTo(KeyType.EC_P384);
	}

	private MvcTestResult uploadZip(byte[] zip, UUID caId) {
		var request = this.mvc.post()
			.uri("/api/batches")
			.multipart()
			.file(new MockMultipartFile("file", "csrs.zip", "application/zip", zip));
		if (caId != null) {
			request.param("caId", caId.toString());
		}
		return api(request).exchange();
	}

	private static byte[] zip(Map<String, byte[]> files) throws java.io.IOException {
		java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
		try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
			for (Map.Entry<String, byte[]> file : new java.util.TreeMap<>(files).entrySet()) {
				zip.putNextEntry(new java.util.zip.ZipEntry(file.getKey()));
				zip.write(file.getValue());
				zip.closeEntry();
			}
		}
		return bytes.toByteArray();
	}

	@Test
	void createWhenCaOrCsrWrongThen400AndNothingStored() throws Exception {
		DeviceCa retired = this.cas.create("Retired CA " + suffix(), KeyType.EC_P256, 400, "admin");
		this.cas.retire(retired.getId(), "admin");
		assertField("{\"pattern\":\"x-{01}\",\"count\":2,\"caId\":\"" + UUID.randomUUID() + "\"}", "caId");
		assertField("{\"pattern\":\"x-{01}\",\"count\":2,\"caId\":\"" + retired.getId() + "\"}", "caId");
		assertField("{\"expiresWithinDays\":30,\"caId\":\"" + retired.getId() + "\"}", "caId");
		DeviceCa ca = this.cas.create("Good CA " + suffix(), KeyType.EC_P256, 400, "admin");
		Shell.run(this.dir, "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout c.key "
				+ "-out c.pem -days 2 -subj /CN=c");
		String certificate = Files.readString(this.dir.resolve("c.pem"));
		String name = "bad-csr-" + suffix();
		MvcTestResult refused = upload("name,csr\n" + name + ",\"" + certificate + "\"\n", ca.getId());
		assertThat(refused).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(body(refused)).contains("This is a certificate");
		MvcTestResult both = upload("name,cert,csr\n" + name + ",\"" + certificate + "\",\"" + certificate + "\"\n",
				ca.getId());
		assertThat(body(both)).contains("not both");
		assertThat(this.devices.findByName(name)).isEmpty();
	}

	private void assertField(String json, String field) throws Exception {
		MvcTestResult result = api(
				this.mvc.post().uri("/api/batches").contentType(MediaType.APPLICATION_JSON).content(json))
			.exchange();
		assertThat(result).as(json).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(JsonPath.<String>read(body(result), "$.field")).as(json).isEqualTo(field);
	}

	private MvcTestResult upload(String csv, UUID caId) {
		var request = this.mvc.post()
			.uri("/api/batches")
			.multipart()
			.file(new MockMultipartFile("file", "devices.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)));
		if (caId != null) {
			request.param("caId", caId.toString());
		}
		return api(request).exchange();
	}

	private static String suffix() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

}
