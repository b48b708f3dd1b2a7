package dev.keysmith.thingsboard.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.keysmith.pki.CertificateIssuer;
import dev.keysmith.pki.Fingerprints;
import dev.keysmith.pki.IssuedCredential;
import dev.keysmith.pki.KeyType;
import dev.keysmith.pki.PemCodec;
import dev.keysmith.testkit.ThingsBoardDouble;
import dev.keysmith.testkit.ThingsBoardDoubleTest;
import dev.keysmith.thingsboard.client.dto.TbCredentials;
import dev.keysmith.thingsboard.client.dto.TbDevice;
import dev.keysmith.thingsboard.client.dto.TbProfile;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The REST client against the ThingsBoard double: every behaviour of the contract, errors
 * included.
 */
@ThingsBoardDoubleTest(shared = false)
class ThingsBoardClientTests {

	ThingsBoardDouble thingsBoard;

	private final ThingsBoardProperties properties = TestClients.properties(Duration.ofSeconds(2),
			Duration.ofSeconds(30));

	private final CertificateIssuer issuer = new CertificateIssuer();

	@Test
	void createDeviceWithCredentialsThenFoundByNameAndCredentialsHashAsComputedHere() {
		ThingsBoardClient client = passwordClient(ThingsBoardDouble.TENANT_PASSWORD);
		IssuedCredential credential = this.issuer.issue(KeyType.EC_P256, "client-create", 30);

		assertThat(client.findDeviceByName("client-create")).isEmpty();
		TbDevice created = client.createDeviceWithCredentials("client-create", null,
				PemCodec.certificate(credential.certificate()));
		assertThat(created.name()).isEqualTo("client-create");
		assertThat(created.deviceProfileId().id()).isNotBlank();
		assertThat(client.findDeviceByName("client-create")).get()
			.extracting((d) -> d.id().id())
			.isEqualTo(created.id().id());

		TbCredentials credentials = client.credentials(created.id().id());
		assertThat(credentials.credentialsType()).isEqualTo("X509_CERTIFICATE");
		assertThat(credentials.credentialsId())
			.isEqualTo(Fingerprints.thingsBoardCredentialsId(credential.certificate()));
		assertThat(credentials.credentialsValue())
			.isEqualTo(Fingerprints.thingsBoardCredentialsValue(credential.certificate()));
	}

