package dev.keysmith.device;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.keysmith.account.TestAccounts;
import dev.keysmith.pki.CertificateIssuer;
import dev.keysmith.pki.IssuedCredential;
import dev.keysmith.pki.KeyType;
import dev.keysmith.web.ApiSliceTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * The devices API controller alone, its service mocked: what it takes from the request,
 * what it hands the service, and how it answers; the rules themselves are the service's
 * (see {@link DeviceApiTests} for the whole application).
 */
@WebMvcTest(DeviceApiController.class)
class DeviceApiControllerTests extends ApiSliceTestSupport {

	private static final IssuedCredential CREDENTIAL = new CertificateIssuer().issue(KeyType.EC_P256, "slice-device",
			30);

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	DeviceService devices;

	@MockitoBean
	DeviceExports exports;

	@MockitoBean
	DeviceCredentials credentials;

	@Test
	void createWhenValidThen201AtItsLocationWithTheDeviceAndTheSignedInUserAsCreator() {
		Device device = device("slice-device");
		given(this.devices.createWithWarnings("slice-device", KeyType.EC_P384, 90, null, "operator"))
			.willReturn(new DeviceOutcome(device, List.of()));

		assertThat(this.mvc.post()
			.uri("/api/devices")
			.with(TestAccounts.everyRole("operator"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"slice-device\",\"keyType\":\"EC_P384\",\"validityDays\":90}")).hasStatus(201)
			.hasHeader("Location", "/api/devices/" + device.getId())
			.bodyJson()
			.hasPathSatisfying("$.name", (name) -> assertThat(name).isEqualTo("slice-device"))
			.doesNotHavePath("$.warnings");
	}

	@Test
	void createWhenKeyTypeUnknownThen400NamingTheFieldAndTheServiceIsNotCalled() {
		assertThat(this.mvc.post()
			.uri("/api/devices")
			.with(TestAccounts.everyRole("operator"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"slice-device\",\"keyType\":\"DSA\"}")).hasStatus(400)
			.bodyJson()
			.hasPathSatisfying("$.field", (field) -> assertThat(field).isEqualTo("keyType"));
		verifyNoInteractions(this.devices);
	}

	@Test
	void getWhenTheServiceKnowsNoSuchDeviceThen404Problem() {
		UUID id = UUID.randomUUID();
		given(this.devices.get(id)).willThrow(new DeviceNotFoundException(id));

		assertThat(this.mvc.get().uri("/api/devices/{id}", id).with(TestAccounts.everyRole("operator"))).hasStatus(404)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.hasPathSatisfying("$.detail", (detail) -> assertThat(detail).asString().contains(id.toString()));
	}

	@Test
	void keyWhenDownloadedThenAnAttachmentNeverCachedAndTheExportIsTheSignedInUsers() {
		UUID id = UUID.randomUUID();
		given(this.exports.privateKeyPem(id, "operator", "a reason"))
			.willReturn(new Export("slice-device.key.pem", "application/x-pem-file", "PEM".getBytes()));

		assertThat(this.mvc.get()
			.uri("/api/devices/{id}/key.pem", id)
			.header("X-Keysmith-Reason", "a reason")
			.with(TestAccounts.everyRole("operator"))).hasStatus(200)
			.hasHeader("Cache-Control", "no-store")
			.hasHeader("Content-Disposition", "attachment; filename=\"slice-device.key.pem\"")
			.hasBodyTextEqualTo("PEM");
		verify(this.exports).privateKeyPem(id, "operator", "a reason");
	}

	@Test
	void anyWhenNotSignedInThen401AndNothingReachesTheService() {
		assertThat(this.mvc.get().uri("/api/devices")).hasStatus(401);
		assertThat(
				this.mvc.post().uri("/api/devices").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"x\"}"))
			.hasStatus(401);
		verifyNoInteractions(this.devices);
	}

	private static Device device(String name) {
		return new Device(name, KeyType.EC_P384, CredentialOrigin.GENERATED, CREDENTIAL.certificate(), "operator",
				Instant.now());
	}

}
