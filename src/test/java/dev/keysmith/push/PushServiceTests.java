package dev.keysmith.push;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import dev.keysmith.KeysmithTestSupport;
import dev.keysmith.device.Device;
import dev.keysmith.device.DeviceAudit;
import dev.keysmith.device.DeviceFixtures;
import dev.keysmith.device.DeviceService;
import dev.keysmith.device.ImportRequest;
import dev.keysmith.pki.CertificateIssuer;
import dev.keysmith.pki.Certificates;
import dev.keysmith.pki.Fingerprints;
import dev.keysmith.pki.IssuedCredential;
import dev.keysmith.pki.KeyType;
import dev.keysmith.pki.PemCodec;
import dev.keysmith.testkit.TbState;
import dev.keysmith.testkit.ThingsBoardDouble;
import dev.keysmith.testkit.ThingsBoardDoubleTest;
import dev.keysmith.thingsboard.ServerSettings;
import dev.keysmith.thingsboard.ThingsBoardServerService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Push with proof, against the ThingsBoard double. */
@ThingsBoardDoubleTest
class PushServiceTests extends KeysmithTestSupport {

	static ThingsBoardDouble thingsBoard;

	@Autowired
	PushService push;

	@Autowired
	DeviceService devices;

	@Autowired
	ThingsBoardServerService servers;

	@Autowired
	ApplicationContext context;

	UUID serverId;

	@BeforeEach
	void server() {
		this.serverId = this.servers.create(thingsBoard.serverSettings("push")).getId();
	}

	@Test
	void pushWhenDeviceAbsentThenCreatedWithCredentialsProvenAndRecorded() {
		Device device = this.devices.create("push-new-" + UUID.randomUUID(), KeyType.EC_P256, 30, "admin");
		PushResult result = this.push.push(device.getId(), this.serverId, null, "operator");

		TbState.Device remote = thingsBoard.device(device.getName()).orElseThrow();
		assertThat(result.verified()).isTrue();
		assertThat(result.created()).isTrue();
		assertThat(result.thingsboardDeviceId()).isEqualTo(remote.id);
		assertThat(result.credentialsId()).isEqualTo(device.getCredentialsId())
			.isEqualTo(remote.credentials.credentialsId);
		assertThat(remote.credentials.credentialsType).isEqualTo("X509_CERTIFICATE");
		assertThat(remote.profileId).isEqualTo(TbState.DEFAULT_PROFILE_ID);

		Device stored = this.devices.get(device.getId());
		assertThat(stored.placement()).get().satisfies((p) -> {
			assertThat(p.serverId()).isEqualTo(this.serverId);
			assertThat(p.deviceId()).isEqualTo(remote.id);
			assertThat(p.pushedAt()).isNotNull();
		});
		assertThat(this.devices.auditTrail(device.getId())).first()
			.satisfies((a) -> assertThat(a.getAction()).isEqualTo(DeviceAudit.Action.PUSHED))
			.satisfies((a) -> assertThat(a.getActor()).isEqualTo("operator"));
	}

	@Test
	void pushWhenRepeatedThenSameDeviceUpdatedKeepingCredentialsRecord() {
		Device device = this.devices.create("push-again-" + UUID.randomUUID(), KeyType.EC_P384, 30, "admin");
		PushResult first = this.push.push(device.getId(), this.serverId, null, "admin");
		String credentialsRecord = thingsBoard.device(device.getName()).orElseThrow().credentials.id;
		PushResult second = this.push.push(device.getId(), this.serverId, null, "admin");

		assertThat(second.created()).isFalse();
		assertThat(second.thingsboardDeviceId()).isEqualTo(first.thingsboardDeviceId());
		assertThat(thingsBoard.device(device.getName()).orElseThrow().credentials.id).isEqualTo(credentialsRecord);
	}

