package dev.keysmith.storage;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.keysmith.testkit.KeysmithProcess;
import dev.keysmith.testkit.NeedsKeysmithProcess;
import dev.keysmith.testkit.NeedsTmpfs;
import dev.keysmith.testkit.PageSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * A real Keysmith process whose data directory is on a small tmpfs that the test fills
 * up: plain errors (never "already exists", never a stack trace), health DOWN, logins
 * still checked, and after space is freed Keysmith carries on by itself with every device
 * it had acknowledged. Mounting needs root (as in CI); without it the test fails and says
 * so.
 */
@NeedsTmpfs
@NeedsKeysmithProcess
class DiskFullTests {

	private static final String DISK_FULL = "Keysmith cannot write to its data directory: the disk is full";

	private final JsonMapper json = JsonMapper.builder().build();

	private Path mountPoint;

	private KeysmithProcess keysmith;

	/** Devices answered 201 (API) or created by the form: all must survive. */
	private final List<String> acknowledged = new ArrayList<>();

	@BeforeEach
	void mountSmallDisk() throws Exception {
		this.mountPoint = Files.createTempDirectory("keysmith-small-disk-");
		Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=48m,mode=0755", "tmpfs",
				this.mountPoint.toString())
			.redirectErrorStream(true)
			.start();
		String said = new String(mount.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
		if (!mount.waitFor(30, TimeUnit.SECONDS) || mount.exitValue() != 0) {
			fail("This test needs root: it mounts a 48 MB tmpfs to fill a real file system (mount said: " + said + ")");
		}
	}

	@AfterEach
	void unmount() throws Exception {
		try {
			if (this.keysmith != null) {
				this.keysmith.kill();
			}
		}
		finally {
			new ProcessBuilder("umount", "-l", this.mountPoint.toString()).inheritIO()
				.start()
				.waitFor(30, TimeUnit.SECONDS);
			Files.deleteIfExists(this.mountPoint);
		}
	}

	@Test
	void writesWhenDiskFullThenPlainErrorsHealthDownLoginsWorkAndRecoveryLosesNothing() throws Exception {
		Path dataDir = this.mountPoint.resolve("data");
		String masterKey = KeysmithProcess.newMasterKey();
		this.keysmith = KeysmithProcess.start("disk-full", dataDir, masterKey);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.keysmith.health().statusCode() == 200);
		for (int i = 0; i < 3; i++) {
			assertThat(create("before-" + i)).isEqualTo(201);
		}
		String exportable = this.acknowledged.get(0);
		int exportsAcknowledged = 0;
		PageSession browser = new PageSession(this.keysmith);
		assertThat(browser.login("admin", KeysmithProcess.ADMIN_PASSWORD).headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(URI.create(location).getPath()).isEqualTo("/"));

		Path filler = fill(this.mountPoint);

		HttpResponse<String> health = this.keysmith.health();
		assertThat(health.statusCode()).isEqualTo(503);
		assertThat(this.json.readTree(health.body()).get("status").asString()).isEqualTo("DOWN");

		// H2 may still find room inside its file for a few writes: those are acknowledged
		// and must stay
		String refusedName = null;
		for (int i = 0; i < 200 && refusedName == null; i++) {
			String name = "during-" + i;
			HttpResponse<String> answer = this.keysmith.postJson("/api/devices", "{\"name\":\"" + name + "\"}");
			if (answer.statusCode() == 201) {
				this.acknowledged.add(id(answer));
			}
			else {
				assertDiskFullProblem(answer);
				refusedName = name;
			}
		}
		assertThat(refusedName).as("a create refused for lack of space").isNotNull();
		// the refused name was not taken: trying again is refused for the same reason,
		// not "already exists"
		assertDiskFullProblem(this.keysmith.postJson("/api/devices", "{\"name\":\"" + refusedName + "\"}"));

		HttpResponse<String> export = this.keysmith.get("/api/devices/" + exportable + "/key.pem");
		if (export.statusCode() == 200) {
			exportsAcknowledged++;
		}
		else {
			assertDiskFullProblem(export);
		}

