package dev.keysmith.push;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import dev.keysmith.KeysmithTestSupport;
import dev.keysmith.account.TestAccounts;
import dev.keysmith.device.Device;
import dev.keysmith.device.DeviceService;
import dev.keysmith.pki.KeyType;
import dev.keysmith.pki.PemCodec;
import dev.keysmith.testkit.ThingsBoardDouble;
import dev.keysmith.testkit.ThingsBoardDoubleTest;
import dev.keysmith.thingsboard.ThingsBoardServerService;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

/**
 * A certificate too large for ThingsBoard's datagrams gets a warning where the operator
 * acts: on import (at ThingsBoard's defaults) and on push (at that server's limit).
 */
@ThingsBoardDoubleTest
class CertificateSizeWarningTests extends KeysmithTestSupport {

	static ThingsBoardDouble thingsBoard;

	@Autowired
	ThingsBoardServerService servers;

	@Autowired
	DeviceService devices;

	@Test
	void importWhenCertificateTooLargeToSendWholeThenWarningAndTheDeviceKept() throws Exception {
		String name = "large-import-" + UUID.randomUUID();
		var large = thingsBoard.ca().clientCredentialOfSize(name, 1400);
		MvcTestResult result = this.mvc.post()
			.uri("/api/devices/import")
			.multipart()
			.file(new MockMultipartFile("cert", "cert.pem", "application/x-pem-file",
					PemCodec.certificate(large.certificate()).getBytes(StandardCharsets.US_ASCII)))
			.with(httpBasic("admin", ADMIN_PASSWORD))
			.exchange();
		assertThat(result).hasStatus(HttpStatus.CREATED);
		List<String> warnings = JsonPath.read(result.getResponse().getContentAsString(), "$.warnings");
		// the certificate is valid for a day: the expiry warning comes first
		assertThat(warnings).hasSize(2);
		assertThat(warnings.get(1)).startsWith("The certificate is 1,400 bytes")
			.contains("only up to 1,099 bytes")
			.contains("COAP_DTLS_MAX_FRAGMENT_LENGTH")
			.contains("COAP_DTLS_MAX_TRANSMISSION_UNIT");
		assertThat(this.devices.list(name, 0, 5).getTotalElements()).isEqualTo(1);
	}

	@Test
	void pushWhenCertificateTooLargeForTheServersLimitThenWarningInTheApiAndOnThePage() {
		UUID small = server(512);
		UUID usual = server(null);
		Device rsa = this.devices.create("large-push-" + UUID.randomUUID(), KeyType.RSA_2048, 30, "admin");

		MvcTestResult toUsual = push(rsa, usual);
		assertThat(toUsual).hasStatusOk()
			.bodyJson()
			.hasPathSatisfying("$.warnings", (v) -> v.assertThat().asList().isEmpty());

		MvcTestResult toSmall = push(rsa, small);
		assertThat(toSmall).hasStatusOk()
			.bodyJson()
			.hasPathSatisfying("$.warnings[0]",
					(v) -> v.assertThat()
						.asString()
						.contains("at a 512-byte DTLS datagram limit")
						.contains("only up to 587 bytes"));

		assertThat(this.mvc.post()
			.uri("/devices/" + rsa.getId() + "/push")
			.param("serverId", small.toString())
			.with(TestAccounts.everyRole("admin"))
			.with(csrf())).hasStatus(HttpStatus.FOUND)
			.flash()
			.hasEntrySatisfying("warnings", (warnings) -> assertThat(warnings).asString().contains("512-byte"));
		assertThat(this.mvc.post()
			.uri("/devices/" + rsa.getId() + "/push")
			.header("HX-Request", "true")
			.param("serverId", small.toString())
			.with(TestAccounts.everyRole("admin"))
			.with(csrf())).hasStatusOk()
			.bodyText()
			.contains("flash-warn")
			.contains("COAP_DTLS_MAX_FRAGMENT_LENGTH to 2048 or 4096");
	}

	private MvcTestResult push(Device device, UUID serverId) {
		return this.mvc.post()
			.uri("/api/devices/" + device.getId() + "/push")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"serverId\":\"" + serverId + "\"}")
			.with(httpBasic("admin", ADMIN_PASSWORD))
			.exchange();
	}

	private UUID server(Integer datagramLimit) {
		return this.servers.create(thingsBoard.serverSettings("size", "127.0.0.1", datagramLimit)).getId();
	}

}
