package dev.keysmith.batch;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.jayway.jsonpath.JsonPath;
import dev.keysmith.device.Device;
import dev.keysmith.device.DeviceAudit;
import dev.keysmith.device.DeviceService;
import dev.keysmith.pki.Openssl;
import dev.keysmith.testkit.NeedsOpenssl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The batch API: validation as a whole, CSV upload, steering, and the streamed downloads.
 */
@NeedsOpenssl
class BatchApiTests extends BatchTestSupport {

	@Autowired
	DeviceService devices;

	@Autowired
	org.springframework.jdbc.core.JdbcTemplate jdbc;

	@TempDir
	Path dir;

	@Test
	void createWhenCsvHasBadRowsThen400ListingEachAndNothingCreated() throws Exception {
		String prefix = prefix("refused");
		byte[] csv = ("name\n" + prefix + "ok\n\n" + prefix + "ok\n" + "x".repeat(70) + "\n")
			.getBytes(StandardCharsets.UTF_8);
		MvcTestResult refused = upload(csv, "");
		assertThat(refused).hasStatus(HttpStatus.BAD_REQUEST);
		String problem = body(refused);
		assertThat(refused.getResponse().getContentType()).startsWith("application/problem+json");
		List<Map<String, Object>> rows = JsonPath.read(problem, "$.rows");
		assertThat(rows).extracting((row) -> row.get("line"), (row) -> row.get("field"))
			.containsExactly(org.assertj.core.groups.Tuple.tuple(4, "name"),
					org.assertj.core.groups.Tuple.tuple(5, "name"));
		assertThat((String) rows.get(0).get("reason")).isEqualTo("The same name as line 2");
		assertThat(this.devices.list(prefix, 0, 10).getTotalElements()).isZero();

		MvcTestResult dryRun = upload(csv, "?dryRun=true");
		assertThat(dryRun).hasStatusOk();
		assertThat(JsonPath.<Integer>read(body(dryRun), "$.valid")).isEqualTo(1);
		assertThat(JsonPath.<List<?>>read(body(dryRun), "$.rows")).hasSize(2);

		MvcTestResult validOnly = upload(csv, "?validRowsOnly=true");
		assertThat(validOnly).hasStatus(HttpStatus.CREATED);
		String id = JsonPath.read(body(validOnly), "$.id");
		assertThat(JsonPath.<Integer>read(body(validOnly), "$.total")).isEqualTo(1);
		assertThat(JsonPath.<String>read(body(validOnly), "$.source")).isEqualTo("CSV");
		awaitCompleted(id, Duration.ofSeconds(30));
		assertThat(this.devices.list(prefix, 0, 10).getTotalElements()).isEqualTo(1);
	}