	@Test
	void pushWhenDeviceExistsWithAccessTokenThenTurnedIntoX509() {
		Device device = this.devices.create("push-token-" + UUID.randomUUID(), KeyType.EC_P256, 30, "admin");
		// POST /api/device gives a device ACCESS_TOKEN credentials silently
		createWithAccessToken(device.getName());
		assertThat(thingsBoard.device(device.getName()).orElseThrow().credentials.credentialsType)
			.isEqualTo("ACCESS_TOKEN");

		PushResult result = this.push.push(device.getId(), this.serverId, null, "admin");
		assertThat(result.created()).isFalse();
		assertThat(thingsBoard.device(device.getName()).orElseThrow().credentials.credentialsId)
			.isEqualTo(device.getCredentialsId());
	}

	@Test
	void pushWhenProfileGivenThenDeviceCreatedOnIt() {
		Device device = this.devices.create("push-profile-" + UUID.randomUUID(), KeyType.EC_P256, 30, "admin");
		this.push.push(device.getId(), this.serverId, TbState.MQTT_PROFILE_ID, "admin");
		assertThat(thingsBoard.device(device.getName()).orElseThrow().profileId).isEqualTo(TbState.MQTT_PROFILE_ID);
	}

	@Test
	void pushWhenCertificateHeldElsewhereThenConflictNamingTheKeysmithDeviceAndNothingCreated() {
		IssuedCredential credential = new CertificateIssuer().issue(KeyType.EC_P256, "shared-cert", 30);
		byte[] pem = PemCodec.certificate(credential.certificate()).getBytes();
		String suffix = UUID.randomUUID().toString();
		Device first = this.devices.importDevice(new ImportRequest(pem, null, "holder-" + suffix), "admin").device();
		// Keysmith now refuses such an import; a database from before may hold the pair
		Device second = DeviceFixtures.storeCertificateOnly(this.context, "copy-" + suffix, credential.certificate());
		this.push.push(first.getId(), this.serverId, null, "admin");
		int before = thingsBoard.deviceCount();

		assertThatExceptionOfType(PushException.class)
			.isThrownBy(() -> this.push.push(second.getId(), this.serverId, null, "admin"))
			.satisfies((ex) -> assertThat(ex.getFailure()).isEqualTo(PushFailure.CREDENTIALS_TAKEN))
			.withMessageContaining("This certificate is already the credentials of another device on")
			.withMessageContaining("In Keysmith the same certificate belongs to 'holder-" + suffix + "'");
		assertThat(thingsBoard.deviceCount()).isEqualTo(before);
		assertThat(this.devices.get(second.getId()).placement()).isEmpty();
	}

	@Test
	void pushWhenCertificateExpiredOrNotYetValidThenRefusedBeforeCallingThingsBoard() {
		Instant past = Instant.now().minus(Duration.ofDays(30));
		IssuedCredential expired = new CertificateIssuer(new SecureRandom(), Clock.fixed(past, ZoneOffset.UTC))
			.issue(KeyType.EC_P256, "expired", 2);
		Device device = storeDirectly("push-expired-" + UUID.randomUUID(), expired);
		int requests = thingsBoard.requests().size();
		assertThatExceptionOfType(PushException.class)
			.isThrownBy(() -> this.push.push(device.getId(), this.serverId, null, "admin"))
			.satisfies((ex) -> assertThat(ex.getFailure()).isEqualTo(PushFailure.CERTIFICATE_EXPIRED))
			.withMessageContaining("expired on");
		assertThat(thingsBoard.requests()).hasSize(requests);
	}

	@Test
	void pushWhenThingsBoardFailsThenPlainErrorAndNoPlacement() {
		Device device = this.devices.create("push-fail-" + UUID.randomUUID(), KeyType.EC_P256, 30, "admin");
		thingsBoard.failNext("/api/device-with-credentials", 1, 500, 46, "Database error");
		assertThatExceptionOfType(PushException.class)
			.isThrownBy(() -> this.push.push(device.getId(), this.serverId, null, "admin"))
			.satisfies((ex) -> assertThat(ex.getFailure()).isEqualTo(PushFailure.THINGSBOARD_FAILED))
			.withMessageContaining("failed with HTTP 500: Database error");
		assertThat(thingsBoard.device(device.getName())).isEmpty();
		assertThat(this.devices.get(device.getId()).placement()).isEmpty();
	}

