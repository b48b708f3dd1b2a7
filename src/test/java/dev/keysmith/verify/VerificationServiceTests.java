package dev.keysmith.verify;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import dev.keysmith.KeysmithTestSupport;
import dev.keysmith.common.InvalidRequestException;
import dev.keysmith.device.Device;
import dev.keysmith.device.DeviceFixtures;
import dev.keysmith.device.DeviceService;
import dev.keysmith.device.NoPrivateKeyException;
import dev.keysmith.dtls.DtlsClient;
import dev.keysmith.dtls.DtlsIdentity;
import dev.keysmith.dtls.DtlsProperties;
import dev.keysmith.dtls.ServerTrust;
import dev.keysmith.pki.Certificates;
import dev.keysmith.pki.Fingerprints;
import dev.keysmith.pki.KeyType;
import dev.keysmith.pki.PemCodec;
import dev.keysmith.push.PushService;
import dev.keysmith.testkit.TbState;
import dev.keysmith.testkit.TestCa;
import dev.keysmith.testkit.ThingsBoardDouble;
import dev.keysmith.testkit.ThingsBoardDoubleTest;
import dev.keysmith.thingsboard.ServerSettings;
import dev.keysmith.thingsboard.ThingsBoardServerService;
import org.eclipse.californium.core.coap.CoAP;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Verification runs against the ThingsBoard double: the whole run, and each failure with
 * its diagnosis.
 */
@ThingsBoardDoubleTest(publishServerCa = true)
class VerificationServiceTests extends KeysmithTestSupport {

	static ThingsBoardDouble thingsBoard;

	@Autowired
	VerificationService verifications;

	@Autowired
	DeviceService devices;

	@Autowired
	ThingsBoardServerService servers;

	@Autowired
	PushService push;

	@Autowired
	ApplicationContext context;

	@Autowired
	VerificationRunRepository runRepository;

	@Autowired
	dev.keysmith.instance.Instances instances;

	@Autowired
	org.springframework.jdbc.core.JdbcTemplate jdbc;

	@Test
	void runWhenDevicePushedThenEveryStepPassesAndProbeIsCleanedUp() {
		UUID serverId = trustedServer("localhost", thingsBoard.coapPort());
		Device device = pushedDevice(serverId, KeyType.EC_P256, null);

		RunView run = finished(
				this.verifications.start(device.getId(), serverId, "{\"temperature\":43,\"unit\":\"C\"}", "operator"));
		assertThat(run.status()).isEqualTo(RunStatus.PASSED);
		assertThat(run.steps()).extracting(StepView::status).containsOnly(StepStatus.PASSED).hasSize(7);
		assertThat(run.steps()).extracting(StepView::name)
			.containsExactly("Resolve the CoAP host", "DTLS handshake", "Post telemetry", "Read it back over REST",
					"Observe shared attributes", "Shared attribute round trip", "Clean up");
		assertThat(step(run, StepName.HANDSHAKE).detail()).contains("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")
			.contains("CN=localhost")
			.contains("connection ID in use");
		assertThat(step(run, StepName.HANDSHAKE).evidence()).contains("server trusted by: the server CA confirmed");
		assertThat(step(run, StepName.TELEMETRY).detail()).startsWith("2.01 Created in").contains("separate response");
		assertThat(step(run, StepName.READ_BACK).detail()).contains("temperature = 43").contains("unit = C");
		assertThat(step(run, StepName.ROUND_TRIP).detail()).contains("The device was notified")
			.contains("keysmith_probe");
		assertThat(step(run, StepName.CLEAN_UP).detail()).containsIgnoringCase("probe attribute deleted")
			.contains("observation cancelled")
			.contains("connector destroyed");
		assertThat(run.cause()).isNull();
		assertThat(run.diagnosis()).contains("connects to");
		assertThat(run.finishedAt()).isAfterOrEqualTo(run.startedAt());
		String remoteId = device.placement().orElseThrow().deviceId();
		assertThat(thingsBoard.sharedAttributes(remoteId)).doesNotContainKey("keysmith_probe");
		assertThat(this.devices.auditTrail(device.getId()).get(0).getDetail())
			.isEqualTo("PASSED against " + this.servers.get(serverId).getName());
	}