	@Test
	void updateCredentialsWhenIdKeptThenNewCertificateStored() {
		ThingsBoardClient client = passwordClient(ThingsBoardDouble.TENANT_PASSWORD);
		IssuedCredential first = this.issuer.issue(KeyType.EC_P256, "client-update", 30);
		IssuedCredential second = this.issuer.issue(KeyType.EC_P256, "client-update", 30);
		TbDevice device = client.createDeviceWithCredentials("client-update", null,
				PemCodec.certificate(first.certificate()));
		TbCredentials current = client.credentials(device.id().id());

		TbCredentials updated = client
			.updateCredentials(current.withCertificate(PemCodec.certificate(second.certificate())));
		assertThat(updated.id()).isEqualTo(current.id());
		assertThat(updated.credentialsId()).isEqualTo(Fingerprints.thingsBoardCredentialsId(second.certificate()));

		// the version read before is stale now: 409, errorCode 35
		assertThatExceptionOfType(ThingsBoardException.class)
			.isThrownBy(
					() -> client.updateCredentials(current.withCertificate(PemCodec.certificate(first.certificate()))))
			.satisfies((ex) -> assertThat(ex.getHttpStatus()).isEqualTo(409))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(35))
			.withMessageContaining("Someone changed it at the same time");
	}

	@Test
	void createWhenCertificateHeldByAnotherDeviceThenCredentialsTakenAndNothingCreated() {
		ThingsBoardClient client = passwordClient(ThingsBoardDouble.TENANT_PASSWORD);
		IssuedCredential credential = this.issuer.issue(KeyType.EC_P256, "taken", 30);
		this.thingsBoard.addForeignCertificate(credential.certificate());
		assertThatExceptionOfType(ThingsBoardException.class)
			.isThrownBy(() -> client.createDeviceWithCredentials("taken", null,
					PemCodec.certificate(credential.certificate())))
			.satisfies((ex) -> assertThat(ex.isCredentialsTaken()).isTrue())
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(31))
			.withMessage("This certificate is already the credentials of another device on double");
		assertThat(this.thingsBoard.deviceCount()).isZero();
	}

	@Test
	void loginWhenWrongPasswordThenPlainWords() {
		assertThatExceptionOfType(ThingsBoardException.class)
			.isThrownBy(() -> passwordClient("wrong").findDeviceByName("x"))
			.withMessage(
					"ThingsBoard (double) refused the login of 'tenant@thingsboard.org': invalid username or password")
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(10));
	}

	@Test
	void loginWhenTwoFactorAccountThenAdvisesApiKey() {
		ThingsBoardClient client = client(new ThingsBoardClient.Credentials(ThingsBoardDouble.TWO_FACTOR_USER,
				ThingsBoardDouble.TENANT_PASSWORD, null));
		assertThatExceptionOfType(ThingsBoardException.class).isThrownBy(client::checkAuthentication)
			.withMessageContaining("uses two-factor authentication")
			.withMessageContaining("API key");
	}

	@Test
	void apiKeyWhenValidThenUsedElseRefused() {
		ThingsBoardClient client = client(
				new ThingsBoardClient.Credentials(null, null, this.thingsBoard.createApiKey()));
		assertThat(client.checkAuthentication()).isEqualTo("API key");
		assertThat(client.deviceProfiles()).isNotEmpty();
		assertThat(this.thingsBoard.requests()).noneMatch((r) -> r.contains("/api/auth/login"));

		ThingsBoardClient bad = client(new ThingsBoardClient.Credentials(null, null, "tb_not-a-key"));
		assertThatExceptionOfType(ThingsBoardException.class).isThrownBy(bad::deviceProfiles)
			.satisfies((ex) -> assertThat(ex.getHttpStatus()).isEqualTo(401))
			.withMessage("ThingsBoard (double) refused the API key (Authentication failed): check that it is complete "
					+ "and has not expired or been revoked.");
	}

	@Test
	void tokenWhenExpiredThenRefreshedAndRetriedOnce() {
		ThingsBoardClient client = passwordClient(ThingsBoardDouble.TENANT_PASSWORD);
		client.deviceProfiles();
		this.thingsBoard.expireAllTokens();
		assertThat(client.findDeviceByName("nobody")).isEmpty();
		assertThat(count("POST /api/auth/token")).isEqualTo(1);
		assertThat(count("POST /api/auth/login")).isEqualTo(1);
	}

	@Test
	void tokenWhenRefreshTokenExpiredTooThenLogsInAgain() {
		ThingsBoardClient client = passwordClient(ThingsBoardDouble.TENANT_PASSWORD);
		client.deviceProfiles();
		this.thingsBoard.expireAllTokens();
		this.thingsBoard.expireAllRefreshTokens();
		assertThat(client.deviceProfiles()).hasSize(2);
		assertThat(count("POST /api/auth/token")).isEqualTo(1);
		assertThat(count("POST /api/auth/login")).isEqualTo(2);
	}

	@Test
	void readWhen429Or5xxThenRetriedWithBackoff() {
		ThingsBoardClient client = passwordClient(ThingsBoardDouble.TENANT_PASSWORD);
		this.thingsBoard.rateLimitNext("/api/deviceProfileInfos", 2);
		assertThat(client.deviceProfiles()).hasSize(2);
		this.thingsBoard.failNext("/api/deviceProfileInfo/default", 1, 500, 2, "General server error");
		assertThat(client.defaultProfile().name()).isEqualTo("default");
		assertThat(count("GET /api/deviceProfileInfos")).isEqualTo(3);
	}

	@Test
	void readWhenFailingBeyondRetriesThenGivesUp() {
		ThingsBoardClient client = passwordClient(ThingsBoardDouble.TENANT_PASSWORD);
		client.checkAuthentication();
		this.thingsBoard.failNext("/api/deviceProfileInfo/default", 10, 503, 2, "Service Unavailable");
		assertThatExceptionOfType(ThingsBoardException.class).isThrownBy(client::defaultProfile)
			.withMessage("ThingsBoard (double) failed with HTTP 503: Service Unavailable");
		assertThat(count("GET /api/deviceProfileInfo/default")).isEqualTo(4);
	}

	@Test
	void writeWhen5xxThenNotRepeatedButWhen429ThenRetried() {
		ThingsBoardClient client = passwordClient(ThingsBoardDouble.TENANT_PASSWORD);
		IssuedCredential credential = this.issuer.issue(KeyType.EC_P256, "write-once", 30);
		String pem = PemCodec.certificate(credential.certificate());
		this.thingsBoard.failNext("/api/device-with-credentials", 1, 500, 46, "Database error");
		assertThatExceptionOfType(ThingsBoardException.class)
			.isThrownBy(() -> client.createDeviceWithCredentials("write-once", null, pem))
			.withMessage("ThingsBoard (double) failed with HTTP 500: Database error");
		assertThat(count("POST /api/device-with-credentials")).isEqualTo(1);

		this.thingsBoard.rateLimitNext("/api/device-with-credentials", 1);
		assertThat(client.createDeviceWithCredentials("write-once", null, pem).name()).isEqualTo("write-once");
		assertThat(count("POST /api/device-with-credentials")).isEqualTo(3);
	}

	@Test
	void writeWhenRateLimitedBeyondRetriesThenSaysSo() {
		ThingsBoardClient client = passwordClient(ThingsBoardDouble.TENANT_PASSWORD);
		client.checkAuthentication();
		this.thingsBoard.rateLimitNext("/attributes/SHARED_SCOPE", 10);
		assertThatExceptionOfType(ThingsBoardException.class)
			.isThrownBy(() -> client.setSharedAttributes("d", Map.of("k", 1)))
			.withMessageContaining("is rate-limiting Keysmith (HTTP 429)");
	}

	@Test
	void errorsWhen403Or404ThenTranslated() {
		ThingsBoardClient client = passwordClient(ThingsBoardDouble.TENANT_PASSWORD);
		this.thingsBoard.failNext("/api/deviceProfileInfos", 1, 403, 20,
				"You don't have permission to perform this operation!");
		assertThatExceptionOfType(ThingsBoardException.class).isThrownBy(client::deviceProfiles)
			.withMessageContaining("the account may not do this")
			.withMessageContaining("tenant administrator");
		assertThatExceptionOfType(ThingsBoardException.class)
			.isThrownBy(() -> client.credentials("13814000-1dd2-11b2-8080-808080808080"))
			.satisfies((ex) -> assertThat(ex.isNotFound()).isTrue())
			.withMessageContaining("Device with id [13814000-1dd2-11b2-8080-808080808080] is not found");
	}

	@Test
	void serverWhenDownOrSlowThenBoundedAndPlain() {
		ThingsBoardClient client = passwordClient(ThingsBoardDouble.TENANT_PASSWORD);
		client.checkAuthentication();
		this.thingsBoard.slowDown(Duration.ofSeconds(5));
		long started = System.nanoTime();
		IssuedCredential credential = this.issuer.issue(KeyType.EC_P256, "slow", 30);
		assertThatExceptionOfType(ThingsBoardException.class).isThrownBy(
				() -> client.createDeviceWithCredentials("slow", null, PemCodec.certificate(credential.certificate())))
			.withMessage("ThingsBoard (double) did not answer within 2 s; the change may or may not have been made")
			.satisfies((ex) -> assertThat(ex.getHttpStatus()).isZero());
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));

		this.thingsBoard.stopRest();
		assertThatExceptionOfType(ThingsBoardException.class).isThrownBy(client::deviceProfiles)
			.withMessageContaining("ThingsBoard (double) cannot be reached");
	}

	@Test
	void serverCaWhenNotConfiguredThenSaysSoElsePem() {
		ThingsBoardClient client = passwordClient(ThingsBoardDouble.TENANT_PASSWORD);
		CaDownload none = client.downloadServerCa();
		assertThat(none.outcome()).isEqualTo(CaDownload.Outcome.NOT_CONFIGURED);
		assertThat(none.explanation()).isEqualTo("ThingsBoard (double) publishes no CoAP DTLS certificate "
				+ "(DEVICE_CONNECTIVITY_COAPS_CA_ROOT_CERT is not configured there): paste it, or trust the certificate "
				+ "the server presents in a DTLS handshake after checking its fingerprint");
		this.thingsBoard.publishServerCa();
		assertThat(client.downloadServerCa().pem()).startsWith("-----BEGIN CERTIFICATE-----");
		assertThat(this.thingsBoard.requests()).noneMatch((r) -> r.contains("login"));
	}

	@Test
	void telemetryAndSharedAttributesWhenReadAndWrittenThenAsRecorded() {
		ThingsBoardClient client = passwordClient(ThingsBoardDouble.TENANT_PASSWORD);
		IssuedCredential credential = this.issuer.issue(KeyType.EC_P256, "attrs", 30);
		String id = client.createDeviceWithCredentials("attrs", null, PemCodec.certificate(credential.certificate()))
			.id()
			.id();
		assertThat(client.latestTelemetry(id, List.of("temperature")).get("temperature")).singleElement()
			.satisfies((v) -> assertThat(v.value()).isNull());
		client.setSharedAttributes(id, Map.of("keysmith_probe", "n-123"));
		client.deleteSharedAttributes(id, List.of("keysmith_probe"));
	}

	@Test
	void profilesWhenListedThenTransportTypesKnown() {
		List<TbProfile> profiles = passwordClient(ThingsBoardDouble.TENANT_PASSWORD).deviceProfiles();
		assertThat(profiles).extracting(TbProfile::name).containsExactly("default", "mqtt-only");
		assertThat(profiles).extracting(TbProfile::acceptsCoap).containsExactly(true, false);
	}

	private long count(String request) {
		return this.thingsBoard.requests().stream().filter(request::equals).count();
	}

	private ThingsBoardClient passwordClient(String password) {
		return client(new ThingsBoardClient.Credentials(ThingsBoardDouble.TENANT_ADMIN, password, null));
	}

	private ThingsBoardClient client(ThingsBoardClient.Credentials credentials) {
		return TestClients.clients(this.properties).client(this.thingsBoard.baseUrl(), "double", credentials);
	}

}
