package dev.keysmith.backup;

import java.nio.file.Path;
import java.util.Map;

import dev.keysmith.vault.VaultProperties;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code --keysmith.restore-from=FILE}: restores a backup into the empty data directory
 * once the settings are known and logging is set up, before anything else touches the
 * data directory or opens the database, then lets Keysmith start on it. A refusal stops
 * the start with a plain message (see {@link RestoreFailureAnalyzer}).
 */
class RestoreOnStartup implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

	static final String PROPERTY = "keysmith.restore-from";

	/** Set once a backup was restored at this start: its file name, then what it was. */
	static final String RESTORED_FILE = "keysmith.restored.file";

	static final String RESTORED_DETAIL = "keysmith.restored.detail";

	/**
	 * After the settings and logging, before the data directory's permissions are seen
	 * to.
	 */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 10;
	}

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		ConfigurableEnvironment environment = event.getEnvironment();
		String from = environment.getProperty(PROPERTY);
		if (from == null || from.isBlank()) {
			return;
		}
		String keyFile = environment.getProperty("keysmith.vault.key-file");
		VaultProperties vault = new VaultProperties(environment.getProperty("keysmith.vault.master-key"),
				(keyFile != null && !keyFile.isBlank()) ? Path.of(keyFile) : null);
		Path backup = Path.of(from.strip());
		BackupManifest restored = new Restore(backup, Path.of(environment.getRequiredProperty("keysmith.data-dir")),
				environment.getProperty("spring.datasource.url", ""), vault)
			.run();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("keysmith-restore",
					Map.of(RESTORED_FILE, backup.getFileName().toString(), RESTORED_DETAIL,
							"made %s by %s with Keysmith %s; the database in it: %d bytes, SHA-256 %s".formatted(
									restored.createdAt(), restored.createdBy(), restored.keysmithVersion(),
									restored.databaseSize(), restored.databaseSha256()))));
	}

}
