package dev.keysmith.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import dev.keysmith.KeysmithApplication;
import dev.keysmith.device.DeviceService;
import dev.keysmith.pki.KeyType;
import dev.keysmith.thingsboard.ThingsBoardServer;
import dev.keysmith.thingsboard.ThingsBoardServerService;
import dev.keysmith.vault.VaultException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Whole-application start-ups on a fresh data directory: first start, restarts, wrong
 * keys.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupTests {

	@TempDir
	Path dataDir;

	@Test
	void firstStartWhenNoAdminPasswordThenGeneratedAndPrintedOnceToBeChangedAtTheFirstSignIn(CapturedOutput output) {
		try (ConfigurableApplicationContext first = start(null, null)) {
			assertThat(output.getAll()).containsPattern("Created account 'admin' with the generated password:  \\S{24}")
				.contains("must be changed at the first sign-in");
			assertThat(first.getBean(JdbcTemplate.class)
				.queryForObject("SELECT must_change_password AND roles = 'ADMIN,OPERATOR,CUSTODIAN,AUDITOR' "
						+ "FROM app_user WHERE username = 'admin'", Boolean.class))
				.isTrue();
		}
		int printedBefore = count(output.getAll(), "generated password");
		try (ConfigurableApplicationContext second = start(null, null)) {
			assertThat(count(output.getAll(), "generated password")).isEqualTo(printedBefore);
		}
		String hash = passwordHash();
		assertThat(hash).startsWith("{bcrypt}$2a$");
	}

	@Test
	void restartWhenMasterKeyWrongOrMissingThenRefusesToStartAndKeepsData() throws Exception {
		try (ConfigurableApplicationContext context = start(null, "admin-pass-1")) {
			context.getBean(DeviceService.class).create("needs-its-key", KeyType.EC_P256, 30, "admin");
		}
		Path keyFile = this.dataDir.resolve("master.key");
		byte[] originalKey = Files.readAllBytes(keyFile);

		String wrongKey = Base64.getEncoder().encodeToString(new byte[32]);
		assertThatException().isThrownBy(() -> start(wrongKey, "admin-pass-1"))
			.havingRootCause()
			.isInstanceOf(VaultException.class)
			.withMessageContaining("will not start with the wrong key");

		Files.move(keyFile, this.dataDir.resolve("master.key.bak"));
		assertThatException().isThrownBy(() -> start(null, "admin-pass-1"))
			.havingRootCause()
			.isInstanceOf(VaultException.class)
			.withMessageContaining("will not create a new key");
		assertThat(keyFile).doesNotExist();

		Files.move(this.dataDir.resolve("master.key.bak"), keyFile);
		assertThat(Files.readAllBytes(keyFile)).isEqualTo(originalKey);
		String environmentKey = new String(originalKey).strip();
		try (ConfigurableApplicationContext context = start(environmentKey, "admin-pass-1")) {
			assertThat(context.getBean(DeviceService.class).list("needs-its-key", 0, 10).getTotalElements())
				.isEqualTo(1);
		}
	}

	@Test
	void startWhenThingsBoardEnvironmentGivenThenDefaultServerConfiguredAndKeptCurrent() {
		String[] first = { "--keysmith.thingsboard.default-server.url=http://tb.example:8080/",
				"--keysmith.thingsboard.default-server.username=tenant@thingsboard.org",
				"--keysmith.thingsboard.default-server.password=tenant" };
		try (ConfigurableApplicationContext context = start(null, "pw-123456", first)) {
			ThingsBoardServer server = context.getBean(ThingsBoardServerService.class).list().get(0);
			assertThat(server.getName()).isEqualTo("ThingsBoard");
			assertThat(server.getBaseUrl()).isEqualTo("http://tb.example:8080");
			assertThat(server.getCoapHost()).isEqualTo("tb.example");
			assertThat(server.getCoapPort()).isEqualTo(5684);
			assertThat(server.isFromEnvironment()).isTrue();
		}
		String[] second = { "--keysmith.thingsboard.default-server.url=http://tb.example:8080",
				"--keysmith.thingsboard.default-server.api-key=tb_abc",
				"--keysmith.thingsboard.default-server.coap-host=coap.example",
				"--keysmith.thingsboard.default-server.coap-port=5700" };
		try (ConfigurableApplicationContext context = start(null, "pw-123456", second)) {
			var servers = context.getBean(ThingsBoardServerService.class).list();
			assertThat(servers).singleElement().satisfies((server) -> {
				assertThat(server.getAuthType()).isEqualTo(ThingsBoardServer.AuthType.API_KEY);
				assertThat(server.getCoapHost()).isEqualTo("coap.example");
				assertThat(server.getCoapPort()).isEqualTo(5700);
			});
		}
	}

	private ConfigurableApplicationContext start(String masterKey, String adminPassword, String... more) {
		java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(more));
		args.addAll(java.util.List.of("--keysmith.data-dir=" + this.dataDir,
				"--keysmith.vault.master-key=" + ((masterKey != null) ? masterKey : ""),
				"--keysmith.security.admin-password=" + ((adminPassword != null) ? adminPassword : ""),
				"--spring.main.banner-mode=off", "--server.port=0", "--server.address=127.0.0.1"));
		return new SpringApplicationBuilder(KeysmithApplication.class).run(args.toArray(String[]::new));
	}

	private String passwordHash() {
		try (ConfigurableApplicationContext context = start(null, null)) {
			return context.getBean(JdbcTemplate.class)
				.queryForObject("SELECT password_hash FROM app_user WHERE username = 'admin'", String.class);
		}
	}

	private static int count(String text, String needle) {
		int count = 0;
		for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
			count++;
		}
		return count;
	}

}