	@Test
	void createWhenCsvBringsKeysThenDevicesHoldThemAndTheBatchKeepsNoCopy() throws Exception {
		String prefix = prefix("keys");
		dev.keysmith.pki.IssuedCredential one = new dev.keysmith.pki.CertificateIssuer()
			.issue(dev.keysmith.pki.KeyType.EC_P256, prefix + "1", 30);
		String csv = "name,cert,key\n" + prefix + "1,\"" + dev.keysmith.pki.PemCodec.certificate(one.certificate())
				+ "\",\"" + dev.keysmith.pki.PemCodec.privateKey(one) + "\"\n";
		MvcTestResult created = upload(csv.getBytes(StandardCharsets.UTF_8), "");
		assertThat(created).hasStatus(HttpStatus.CREATED);
		String id = JsonPath.read(body(created), "$.id");
		awaitCompleted(id, Duration.ofSeconds(30));
		assertThat(this.devices.list(prefix, 0, 10).getContent()).singleElement()
			.satisfies((device) -> assertThat(device.hasPrivateKey()).isTrue());
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM batch_item WHERE batch_id = ? " + "AND sealed_private_key IS NOT NULL",
				Integer.class, UUID.fromString(id)))
			.isZero();
	}

	@Test
	void createWhenOptionsAreWrongThen400NamingTheField() throws Exception {
		assertField("{\"pattern\":\"a-{01}\",\"count\":10001}", "count");
		assertField("{\"pattern\":\"no-number\",\"count\":2}", "pattern");
		assertField("{\"pattern\":\"a-{01}\",\"count\":2,\"stages\":[\"PUSH\"]}", "serverId");
		assertField("{\"pattern\":\"a-{01}\",\"count\":2,\"concurrency\":99}", "concurrency");
		assertField("{\"pattern\":\"a-{01}\",\"count\":2,\"validityDays\":0}", "validityDays");
		assertField("{\"pattern\":\"a-{01}\",\"count\":2,\"serverId\":\"" + UUID.randomUUID() + "\"}", "serverId");
		assertField("{\"pattern\":\"a-{01}\",\"count\":2,\"stages\":[\"BAKE\"]}", "stages[0]");
	}

	@Test
	void uploadWhenCsvIsLargerThanAnImportAllowsThenTakenAsABatch() throws Exception {
		StringBuilder csv = new StringBuilder("name,label\n");
		String prefix = prefix("big");
		for (int i = 0; i < 2000; i++) {
			csv.append(prefix).append(i).append(',').append("l".repeat(100)).append('\n');
		}
		assertThat(csv.length()).isGreaterThan(64 * 1024);
		MvcTestResult dryRun = upload(csv.toString().getBytes(StandardCharsets.UTF_8), "?dryRun=true");
		assertThat(dryRun).hasStatusOk();
		assertThat(JsonPath.<Integer>read(body(dryRun), "$.valid")).isEqualTo(2000);
	}

	@Test
	void steerWhenPausedResumedCancelledThenStatesFollowAndWrongMovesAre409() throws Exception {
		String id = start("{\"pattern\":\"" + prefix("steer") + "{0001}\",\"count\":400,\"concurrency\":1}");
		assertThat(state(post(id, "pause"))).isEqualTo("PAUSED");
		assertThat(api(this.mvc.post().uri("/api/batches/" + id + "/pause")).exchange()).hasStatus(HttpStatus.CONFLICT);
		String paused = body(api(this.mvc.get().uri("/api/batches/" + id)).exchange());
		Thread.sleep(500); // nothing moves while paused (a generous look, not a timing
							// assertion)
		String still = body(api(this.mvc.get().uri("/api/batches/" + id)).exchange());
		assertThat(JsonPath.<Integer>read(still, "$.counts.ISSUED"))
			.isLessThanOrEqualTo(JsonPath.<Integer>read(paused, "$.counts.ISSUED") + 1);
		assertThat(state(post(id, "resume"))).isEqualTo("RUNNING");
		assertThat(state(post(id, "cancel"))).isEqualTo("CANCELLED");
		assertThat(api(this.mvc.post().uri("/api/batches/" + id + "/resume")).exchange())
			.hasStatus(HttpStatus.CONFLICT);
		assertThat(JsonPath.<List<String>>read(body(api(this.mvc.get().uri("/api/audit?objectId=" + id)).exchange()),
				"$.content[*].action"))
			.containsExactly("BATCH_CANCELLED", "BATCH_RESUMED", "BATCH_PAUSED", "BATCH_CREATED");
		assertThat(api(this.mvc.get().uri("/api/batches/" + UUID.randomUUID())).exchange())
			.hasStatus(HttpStatus.NOT_FOUND);
	}

	@Test
	void createWhenNameTakenAmongManyLikeNamesThenItemSkippedAsExisting() throws Exception {
		String prefix = prefix("crowd");
		Device taken = this.devices.create(prefix + "0", dev.keysmith.pki.KeyType.EC_P256, 30, "test");
		// more devices whose names contain the taken one, and sort before it, than a page
		// of the device list holds
		for (int i = 0; i <= DeviceService.MAX_PAGE_SIZE; i++) {
			this.devices.create("a%03d-%s0".formatted(i, prefix), dev.keysmith.pki.KeyType.EC_P256, 30, "test");
		}
		String id = start("{\"pattern\":\"" + prefix + "{0}\",\"start\":0,\"count\":1,\"onExistingName\":\"SKIP\"}");
		String batch = awaitCompleted(id, Duration.ofSeconds(30));
		assertThat(JsonPath.<Integer>read(batch, "$.counts.SKIPPED")).isEqualTo(1);
		MvcTestResult report = api(this.mvc.get().uri("/api/batches/" + id + "/report.csv")).exchange();
		assertThat(report.getResponse().getContentAsString(StandardCharsets.UTF_8).lines().skip(1))
			.singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
			.contains(taken.getId().toString())
			.contains("NAME_TAKEN");
	}

	@Test
	void downloadsWhenBatchIssuedThenReportRowsAndBundlesCheckedByOpensslWithManifestAndAudit() throws Exception {
		String prefix = prefix("bundle");
		String id = start("{\"pattern\":\"" + prefix + "{1}\",\"count\":5,\"keyType\":\"EC_P384\"}");
		awaitCompleted(id, Duration.ofSeconds(30));

		MvcTestResult report = api(this.mvc.get().uri("/api/batches/" + id + "/report.csv")).exchange();
		assertThat(report).hasStatusOk();
		List<String> lines = report.getResponse().getContentAsString(StandardCharsets.UTF_8).lines().toList();
		assertThat(lines).hasSize(6);
		assertThat(lines.get(0))
			.startsWith("line,name,keysmith_id,thingsboard_device_id,credentials_id,sha256_fingerprint");
		assertThat(lines.get(1)).startsWith("1," + prefix + "1,").contains(",ISSUED,");

		MvcTestResult zip = api(this.mvc.get()
			.uri("/api/batches/" + id + "/bundles.zip")
			.header(BatchApiController.P12_PASSWORD_HEADER, "batch-p12-password")).exchange();
		assertThat(zip).hasStatusOk();
		Path unzipped = unzip(zip.getResponse().getContentAsByteArray());
		String manifest = Files.readString(unzipped.resolve("manifest.json"));
		List<Map<String, Object>> listed = JsonPath.read(manifest, "$.devices");
		assertThat(listed).extracting((device) -> device.get("name"))
			.containsExactly(prefix + "1", prefix + "2", prefix + "3", prefix + "4", prefix + "5");
		for (Map<String, Object> device : List.of(listed.get(0), listed.get(4))) {
			Path folder = unzipped.resolve((String) device.get("folder"));
			Openssl.run(folder, "pkey", "-in", "key.pem", "-check", "-noout");
			assertThat(Openssl.run(folder, "x509", "-in", "cert.pem", "-noout", "-subject"))
				.isEqualTo("subject=CN = " + device.get("name") + "\n");
			assertThat(Openssl.run(folder, "pkey", "-in", "key.pem", "-pubout"))
				.isEqualTo(Openssl.run(folder, "x509", "-in", "cert.pem", "-noout", "-pubkey"));
			assertThat(Openssl.run(folder, "pkcs12", "-in", "device.p12", "-passin", "pass:batch-p12-password",
					"-nokeys", "-clcerts"))
				.contains("BEGIN CERTIFICATE");
			assertThat(Files.exists(folder.resolve("README.txt"))).isTrue();
			assertThat(Files.readString(folder.resolve("firmware/credentials.h")))
				.contains("#define KEYSMITH_HAS_DEVICE_KEY 1");
			assertThat(this.devices.auditTrail(UUID.fromString((String) device.get("id"))))
				.extracting(DeviceAudit::getAction)
				.contains(DeviceAudit.Action.BUNDLE_EXPORTED);
		}
	}

	private void assertField(String json, String field) throws Exception {
		MvcTestResult result = api(
				this.mvc.post().uri("/api/batches").contentType(MediaType.APPLICATION_JSON).content(json))
			.exchange();
		assertThat(result).as(json).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(JsonPath.<String>read(body(result), "$.field")).as(json).isEqualTo(field);
	}

	private MvcTestResult upload(byte[] csv, String query) {
		return api(this.mvc.post()
			.uri("/api/batches" + query)
			.multipart()
			.file(new MockMultipartFile("file", "devices.csv", "text/csv", csv))).exchange();
	}

	private String post(String id, String action) throws Exception {
		MvcTestResult result = api(this.mvc.post().uri("/api/batches/" + id + "/" + action)).exchange();
		assertThat(result).hasStatusOk();
		return body(result);
	}

	private static String state(String batch) {
		return JsonPath.read(batch, "$.state");
	}

	private static String prefix(String what) {
		return what + "-" + UUID.randomUUID().toString().substring(0, 8) + "-";
	}

	private Path unzip(byte[] zip) throws Exception {
		Path target = Files.createDirectories(this.dir.resolve("unzipped"));
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
			for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				Path file = target.resolve(entry.getName()).normalize();
				assertThat(file.startsWith(target)).as(entry.getName()).isTrue();
				Files.createDirectories(file.getParent());
				Files.write(file, in.readAllBytes());
			}
		}
		return target;
	}

}