	@Test
	void pushWhenStoredCredentialsHashDifferentlyThenErrorSaysSoAndNoPlacement() {
		Device device = this.devices.create("push-mismatch-" + UUID.randomUUID(), KeyType.EC_P256, 30, "admin");
		thingsBoard.mangleStoredCertificates(true);
		try {
			assertThatExceptionOfType(PushException.class)
				.isThrownBy(() -> this.push.push(device.getId(), this.serverId, null, "admin"))
				.satisfies((ex) -> assertThat(ex.getFailure()).isEqualTo(PushFailure.CREDENTIALS_MISMATCH))
				.withMessageContaining("stored credentials that do not match this certificate")
				.withMessageContaining("expected " + device.getCredentialsId())
				.withMessageContaining("would be refused (4.01)");
		}
		finally {
			thingsBoard.mangleStoredCertificates(false);
		}
		assertThat(this.devices.get(device.getId()).placement()).isEmpty();
	}

	@Test
	void pushWhenWrongPasswordThenLoginRefusalInPlainWords() {
		UUID badServer = this.servers
			.create(new ServerSettings("bad-" + UUID.randomUUID(), thingsBoard.baseUrl(),
					ThingsBoardDouble.TENANT_ADMIN, "wrong", null, null, null, null, null, null, null))
			.getId();
		Device device = this.devices.create("push-badlogin-" + UUID.randomUUID(), KeyType.EC_P256, 30, "admin");
		assertThatExceptionOfType(PushException.class)
			.isThrownBy(() -> this.push.push(device.getId(), badServer, null, "admin"))
			.withMessageContaining("refused the login of 'tenant@thingsboard.org': invalid username or password");
	}

	@Test
	void credentialsIdWhenComputedLocallyThenMatchesTheDoublesHashRule() {
		IssuedCredential credential = new CertificateIssuer().issue(KeyType.RSA_2048, "hash", 30);
		assertThat(TbState.sha3(TbState.x509CredentialsValue(PemCodec.certificate(credential.certificate()))))
			.isEqualTo(Fingerprints.thingsBoardCredentialsId(credential.certificate()));
		// the whitespace quirk: a value with a stray space stores fine and never matches
		String spaced = PemCodec.certificate(credential.certificate()).replaceFirst("\n", "\n ");
		assertThat(TbState.sha3(TbState.x509CredentialsValue(spaced)))
			.isNotEqualTo(Fingerprints.thingsBoardCredentialsId(Certificates.fromPem(spaced)));
	}

	private Device storeDirectly(String name, IssuedCredential credential) {
		// the import refuses expired certificates; a stored certificate can still expire
		// later
		return DeviceFixtures.storeCertificateOnly(this.context, name, credential.certificate());
	}

	private static void createWithAccessToken(String name) {
		try {
			var request = java.net.http.HttpRequest
				.newBuilder(java.net.URI.create(thingsBoard.baseUrl() + "/api/auth/login"))
				.header("Content-Type", "application/json")
				.POST(java.net.http.HttpRequest.BodyPublishers
					.ofString("{\"username\":\"" + ThingsBoardDouble.TENANT_ADMIN + "\",\"password\":\""
							+ ThingsBoardDouble.TENANT_PASSWORD + "\"}"))
				.build();
			var http = java.net.http.HttpClient.newHttpClient();
			String body = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).body();
			String token = body.replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
			http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(thingsBoard.baseUrl() + "/api/device"))
				.header("Content-Type", "application/json")
				.header("X-Authorization", "Bearer " + token)
				.POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}"))
				.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