	@Test
	void runWhenCertificateNotRegisteredThen401NotRegisteredDiagnosis() {
		UUID serverId = trustedServer("127.0.0.1", thingsBoard.coapPort());
		Device device = this.devices.create("verify-unregistered-" + UUID.randomUUID(), KeyType.EC_P256, 30, "admin");
		RunView run = finished(this.verifications.start(device.getId(), serverId, null, "admin"));
		assertFailedAt(run, StepName.TELEMETRY);
		assertThat(step(run, StepName.TELEMETRY).detail()).isEqualTo("4.01 UNAUTHORIZED");
		assertThat(step(run, StepName.TELEMETRY).evidence()).contains("payload: (empty)");
		assertThat(run.cause()).isEqualTo(Cause.NOT_REGISTERED);
		assertThat(run.diagnosis()).contains("4.01 Unauthorized after a good handshake")
			.contains("not registered with this server");
		assertThat(step(run, StepName.CLEAN_UP).status()).isEqualTo(StepStatus.PASSED);
		assertThat(step(run, StepName.READ_BACK).status()).isEqualTo(StepStatus.SKIPPED);
	}

	@Test
	void runWhenRegisteredValueHashesDifferentlyThenSaysSo() {
		UUID serverId = trustedServer("127.0.0.1", thingsBoard.coapPort());
		Device device = this.devices.create("verify-mangled-" + UUID.randomUUID(), KeyType.EC_P256, 30, "admin");
		thingsBoard.mangleStoredCertificates(true);
		dev.keysmith.thingsboard.client.TestClients.client(thingsBoard)
			.createDeviceWithCredentials(device.getName(), null, device.getCertificatePem());
		RunView run = finished(this.verifications.start(device.getId(), serverId, null, "admin"));
		assertFailedAt(run, StepName.TELEMETRY);
		assertThat(run.cause()).isEqualTo(Cause.OTHER_CREDENTIALS);
		assertThat(run.diagnosis()).contains("does not hash the same").contains(device.getCredentialsId());
	}

	@Test
	void runWhenCertificateSignedWithSha384ThenDiagnosisNamesTheSignature() throws Exception {
		UUID serverId = trustedServer("127.0.0.1", thingsBoard.coapPort());
		Device device = DeviceFixtures.storeWithKey(this.context, "verify-sha384-" + UUID.randomUUID(),
				TestCa.selfSignedWithSha384("verify-sha384"));
		this.push.push(device.getId(), serverId, null, "admin");
		RunView run = finished(this.verifications.start(device.getId(), serverId, null, "admin"));
		assertFailedAt(run, StepName.TELEMETRY);
		assertThat(run.cause()).isEqualTo(Cause.SIGNATURE_ALGORITHM);
		assertThat(run.diagnosis()).contains("signed with SHA384withECDSA");
	}

	@Test
	void runWhenProfileIsMqttOnlyThenSaysSo() {
		UUID serverId = trustedServer("127.0.0.1", thingsBoard.coapPort());
		Device device = pushedDevice(serverId, KeyType.EC_P256, TbState.MQTT_PROFILE_ID);
		RunView run = finished(this.verifications.start(device.getId(), serverId, null, "admin"));
		assertFailedAt(run, StepName.TELEMETRY);
		assertThat(run.cause()).isEqualTo(Cause.MQTT_PROFILE);
		assertThat(run.diagnosis()).contains("profile 'mqtt-only' has transport MQTT");
	}

