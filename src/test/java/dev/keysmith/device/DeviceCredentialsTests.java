package dev.keysmith.device;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import dev.keysmith.KeysmithTestSupport;
import dev.keysmith.account.TestAccounts;
import dev.keysmith.pki.KeyType;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

/**
 * A device's credentials: the history in the API and on the page, keys bound to their
 * record, one ACTIVE.
 */
class DeviceCredentialsTests extends KeysmithTestSupport {

	@Autowired
	DeviceService devices;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void certificatesWhenDeviceCreatedThenItsActiveCredentialWithEveryField() throws Exception {
		Device device = this.devices.create("history-" + UUID.randomUUID(), KeyType.EC_P384, 40, "admin");
		MvcTestResult result = this.mvc.get()
			.uri("/api/devices/" + device.getId() + "/certificates")
			.with(httpBasic("admin", ADMIN_PASSWORD))
			.exchange();
		assertThat(result).hasStatusOk();
		String json = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
		List<Map<String, Object>> history = JsonPath.read(json, "$");
		assertThat(history).singleElement().satisfies((entry) -> {
			assertThat(entry).containsOnlyKeys("id", "state", "keyType", "serialNumber", "sha256Fingerprint",
					"credentialsId", "notBefore", "notAfter", "hasPrivateKey", "createdAt", "activatedAt", "retiredAt",
					"failureCause", "revokedAt", "keyDestroyedAt", "caId");
			assertThat(entry).containsEntry("state", "ACTIVE")
				.containsEntry("keyType", "EC_P384")
				.containsEntry("serialNumber", device.getSerialNumber())
				.containsEntry("sha256Fingerprint", device.getSha256Fingerprint())
				.containsEntry("credentialsId", device.getCredentialsId())
				.containsEntry("hasPrivateKey", true)
				.containsEntry("notAfter", device.getNotAfter().toString())
				.containsEntry("retiredAt", null);
			assertThat(entry.get("activatedAt")).isEqualTo(entry.get("createdAt")).isNotNull();
		});
		assertThat(this.mvc.get()
			.uri("/api/devices/" + UUID.randomUUID() + "/certificates")
			.with(httpBasic("admin", ADMIN_PASSWORD))).hasStatus(HttpStatus.NOT_FOUND);
	}

	@Test
	void certificatesWhenSeveralThenNewestFirstOnTheApiAndThePage() throws Exception {
		Device device = this.devices.create("history-order-" + UUID.randomUUID(), KeyType.EC_P256, 30, "admin");
		UUID retired = UUID.randomUUID();
		// an older certificate of the device, retired: as a renewal will leave it
		this.jdbc.update("insert into device_credential (id, device_id, state, active_device_id, key_type, origin, "
				+ "subject, serial_number, not_before, not_after, sha256_fingerprint, credentials_id, certificate_pem, "
				+ "key_binding, created_at, activated_at, retired_at, version) select ?, device_id, 'RETIRED', null, "
				+ "key_type, origin, subject, '7e57', not_before, not_after, sha256_fingerprint, credentials_id, "
				+ "certificate_pem, 'RECORD', ?, ?, ?, 0 from device_credential where device_id = ?", retired,
				java.sql.Timestamp.from(Instant.parse("2024-01-01T00:00:00Z")),
				java.sql.Timestamp.from(Instant.parse("2024-01-02T00:00:00Z")),
				java.sql.Timestamp.from(Instant.parse("2025-01-02T00:00:00Z")), device.getId());

		MvcTestResult result = this.mvc.get()
			.uri("/api/devices/" + device.getId() + "/certificates")
			.with(httpBasic("admin", ADMIN_PASSWORD))
			.exchange();
		String json = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(JsonPath.<List<String>>read(json, "$[*].state")).containsExactly("ACTIVE", "RETIRED");
		assertThat(JsonPath.<String>read(json, "$[1].id")).isEqualTo(retired.toString());
		assertThat(JsonPath.<String>read(json, "$[1].retiredAt")).isEqualTo("2025-01-02T00:00:00Z");
		assertThat(JsonPath.<Boolean>read(json, "$[1].hasPrivateKey")).isFalse();
		// the device itself still shows its active certificate
		assertThat(this.devices.get(device.getId()).getSerialNumber()).isNotEqualTo("7e57");

		String page = this.mvc.get()
			.uri("/devices/" + device.getId())
			.with(TestAccounts.everyRole("admin"))
			.exchange()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(page).contains("Certificates");
		assertThat(page.indexOf(device.getSerialNumber(), page.indexOf("id=\"certificates\"")))
			.isLessThan(page.indexOf("7e57", page.indexOf("id=\"certificates\"")));
	}

