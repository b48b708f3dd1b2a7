package dev.keysmith.device;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;

import dev.keysmith.KeysmithTestSupport;
import dev.keysmith.pki.IssuedCredential;
import dev.keysmith.pki.PemCodec;
import dev.keysmith.testkit.TestCa;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What storing a device says when the database refuses the row: "already exists" only
 * when a name is taken.
 */
class DeviceStoreTests extends KeysmithTestSupport {

	@Autowired
	DeviceService devices;

	@Test
	void importWhenSubjectLongerThanItsColumnThenRefusedButNotAsAlreadyExists() {
		// a subject of some 1,300 characters (20 OUs), where the column holds 1,024: the
		// database refuses the row
		String subject = "long-subject," + String.join(",", Collections.nCopies(20, "OU=" + "u".repeat(60)));
		IssuedCredential credential = new TestCa("store-ca").clientCredential(subject,
				Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)));
		ImportRequest request = new ImportRequest(
				PemCodec.certificate(credential.certificate()).getBytes(StandardCharsets.US_ASCII), null,
				"long-subject");

		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> this.devices.importDevice(request, "admin"))
			.isNotInstanceOf(DeviceConflictException.class)
			.withMessageNotContaining("already exists");
	}

}
