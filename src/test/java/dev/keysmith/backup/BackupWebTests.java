package dev.keysmith.backup;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import dev.keysmith.KeysmithTestSupport;
import dev.keysmith.account.TestAccounts;
import dev.keysmith.audit.AuditEvent;
import dev.keysmith.audit.AuditLog;
import dev.keysmith.device.DeviceService;
import dev.keysmith.pki.KeyType;
import dev.keysmith.vault.KeyVault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/** The backup through the API and the Backup page, on the shared H2 test application. */
class BackupWebTests extends KeysmithTestSupport {

	@Autowired
	DeviceService devices;

	@Autowired
	KeyVault vault;

	@Autowired
	AuditLog audit;

	@TempDir
	Path dir;

	@Test
	void backupWhenAdminPostsThenASealedZipOfTheDatabaseAndItsManifestStreamedAndAudited() throws Exception {
		this.devices.create("backup-web-1", KeyType.EC_P256, 30, "admin");
		MvcTestResult result = this.mvc.post()
			.uri("/api/admin/backup")
			.with(httpBasic("admin", ADMIN_PASSWORD))
			.exchange();
		assertThat(result).hasStatusOk().hasContentType("application/zip");
		byte[] body = result.getResponse().getContentAsByteArray();
		assertThat(result.getResponse().getHeader("Content-Length")).isEqualTo(String.valueOf(body.length));
		String disposition = result.getResponse().getHeader("Content-Disposition");
		assertThat(disposition).startsWith("attachment; filename=\"keysmith-backup-").endsWith(".zip\"");
		assertThat(result.getResponse().getHeader("Cache-Control")).isEqualTo("no-store");

		Map<String, byte[]> entries = unzip(body);
		assertThat(entries).containsOnlyKeys("manifest.json", "keysmith.mv.db");
		BackupManifest manifest = BackupManifest.fromJson(entries.get("manifest.json"));
		assertThat(manifest).isNotNull();
		assertThat(manifest.formatVersion()).isEqualTo(1);
		assertThat(manifest.createdBy()).isEqualTo("admin");
		assertThat(manifest.keysmithVersion()).isNotBlank();
		assertThat(manifest.masterKeyId()).isEqualTo(this.vault.keyId());
		assertThat(manifest.vaultKeyIds()).containsExactly(this.vault.keyId());
		byte[] database = entries.get("keysmith.mv.db");
		assertThat(manifest.databaseSize()).isEqualTo(database.length);
		assertThat(manifest.databaseSha256())
			.isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(database)));
		// the database as it is: an H2 file holding the device
		assertThat(new String(database, StandardCharsets.ISO_8859_1)).startsWith("H:2").contains("backup-web-1");
		Path file = this.dir.resolve("backup.zip");
		Files.write(file, body);
		BackupArchive.checkSeal(file, this.vault);

		String name = disposition.substring(disposition.indexOf('"') + 1, disposition.lastIndexOf('"'));
		List<AuditEvent> audited = this.audit.recent(BackupService.ACTION, 10);
		assertThat(audited).anySatisfy((event) -> {
			assertThat(event.getActor()).isEqualTo("admin");
			assertThat(event.getObjectId()).isEqualTo(name);
			assertThat(event.getDetail()).startsWith(body.length + " bytes");
		});
		// the working folder is gone once the file is sent
		try (var files = Files.list(DATA_DIR)) {
			assertThat(files.map((f) -> f.getFileName().toString())).noneMatch((f) -> f.startsWith(".backup-"));
		}
	}

	@Test
	void backupWhenNotSignedInOrNotAnAdministratorThenRefused() {
		assertThat(this.mvc.post().uri("/api/admin/backup")).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.mvc.post().uri("/api/admin/backup").with(httpBasic("admin", "wrong-password")))
			.hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.mvc.post().uri("/api/admin/backup").with(user("viewer").roles("USER")))
			.hasStatus(HttpStatus.FORBIDDEN);
		assertThat(this.mvc.get().uri("/backup").with(user("viewer").roles("USER"))).hasStatus(HttpStatus.FORBIDDEN);
		assertThat(this.mvc.post().uri("/backup").with(user("viewer").roles("USER")).with(csrf()))
			.hasStatus(HttpStatus.FORBIDDEN);
	}

	@Test
	void backupPageWhenOpenedThenLinkedFromTheNavigationAndItsFormDownloadsABackupItThenLists() throws Exception {
		assertThat(this.mvc.get().uri("/devices").with(TestAccounts.everyRole("admin"))).bodyText()
			.contains("href=\"/backup\"");
		MvcTestResult page = this.mvc.get().uri("/backup").with(TestAccounts.everyRole("admin")).exchange();
		assertThat(page).hasStatusOk()
			.bodyText()
			.contains("Download a backup")
			.contains("the master key is not in it")
			.contains("--keysmith.restore-from=")
			.contains("action=\"/backup\"");

		MvcTestResult download = this.mvc.post()
			.uri("/backup")
			.with(user("pages-admin").roles("ADMIN"))
			.with(csrf())
			.exchange();
		assertThat(download).hasStatusOk().hasContentType("application/zip");
		assertThat(unzip(download.getResponse().getContentAsByteArray())).containsKeys("manifest.json",
				"keysmith.mv.db");
		assertThat(this.mvc.post().uri("/backup").with(TestAccounts.everyRole("admin")))
			.hasStatus(HttpStatus.FORBIDDEN);

		assertThat(this.mvc.get().uri("/backup").with(TestAccounts.everyRole("admin"))).bodyText()
			.contains("pages-admin")
			.containsPattern("\\d+ bytes; the database in it");
	}

	static Map<String, byte[]> unzip(byte[] zip) throws IOException {
		Map<String, byte[]> entries = new HashMap<>();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
			for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				entries.put(entry.getName(), in.readAllBytes());
			}
		}
		return entries;
	}

}
