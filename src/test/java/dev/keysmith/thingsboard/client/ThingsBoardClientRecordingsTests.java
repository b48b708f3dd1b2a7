package dev.keysmith.thingsboard.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.keysmith.testkit.RecordedThingsBoard;
import dev.keysmith.testkit.Recording;
import dev.keysmith.thingsboard.client.dto.TbCredentials;
import dev.keysmith.thingsboard.client.dto.TbDevice;
import dev.keysmith.thingsboard.client.dto.TbProfile;
import dev.keysmith.thingsboard.client.dto.TsValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Keysmith's REST client reads what a real ThingsBoard CE 4.3 answered: each recorded
 * answer is served to it over real HTTP ({@link RecordedThingsBoard}) for the call that
 * made it, and the client reads it, or translates the error into words an operator
 * understands. Recordings of calls the client never makes ({@code POST /api/device},
 * reading shared attributes over REST, deleting a device) are served to the nearest call
 * it makes where they are errors (12, 22), and are left to the double's replay otherwise
 * (18, 23); the refresh (04) needs an expired token, which no recording has.
 */
class ThingsBoardClientRecordingsTests {

	private static final String DEVICE_ID = "550826a0-ea8a-11f1-9e31-fd32cd3003c8";

	private static final String CREDENTIALS_ID = "83eebd98e4661761a147f4f3e8df4d45bbd4671c7d5f887cb1c3b7025c95cbd6";

	private final RecordedThingsBoard server = new RecordedThingsBoard().answer("01-login.txt");

	private final ThingsBoardClient client = client(
			ThingsBoardClient.Credentials.password("tenant@thingsboard.org", "tenant"));

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void readWhenDeviceFoundOrCreatedThenTheDuplicatedKeyJsonIsRead() {
		this.server.answer("09-device-by-name.txt");
		TbDevice found = this.client.findDeviceByName("rec-8b1dcc57").orElseThrow();
		assertThat(found.id().id()).isEqualTo(DEVICE_ID);
		assertThat(found.name()).isEqualTo("rec-8b1dcc57");
		assertThat(found.deviceProfileId().id()).isEqualTo("c4835830-ea88-11f1-a25e-61a2599407a3");
		assertThat(found.version()).isEqualTo(1);

		this.server.answer("08-device-with-credentials.txt");
		TbDevice created = this.client.createDeviceWithCredentials("rec-8b1dcc57", null, pushedPem());
		assertThat(created).isEqualTo(found);
		assertThat(this.server.requests()).startsWith("POST /api/auth/login");
	}

	@Test
	void readWhenDeviceMissingThenEmpty() {
		this.server.answer("05-device-by-name-missing.txt");
		assertThat(this.client.findDeviceByName("no-such-device-559ea1")).isEmpty();
	}

	@Test
	void readWhenProfilesThenBothWithTheirTransport() {
		this.server.answer("06-profiles.txt").answer("07-default-profile.txt");
		assertThat(this.client.deviceProfiles()).extracting(TbProfile::name).containsExactly("default", "thermostat");
		assertThat(this.client.deviceProfiles()).allMatch(TbProfile::acceptsCoap);
		TbProfile profile = this.client.defaultProfile();
		assertThat(profile.name()).isEqualTo("default");
		assertThat(profile.id().id()).isEqualTo("c4835830-ea88-11f1-a25e-61a2599407a3");
	}

	@Test
	void credentialsWhenReadAndSavedAgainThenTheirIdAndCredentialsIdAreKept() {
		this.server.answer("10-get-credentials.txt").answer("13-update-credentials-same.txt");
		TbCredentials credentials = this.client.credentials(DEVICE_ID);
		assertThat(credentials.credentialsType()).isEqualTo(TbCredentials.X509_CERTIFICATE);
		assertThat(credentials.credentialsId()).isEqualTo(CREDENTIALS_ID);
		assertThat(credentials.holdCertificate(CREDENTIALS_ID)).isTrue();
		TbCredentials saved = this.client.updateCredentials(credentials.withCertificate(pushedPem()));
		assertThat(saved.id()).isEqualTo(credentials.id());
		assertThat(saved.credentialsId()).isEqualTo(CREDENTIALS_ID);
	}

	@Test
	void telemetryAndAttributesWhenRecordedThenReadAndWrittenWithoutError() {
		this.server.answer("16-latest-telemetry-empty.txt")
			.answer("17-set-shared-attribute.txt")
			.answer("19-delete-shared-attribute.txt");
		Map<String, List<TsValue>> latest = this.client.latestTelemetry(DEVICE_ID, List.of("temperature"));
		assertThat(latest).containsOnlyKeys("temperature");
		assertThat(latest.get("temperature")).singleElement().satisfies((value) -> {
			assertThat(value.value()).isNull();
			assertThat(value.ts()).isEqualTo(1795801528479L);
		});
		this.client.setSharedAttributes(DEVICE_ID, Map.of("keysmith_probe", "n-123"));
		this.client.deleteSharedAttributes(DEVICE_ID, List.of("keysmith_probe"));
		assertThat(this.server.requests()).contains(
				"POST /api/plugins/telemetry/DEVICE/" + DEVICE_ID + "/attributes/SHARED_SCOPE",
				"DELETE /api/plugins/telemetry/DEVICE/" + DEVICE_ID + "/SHARED_SCOPE");
	}

	@Test
	void caDownloadWhenPublishedOrNotThenPemOrNotConfigured() {
		this.server.answer("20-server-ca-download.txt");
		CaDownload published = this.client.downloadServerCa();
		assertThat(published.outcome()).isEqualTo(CaDownload.Outcome.PUBLISHED);
		assertThat(published.pem()).isEqualTo(Recording.named("20-server-ca-download.txt").responseBody());

		this.server.answer("20-server-ca-download-not-configured.txt");
		CaDownload none = this.client.downloadServerCa();
		assertThat(none.outcome()).isEqualTo(CaDownload.Outcome.NOT_CONFIGURED);
		assertThat(none.explanation()).contains("DEVICE_CONNECTIVITY_COAPS_CA_ROOT_CERT is not configured");
	}

