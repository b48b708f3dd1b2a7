package dev.keysmith.device;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import dev.keysmith.KeysmithApplication;
import dev.keysmith.pki.CertificateIssuer;
import dev.keysmith.pki.IssuedCredential;
import dev.keysmith.pki.KeyType;
import dev.keysmith.pki.PemCodec;
import dev.keysmith.testkit.NeedsPostgres;
import dev.keysmith.testkit.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Keysmith instances on one PostgreSQL database: started together, racing on the same
 * names.
 */
@NeedsPostgres
class TwoInstancesPostgresTests {

	@TempDir
	Path dataA;

	@TempDir
	Path dataB;

	private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	@AfterEach
	void stop() {
		this.instances.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void importsWhenSameNameAtTheSameMomentThenOneWinsAndTheOtherGetsAClearError() throws Exception {
		String url = PostgresServer.shared().newDatabase("two_instances");
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		String masterKey = Base64.getEncoder().encodeToString(key);
		// both start at once: Flyway's lock lets one migrate while the other waits. They
		// leave the JVM's logging as it is: two applications configuring the one logger
		// context at the same moment trip over each other (a test artefact, not a
		// Keysmith one: instances are separate processes)
		System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
		try {
			CompletableFuture<ConfigurableApplicationContext> a = CompletableFuture
				.supplyAsync(() -> start(url, masterKey, this.dataA));
			CompletableFuture<ConfigurableApplicationContext> b = CompletableFuture
				.supplyAsync(() -> start(url, masterKey, this.dataB));
			this.instances.add(a.get(120, TimeUnit.SECONDS));
			this.instances.add(b.get(120, TimeUnit.SECONDS));
		}
		finally {
			System.clearProperty(LoggingSystem.SYSTEM_PROPERTY);
		}
		DeviceService first = this.instances.get(0).getBean(DeviceService.class);
		DeviceService second = this.instances.get(1).getBean(DeviceService.class);

		CertificateIssuer issuer = new CertificateIssuer();
		for (int round = 0; round < 10; round++) {
			String name = "race-" + round;
			IssuedCredential credential = issuer.issue(KeyType.EC_P256, name, 30);
			ImportRequest request = new ImportRequest(PemCodec.certificate(credential.certificate()).getBytes(),
					PemCodec.privateKey(credential).getBytes(), name);
			CyclicBarrier together = new CyclicBarrier(2);
			CompletableFuture<String> viaA = CompletableFuture.supplyAsync(() -> attempt(first, request, together));
			CompletableFuture<String> viaB = CompletableFuture.supplyAsync(() -> attempt(second, request, together));
			List<String> outcomes = List.of(viaA.get(60, TimeUnit.SECONDS), viaB.get(60, TimeUnit.SECONDS));
			assertThat(outcomes).containsExactlyInAnyOrder("imported", "A device named '" + name + "' already exists");
			assertThat(first.list(name, 0, 10).getContent()).singleElement()
				.satisfies((device) -> assertThat(device.getName()).isEqualTo(name));
		}

		// one master key, one database: what one instance stored, the other can export
		Device made = first.create("made-by-a", KeyType.EC_P384, 30, "admin");
		DeviceExports exports = this.instances.get(1).getBean(DeviceExports.class);
		assertThat(new String(exports.privateKeyPem(made.getId(), "admin", "test").content()))
			.startsWith("-----BEGIN EC PARAMETERS-----");
		assertThat(second.auditTrail(made.getId())).extracting(DeviceAudit::getAction)
			.containsExactly(DeviceAudit.Action.PRIVATE_KEY_EXPORTED, DeviceAudit.Action.CREATED);
	}

	private static String attempt(DeviceService devices, ImportRequest request, CyclicBarrier together) {
		try {
			together.await(30, TimeUnit.SECONDS);
			devices.importDevice(request, "admin");
			return "imported";
		}
		catch (DeviceConflictException ex) {
			return ex.getMessage();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static ConfigurableApplicationContext start(String url, String masterKey, Path dataDir) {
		return new SpringApplicationBuilder(KeysmithApplication.class).run("--spring.profiles.active=postgres",
				"--spring.datasource.url=" + url, "--spring.datasource.username=" + PostgresServer.USER,
				"--spring.datasource.password=", "--keysmith.vault.master-key=" + masterKey,
				"--keysmith.data-dir=" + dataDir, "--keysmith.security.admin-password=admin-password",
				"--server.port=0", "--server.address=127.0.0.1", "--spring.main.banner-mode=off");
	}

}