	@Test
	void runWhenCertificateExpiredThenBadCertificateDiagnosis() {
		UUID serverId = trustedServer("127.0.0.1", thingsBoard.coapPort());
		var expired = thingsBoard.ca()
			.clientCredential("verify-expired", Instant.now().minus(Duration.ofDays(30)),
					Instant.now().minus(Duration.ofDays(1)));
		Device device = DeviceFixtures.storeWithKey(this.context, "verify-expired-" + UUID.randomUUID(), expired);
		RunView run = finished(this.verifications.start(device.getId(), serverId, null, "admin"));
		assertFailedAt(run, StepName.HANDSHAKE);
		assertThat(step(run, StepName.HANDSHAKE).detail()).isEqualTo("The server sent fatal BAD_CERTIFICATE");
		assertThat(step(run, StepName.HANDSHAKE).evidence()).contains("alert received: fatal BAD_CERTIFICATE");
		assertThat(run.cause()).isEqualTo(Cause.CERT_EXPIRED);
		assertThat(run.diagnosis()).contains("BAD_CERTIFICATE").contains("has expired");
		assertThat(step(run, StepName.TELEMETRY).status()).isEqualTo(StepStatus.SKIPPED);
	}

	@Test
	void runWhenNothingListensThenTimeoutDiagnosisWithinTheBound() throws Exception {
		int silent;
		try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
			silent = socket.getLocalPort();
		}
		UUID serverId = trustedServer("127.0.0.1", silent);
		Device device = this.devices.create("verify-silent-" + UUID.randomUUID(), KeyType.EC_P256, 30, "admin");
		long started = System.nanoTime();
		RunView run = finished(this.verifications.start(device.getId(), serverId, null, "admin"));
		// the deadline is the behaviour: about 8 s of retransmissions, bounded generously
		// for a busy machine
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(25));
		assertFailedAt(run, StepName.HANDSHAKE);
		assertThat(step(run, StepName.HANDSHAKE).evidence()).contains("retransmitted flights: [1, 1, 1]");
		assertThat(run.cause()).isEqualTo(Cause.HANDSHAKE_TIMEOUT);
		assertThat(run.diagnosis()).contains("No answer to the DTLS handshake").contains("COAP_DTLS_ENABLED");
	}

	@Test
	void runWhenServerCaNotTrustedThenTrustDiagnosisNamingWhatTheServerPresents() {
		UUID serverId = server("127.0.0.1", thingsBoard.coapPort());
		String other = PemCodec.certificate(new TestCa("Not the server's CA").certificate());
		this.servers.proposeServerCa(serverId, other);
		this.servers.confirmServerCa(serverId, Fingerprints.sha256(Certificates.fromPem(other)));
		Device device = pushedDevice(serverId, KeyType.EC_P256, null);
		RunView run = finished(this.verifications.start(device.getId(), serverId, null, "admin"));
		assertFailedAt(run, StepName.HANDSHAKE);
		assertThat(run.cause()).isEqualTo(Cause.SERVER_NOT_TRUSTED);
		assertThat(run.diagnosis()).contains("does not trust the DTLS server's certificate")
			.contains("The server presents CN=localhost, issued by CN=ThingsBoard double CA");
	}

	@Test
	void runWhenServerPinnedThenTrustedByFingerprint() {
		UUID serverId = this.servers
			.create(new ServerSettings("pinned-" + UUID.randomUUID(), thingsBoard.baseUrl(),
					ThingsBoardDouble.TENANT_ADMIN, ThingsBoardDouble.TENANT_PASSWORD, null, "127.0.0.1",
					thingsBoard.coapPort(), null, true, null, null, serverFingerprint()))
			.getId();
		Device device = pushedDevice(serverId, KeyType.EC_P256, null);
		RunView run = finished(this.verifications.start(device.getId(), serverId, null, "admin"));
		assertThat(run.status()).isEqualTo(RunStatus.PASSED);
		assertThat(step(run, StepName.HANDSHAKE).evidence()).contains("the pinned server certificate");
	}

	@Test
	void runWhenTelemetryNotStoredThenReadBackDiagnosis() {
		UUID serverId = trustedServer("127.0.0.1", thingsBoard.coapPort());
		Device device = pushedDevice(serverId, KeyType.EC_P384, null);
		thingsBoard.dropTelemetry(true);
		RunView run = finished(this.verifications.start(device.getId(), serverId, "{\"humidity\":61}", "admin"));
		assertFailedAt(run, StepName.READ_BACK);
		assertThat(step(run, StepName.TELEMETRY).status()).isEqualTo(StepStatus.PASSED);
		assertThat(run.cause()).isEqualTo(Cause.NOT_STORED);
		assertThat(run.diagnosis()).contains("accepted the telemetry (2.01)").contains("does not save timeseries");
	}

	@Test
	void runWhenNoAttributeNotificationThenDownlinkDiagnosisAndProbeStillDeleted() {
		UUID serverId = trustedServer("127.0.0.1", thingsBoard.coapPort());
		Device device = pushedDevice(serverId, KeyType.RSA_2048, null);
		thingsBoard.muteAttributeNotifications(true);
		RunView run = finished(this.verifications.start(device.getId(), serverId, null, "admin"));
		assertFailedAt(run, StepName.ROUND_TRIP);
		assertThat(run.cause()).isEqualTo(Cause.NO_DOWNLINK);
		assertThat(run.diagnosis()).contains("no notification reached the device");
		assertThat(step(run, StepName.CLEAN_UP).detail()).containsIgnoringCase("probe attribute deleted");
		assertThat(thingsBoard.sharedAttributes(device.placement().orElseThrow().deviceId())).isEmpty();
	}

	@Test
	void runWhenServerFailsTelemetryThen500Diagnosis() {
		UUID serverId = trustedServer("127.0.0.1", thingsBoard.coapPort());
		Device device = pushedDevice(serverId, KeyType.EC_P256, null);
		thingsBoard.failTelemetry(CoAP.ResponseCode.INTERNAL_SERVER_ERROR);
		RunView run = finished(this.verifications.start(device.getId(), serverId, null, "admin"));
		assertFailedAt(run, StepName.TELEMETRY);
		assertThat(run.cause()).isEqualTo(Cause.SERVER_ERROR);
		assertThat(run.diagnosis()).contains("5.00").contains("rate limit");
	}

	@Test
	void startWhenInputUnusableThenRefusedBeforeAnyRun() {
		UUID serverId = trustedServer("127.0.0.1", thingsBoard.coapPort());
		Device device = this.devices.create("verify-input-" + UUID.randomUUID(), KeyType.EC_P256, 30, "admin");
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> this.verifications.start(device.getId(), serverId, "{temperature:", "admin"))
			.withMessageContaining("must be a JSON object");
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> this.verifications.start(device.getId(), serverId, "[1,2]", "admin"));
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> this.verifications.start(device.getId(), null, null, "admin"))
			.withMessageContaining("Choose the ThingsBoard server");
		var certOnly = this.devices
			.importDevice(new dev.keysmith.device.ImportRequest(PemCodec
				.certificate(new dev.keysmith.pki.CertificateIssuer().issue(KeyType.EC_P256, "x", 30).certificate())
				.getBytes(), null, "verify-nokey-" + UUID.randomUUID()), "admin")
			.device();
		assertThatExceptionOfType(NoPrivateKeyException.class)
			.isThrownBy(() -> this.verifications.start(certOnly.getId(), serverId, null, "admin"));
		assertThat(this.verifications.recent(device.getId())).isEmpty();
	}

	@Test
	void closeInterruptedRunsWhenOwnerGoneThenClosedWhenOwnerAliveThenLeftRunning() throws Exception {
		UUID self = this.instances.currentInstanceId();
		UUID unknown = UUID.randomUUID();
		UUID silent = registered(Instant.now().minus(Duration.ofMinutes(5)));
		UUID beating = registered(Instant.now());
		VerificationRun ours = running(self);
		VerificationRun ownerless = running(null);
		VerificationRun ofUnknown = running(unknown);
		VerificationRun ofSilent = running(silent);
		VerificationRun ofBeating = running(beating);

		this.verifications.closeInterruptedRuns();

		for (VerificationRun closed : java.util.List.of(ownerless, ofUnknown, ofSilent)) {
			RunView run = this.verifications.get(closed.getId());
			assertThat(run.status()).isEqualTo(RunStatus.FAILED);
			assertThat(run.cause()).isEqualTo(Cause.INTERRUPTED);
			assertThat(run.diagnosis())
				.isEqualTo("Interrupted: Keysmith stopped while this run was going on. Verify again.");
			assertThat(run.finishedAt()).isNotNull();
		}
		// this instance's run, and one of another instance of this process that still
		// beats its heartbeat
		assertThat(this.verifications.get(ours.getId()).status()).isEqualTo(RunStatus.RUNNING);
		assertThat(this.verifications.get(ofBeating.getId()).status()).isEqualTo(RunStatus.RUNNING);
	}

	private VerificationRun running(UUID owner) {
		return this.runRepository.save(new VerificationRun(UUID.randomUUID(), "d", UUID.randomUUID(), "s", "admin",
				Instant.now(), "{}", owner));
	}

	/**
	 * An instance of this process (as another test context is) whose last heartbeat was
	 * at that time.
	 */
	private UUID registered(Instant heartbeat) throws java.net.UnknownHostException {
		UUID id = UUID.randomUUID();
		this.jdbc.update(
				"INSERT INTO keysmith_instance (id, host, pid, started_at, heartbeat_at, alive_until) "
						+ "VALUES (?, ?, ?, ?, ?, ?)",
				id, java.net.InetAddress.getLocalHost().getHostName(), ProcessHandle.current().pid(),
				java.sql.Timestamp.from(heartbeat), java.sql.Timestamp.from(heartbeat),
				java.sql.Timestamp.from(heartbeat.plusSeconds(30)));
		return id;
	}

	private RunView finished(RunView started) {
		assertThat(started.status()).isEqualTo(RunStatus.RUNNING);
		await().atMost(Duration.ofSeconds(40))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> this.verifications.get(started.id()).finished());
		return this.verifications.get(started.id());
	}

	private static void assertFailedAt(RunView run, StepName failed) {
		assertThat(run.status()).as(run.toString()).isEqualTo(RunStatus.FAILED);
		assertThat(run.steps()).as(run.toString())
			.filteredOn((s) -> s.status() == StepStatus.FAILED)
			.extracting(StepView::name)
			.containsExactly(failed.label());
	}

	private static StepView step(RunView run, StepName name) {
		return run.steps().get(name.ordinal());
	}

	private Device pushedDevice(UUID serverId, KeyType type, String profileId) {
		Device device = this.devices.create("verify-" + UUID.randomUUID(), type, 30, "admin");
		this.push.push(device.getId(), serverId, profileId, "admin");
		return this.devices.get(device.getId());
	}

	private UUID trustedServer(String coapHost, int coapPort) {
		UUID id = server(coapHost, coapPort);
		this.servers.fetchServerCa(id);
		this.servers.confirmServerCa(id, Fingerprints.sha256(thingsBoard.serverCa()));
		return id;
	}

	private UUID server(String coapHost, int coapPort) {
		return this.servers
			.create(new ServerSettings("verify-" + UUID.randomUUID(), thingsBoard.baseUrl(),
					ThingsBoardDouble.TENANT_ADMIN, ThingsBoardDouble.TENANT_PASSWORD, null, coapHost, coapPort, null,
					true, null, null))
			.getId();
	}

	private static String serverFingerprint() {
		// the double's server certificate is what it presents: learn it with an unchecked
		// handshake
		var throwaway = new dev.keysmith.pki.CertificateIssuer().issue(KeyType.EC_P256, "probe", 1);
		try (DtlsClient probe = DtlsClient.open(
				new DtlsProperties(Duration.ofSeconds(1), 1.5f, 3, Duration.ofSeconds(5)),
				new DtlsIdentity(throwaway.privateKey(), throwaway.certificate()), new ServerTrust.AnyCertificate(),
				"127.0.0.1", new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), thingsBoard.coapPort()),
				false, (note) -> {
				})) {
			probe.ping();
			return Fingerprints.sha256(probe.handshake().serverCertificate());
		}
	}

}
