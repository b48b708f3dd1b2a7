package dev.keysmith.instance;

import java.nio.file.Path;
import java.time.Duration;

import dev.keysmith.testkit.KeysmithProcess;
import dev.keysmith.testkit.NeedsKeysmithProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stopped by a signal (SIGTERM, as systemd or {@code docker stop} do), Keysmith finishes
 * its own shutdown work before the embedded database closes: the instance leaves the
 * registry, nothing is written to a closed database.
 */
@NeedsKeysmithProcess
class GracefulStopTests {

	@TempDir
	Path dataDir;

	@Test
	void stopWhenSignalledThenTheInstanceLeavesTheRegistryBeforeTheDatabaseCloses() throws Exception {
		try (KeysmithProcess keysmith = KeysmithProcess.start("graceful-stop", this.dataDir,
				KeysmithProcess.newMasterKey())) {
			assertThat(keysmith.postJson("/api/devices", "{\"name\":\"before-stop\"}").statusCode()).isEqualTo(201);
			keysmith.stop();
			assertThat(keysmith.awaitExit(Duration.ofSeconds(30))).isTrue();
			String log = keysmith.logText();
			assertThat(log).contains("registered");
			assertThat(log).doesNotContain("could not leave the registry")
				.doesNotContain("Database is already closed")
				.doesNotContain(" ERROR ");
		}
	}

}