		assertThat(browser.get("/devices/new").statusCode()).isEqualTo(200);
		HttpResponse<String> page = browser.post("/devices",
				Map.of("name", "page-" + refusedName, "keyType", "EC_P256", "validityDays", "30"));
		if (page.statusCode() == 302) {
			String location = page.headers().firstValue("Location").orElseThrow();
			this.acknowledged.add(location.substring(location.lastIndexOf('/') + 1));
		}
		else {
			assertThat(page.statusCode()).isEqualTo(503);
			assertThat(page.body()).contains(DISK_FULL).doesNotContain("Exception").doesNotContain("already exists");
		}

		// a valid login is still a valid login: read (H2 reopens its file) or told why
		// not, never "wrong password"
		HttpResponse<String> read = this.keysmith.get("/api/devices/" + exportable);
		assertThat(read.statusCode()).isIn(200, 503);
		if (read.statusCode() == 503) {
			assertThat(read.body()).contains("cannot check passwords");
		}
		PageSession another = new PageSession(this.keysmith);
		String landing = another.login("admin", KeysmithProcess.ADMIN_PASSWORD)
			.headers()
			.firstValue("Location")
			.orElseThrow();
		if (landing.contains("/login?error")) {
			assertThat(another.get("/login?error").body()).contains("cannot check passwords")
				.doesNotContain("Wrong username or password");
		}
		else {
			assertThat(URI.create(landing).getPath()).isEqualTo("/");
		}

		Files.delete(filler);

		await().atMost(Duration.ofSeconds(30)).until(() -> this.keysmith.health().statusCode() == 200);
		String refused = refusedName;
		await().atMost(Duration.ofSeconds(30)).until(() -> create(refused) == 201);
		assertThat(create("after-space-freed")).isEqualTo(201);
		assertEveryAcknowledgedDeviceIntact(exportable, exportsAcknowledged);

		// and they are on disk, not only in memory
		this.keysmith.kill();
		this.keysmith = KeysmithProcess.start("disk-full-restart", dataDir, masterKey);
		assertEveryAcknowledgedDeviceIntact(exportable, exportsAcknowledged);
	}

	private int create(String name) {
		HttpResponse<String> answer = this.keysmith.postJson("/api/devices", "{\"name\":\"" + name + "\"}");
		if (answer.statusCode() == 201) {
			this.acknowledged.add(id(answer));
		}
		return answer.statusCode();
	}

	private String id(HttpResponse<String> created) {
		return this.json.readTree(created.body()).get("id").asString();
	}

	private void assertDiskFullProblem(HttpResponse<String> answer) {
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
		assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = this.json.readTree(answer.body());
		// the write refused for lack of space, or (H2 closed its file after a failed
		// write)
		// the password check before it unable to read and saying so: a plain disk-full
		// answer either way, never "wrong password"
		assertThat(problem.get("detail").asString()).satisfiesAnyOf(
				(detail) -> assertThat(detail).startsWith(DISK_FULL),
				(detail) -> assertThat(detail).contains("cannot check passwords")
					.contains("the disk of its data directory is full"));
		assertThat(answer.body()).doesNotContain("already exists")
			.doesNotContain("Exception")
			.doesNotContain("PRIVATE KEY");
	}

	private void assertEveryAcknowledgedDeviceIntact(String exported, int exports) {
		for (String id : this.acknowledged) {
			HttpResponse<String> audit = this.keysmith.get("/api/devices/" + id + "/audit");
			assertThat(audit.statusCode()).as("device %s", id).isEqualTo(200);
			List<String> actions = new ArrayList<>();
			this.json.readTree(audit.body()).forEach((line) -> actions.add(line.get("action").asString()));
			assertThat(actions).as("device %s", id).contains("CREATED");
			if (id.equals(exported)) {
				assertThat(actions.stream().filter("PRIVATE_KEY_EXPORTED"::equals))
					.hasSizeGreaterThanOrEqualTo(exports);
			}
		}
	}

	/** Writes a file until the file system has no room left; returns it. */
	private static Path fill(Path mountPoint) throws IOException {
		Path filler = mountPoint.resolve("filler");
		byte[] block = new byte[64 * 1024];
		try (OutputStream out = Files.newOutputStream(filler)) {
			while (true) {
				out.write(block);
			}
		}
		catch (IOException full) {
			assertThat(full.getMessage()).contains("No space left on device");
		}
		return filler;
	}

}