	@Test
	void exportWhenSealedKeysWereSwappedBetweenRecordsThenRefusedPlainlyAndNothingLeaks() throws Exception {
		Device first = this.devices.create("swap-a-" + UUID.randomUUID(), KeyType.EC_P256, 30, "admin");
		Device second = this.devices.create("swap-b-" + UUID.randomUUID(), KeyType.EC_P256, 30, "admin");
		String firstKey = sealedKey(first);
		String secondKey = sealedKey(second);
		this.jdbc.update("update device_credential set sealed_private_key = ? where device_id = ?", secondKey,
				first.getId());
		this.jdbc.update("update device_credential set sealed_private_key = ? where device_id = ?", firstKey,
				second.getId());

		for (String file : new String[] { "key.pem", "bundle.zip" }) {
			MvcTestResult result = this.mvc.get()
				.uri("/api/devices/" + first.getId() + "/" + file)
				.header("X-Keysmith-Reason", "after the swap")
				.with(httpBasic("admin", ADMIN_PASSWORD))
				.exchange();
			assertThat(result).as(file).hasStatus(HttpStatus.CONFLICT);
			assertThat(result.getResponse().getContentAsString(StandardCharsets.UTF_8)).as(file)
				.contains("The private key stored for device '" + first.getName()
						+ "' does not open for its certificate record")
				.doesNotContain("Exception")
				.doesNotContain(secondKey.substring(0, 40));
		}
		assertThat(this.devices.auditTrail(first.getId())).extracting(DeviceAudit::getAction)
			.doesNotContain(DeviceAudit.Action.PRIVATE_KEY_EXPORTED, DeviceAudit.Action.BUNDLE_EXPORTED);
		// the page says the same as a message on the device page, not an error page
		MvcTestResult page = this.mvc.post()
			.uri("/devices/" + second.getId() + "/key.pem")
			.param("reason", "after the swap")
			.with(TestAccounts.everyRole("admin"))
			.with(TestAccounts.justSignedIn())
			.with(csrf())
			.exchange();
		assertThat(page).hasStatus3xxRedirection()
			.flash()
			.containsEntry("error", "The private key stored for device '" + second.getName() + "' does not open for "
					+ "its certificate record: A sealed secret failed its integrity check: it was altered, or belongs "
					+ "to another record. Keysmith neither uses nor exports it.");
	}

	@Test
	void schemaWhenASecondActiveCredentialIsStoredThenRefused() {
		Device device = this.devices.create("one-active-" + UUID.randomUUID(), KeyType.EC_P256, 30, "admin");
		String copy = "insert into device_credential (id, device_id, state, active_device_id, key_type, origin, "
				+ "subject, serial_number, not_before, not_after, sha256_fingerprint, credentials_id, certificate_pem, "
				+ "key_binding, created_at, activated_at, version) select ?, device_id, ?, ?, key_type, origin, "
				+ "subject, serial_number, not_before, not_after, sha256_fingerprint, credentials_id, certificate_pem, "
				+ "'RECORD', created_at, activated_at, 0 from device_credential where device_id = ?";
		assertThatThrownBy(() -> this.jdbc.update(copy, UUID.randomUUID(), "ACTIVE", device.getId(), device.getId()))
			.isInstanceOf(DataIntegrityViolationException.class);
		// ACTIVE without the device's id beside it would escape the unique key: the check
		// refuses it too
		assertThatThrownBy(() -> this.jdbc.update(copy, UUID.randomUUID(), "ACTIVE", null, device.getId()))
			.isInstanceOf(DataIntegrityViolationException.class);
		assertThat(this.jdbc.update(copy, UUID.randomUUID(), "PENDING", null, device.getId())).isEqualTo(1);
		assertThat(this.devices.get(device.getId()).credentialHistory()).hasSize(2);
	}

	private String sealedKey(Device device) {
		return this.jdbc.queryForObject("select sealed_private_key from device_credential where device_id = ?",
				String.class, device.getId());
	}

}
