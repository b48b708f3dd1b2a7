package dev.keysmith.device;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import dev.keysmith.KeysmithTestSupport;
import dev.keysmith.pki.CertificateIssuer;
import dev.keysmith.pki.IssuedCredential;
import dev.keysmith.pki.KeyType;
import dev.keysmith.pki.PemBlock;
import dev.keysmith.pki.PemCodec;
import dev.keysmith.testkit.Bytes;
import dev.keysmith.thingsboard.ServerSettings;
import dev.keysmith.thingsboard.ThingsBoardServerService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Private keys never reach the database files or the log in clear: searched for in the
 * bytes of the H2 file and in everything logged while keys were made, imported and
 * exported.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsAtRestTests extends KeysmithTestSupport {

	@Autowired
	DeviceService devices;

	@Autowired
	DeviceExports exports;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ThingsBoardServerService servers;

	@Test
	void privateKeysWhenStoredAndExportedThenAbsentFromDatabaseFileAndLog(CapturedOutput output) throws Exception {
		List<String> keyPems = new ArrayList<>();
		List<byte[]> scalars = new ArrayList<>();
		for (KeyType type : KeyType.generatable()) {
			Device device = this.devices.create("secret-" + type.name(), type, 30, "admin");
			keyPems.add(new String(this.exports.privateKeyPem(device.getId(), "admin", "test").content(),
					StandardCharsets.US_ASCII));
			this.exports.bundle(device.getId(), "bundle-password", "admin", "test");
		}
		IssuedCredential imported = new CertificateIssuer().issue(KeyType.EC_P256, "secret-imported", 30);
		this.devices.importDevice(new ImportRequest(PemCodec.certificate(imported.certificate()).getBytes(),
				PemCodec.privateKey(imported).getBytes(), null), "admin");
		keyPems.add(PemCodec.privateKey(imported));
		scalars.add(unsigned(((ECPrivateKey) imported.privateKey()).getS().toByteArray()));

		List<String> needles = new ArrayList<>();
		for (String pem : keyPems) {
			for (PemBlock block : PemCodec.decode(pem)) {
				if (block.label().endsWith("PRIVATE KEY")) {
					pem.lines().filter((l) -> !l.startsWith("-----") && l.length() > 20).forEach(needles::add);
					String der = Base64.getEncoder().encodeToString(block.content());
					needles.add(der.substring(20, 60));
					needles.add(HexFormat.of().formatHex(block.content()).substring(20, 80));
				}
			}
		}
		assertThat(needles).hasSizeGreaterThan(10);

		this.jdbc.execute("CHECKPOINT SYNC");
		byte[] database = Files.readAllBytes(DATA_DIR.resolve("keysmith.mv.db"));
		String databaseText = new String(database, StandardCharsets.ISO_8859_1);
		// positive control: what is stored in clear (the certificate) is found by this
		// search
		String certificateLine = PemCodec.certificate(imported.certificate()).lines().skip(2).findFirst().orElseThrow();
		assertThat(databaseText).contains(certificateLine);

		for (String needle : needles) {
			assertThat(databaseText).doesNotContain(needle);
			assertThat(output.getAll()).doesNotContain(needle);
		}
		for (byte[] scalar : scalars) {
			assertThat(Bytes.indexOf(database, scalar)).isEqualTo(-1);
		}
		assertThat(output.getAll()).contains("Private key of device 'secret-EC_P256' exported by admin");
	}

	@Test
	void thingsBoardSecretsWhenStoredThenAbsentFromDatabaseFileAndLog(CapturedOutput output) throws Exception {
		String password = "tb-password-" + java.util.UUID.randomUUID();
		String apiKey = "tb_" + java.util.UUID.randomUUID().toString().replace("-", "");
		this.servers.create(new ServerSettings("secret-server-1", "http://127.0.0.1:9", "tenant", password, null, null,
				null, null, null, null, null));
		this.servers.create(new ServerSettings("secret-server-2", "http://127.0.0.1:9", null, null, apiKey, null, null,
				null, null, null, null));
		this.jdbc.execute("CHECKPOINT SYNC");
		String databaseText = new String(Files.readAllBytes(DATA_DIR.resolve("keysmith.mv.db")),
				StandardCharsets.ISO_8859_1);
		assertThat(databaseText).contains("secret-server-1").doesNotContain(password).doesNotContain(apiKey);
		assertThat(output.getAll()).doesNotContain(password).doesNotContain(apiKey);
	}

	@Test
	void masterKeyFileWhenCreatedThenOwnerOnly() throws Exception {
		Path keyFile = DATA_DIR.resolve("master.key");
		assertThat(keyFile).exists();
		assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
			.isEqualTo("rw-------");
	}

	private static byte[] unsigned(byte[] value) {
		return (value[0] == 0) ? java.util.Arrays.copyOfRange(value, 1, value.length) : value;
	}

}