	@Test
	void signInWhenPasswordWrongThenRefusedNamingWhatThingsBoardSaid() {
		this.server.answer("02-login-wrong-password.txt");
		assertThatExceptionOfType(ThingsBoardException.class).isThrownBy(this.client::checkAuthentication)
			.satisfies((ex) -> assertError(ex, 401, 10, "Invalid username or password"))
			.withMessage(
					"ThingsBoard (recorded) refused the login of 'tenant@thingsboard.org': invalid username or password");
	}

	@Test
	void callWhenApiKeyRefusedOnA43ServerThenSaysCheckTheKey() {
		this.server.answer("GET", "/api/tenant/devices", "03-no-token.txt")
			.answer("20-server-ca-download-not-configured.txt");
		ThingsBoardClient withKey = client(ThingsBoardClient.Credentials.apiKey("tb_0123456789abcdef"));
		assertThatExceptionOfType(ThingsBoardException.class).isThrownBy(() -> withKey.findDeviceByName("x"))
			.satisfies((ex) -> assertError(ex, 401, 10, "Authentication failed"))
			.withMessage("ThingsBoard (recorded) refused the API key (Authentication failed): check that it is "
					+ "complete and has not expired or been revoked.");
	}

	@Test
	void writeWhenRefusedThenEachRecordedErrorTranslated() {
		String create = "/api/device-with-credentials";
		this.server.answer("11-duplicate-cert.txt");
		assertThatExceptionOfType(ThingsBoardException.class)
			.isThrownBy(() -> this.client.createDeviceWithCredentials("rec-8b1dcc57-dup", null, pushedPem()))
			.satisfies((ex) -> assertThat(ex.isCredentialsTaken()).isTrue())
			.withMessage("This certificate is already the credentials of another device on recorded");

		this.server.answer("POST", create, "12-duplicate-name.txt");
		assertThatExceptionOfType(ThingsBoardException.class)
			.isThrownBy(() -> this.client.createDeviceWithCredentials("rec-8b1dcc57", null, pushedPem()))
			.satisfies((ex) -> assertError(ex, 400, 31, "Device with such name already exists!"))
			.withMessage("ThingsBoard (recorded) refused the request: Device with such name already exists!");

		this.server.answer("POST", create, "22-bad-json.txt");
		assertThatExceptionOfType(ThingsBoardException.class)
			.isThrownBy(() -> this.client.createDeviceWithCredentials("rec", null, pushedPem()))
			.satisfies((ex) -> assertError(ex, 500, 2,
					"JSON parse error: Unexpected end-of-input within/between Object entries"))
			.withMessage("ThingsBoard (recorded) failed with HTTP 500: JSON parse error: Unexpected end-of-input "
					+ "within/between Object entries");
	}

	@Test
	void credentialsWhenRefusedThenEachRecordedErrorTranslated() {
		this.server.answer("10-get-credentials.txt");
		TbCredentials credentials = this.client.credentials(DEVICE_ID);

		this.server.answer("14-update-credentials-without-id.txt");
		assertThatExceptionOfType(ThingsBoardException.class)
			.isThrownBy(() -> this.client.updateCredentials(credentials))
			.satisfies((ex) -> assertError(ex, 400, 31, "Credentials for this device are already specified!"))
			.withMessage("ThingsBoard (recorded) refused the request: Credentials for this device are already "
					+ "specified!");

		this.server.answer("15-update-credentials-stale-version.txt");
		assertThatExceptionOfType(ThingsBoardException.class)
			.isThrownBy(() -> this.client.updateCredentials(credentials))
			.satisfies((ex) -> assertError(ex, 409, 35, "Entity was already changed by someone else"))
			.withMessage("ThingsBoard (recorded) refused a conflicting change: Entity was already changed by "
					+ "someone else. Someone changed it at the same time: try again.");

		this.server.answer("GET", "/api/device/13814000-1dd2-11b2-8080-808080808080/credentials",
				"21-device-not-found.txt");
		assertThatExceptionOfType(ThingsBoardException.class)
			.isThrownBy(() -> this.client.credentials("13814000-1dd2-11b2-8080-808080808080"))
			.satisfies((ex) -> assertThat(ex.isNotFound()).isTrue())
			.withMessage("ThingsBoard (recorded) found no such item: Device with id "
					+ "[13814000-1dd2-11b2-8080-808080808080] is not found");
	}

	private ThingsBoardClient client(ThingsBoardClient.Credentials credentials) {
		return TestClients.clients(TestClients.properties(Duration.ofSeconds(5), Duration.ofSeconds(10)))
			.client(this.server.baseUrl(), "recorded", credentials);
	}

	/** The certificate the recorded exchanges push (from the request of 08). */
	private static String pushedPem() {
		String body = Recording.named("08-device-with-credentials.txt").requestBody();
		int start = body.indexOf("-----BEGIN");
		int end = body.indexOf("-----END CERTIFICATE-----") + "-----END CERTIFICATE-----".length();
		return body.substring(start, end).replace("\\n", "\n") + "\n";
	}

	private static void assertError(ThingsBoardException ex, int status, int errorCode, String serverMessage) {
		assertThat(ex.getHttpStatus()).isEqualTo(status);
		assertThat(ex.getErrorCode()).isEqualTo(errorCode);
		assertThat(ex.getServerMessage()).isEqualTo(serverMessage);
	}

}
