package dev.keysmith.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

import dev.keysmith.pki.IssuedCredential;
import dev.keysmith.pki.PemCodec;
import dev.keysmith.thingsboard.ServerSettings;
import org.eclipse.californium.core.coap.CoAP;

/**
 * An in-process stand-in for a ThingsBoard CE 4.3 server (or a 3.9.1 one, see
 * {@link #startVersion39()}): a real HTTP server (REST API) and a real Californium DTLS
 * CoAP server, both on loopback and ephemeral ports, behaving as real servers were
 * measured to behave, with fault injection for tests. Its DTLS server is configured as
 * ThingsBoard configures its own, datagram limits included (see
 * {@link #start(DtlsLimits)}). Never shipped.
 */
public final class ThingsBoardDouble implements AutoCloseable {

	public static final String TENANT_ADMIN = "tenant@thingsboard.org";

	public static final String TENANT_PASSWORD = "tenant";

	public static final String TWO_FACTOR_USER = "2fa@thingsboard.org";

	private final TbState state;

	private final RestDouble rest;

	private final CoapDouble coap;

	private final TestCa ca = new TestCa("ThingsBoard double CA");

	private final boolean version39;

	private final IssuedCredential serverCredential = this.ca.serverCredential("localhost");

	private boolean restStopped;

	private ThingsBoardDouble(Integer connectionIdLength, boolean version39, DtlsLimits dtlsLimits) {
		this.state = new TbState(Clock.systemUTC());
		this.version39 = version39;
		try {
			this.rest = new RestDouble(this.state, Clock.systemUTC(), version39);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.rest.auth.users.put(TENANT_ADMIN, TENANT_PASSWORD);
		this.rest.auth.twoFactorUsers.put(TWO_FACTOR_USER, TENANT_PASSWORD);
		this.coap = new CoapDouble(this.state, this.serverCredential, this.ca.certificate(), connectionIdLength,
				version39, dtlsLimits);
	}

	/**
	 * A double like ThingsBoard 4.3 with its default settings: connection ID length 8,
	 * datagrams as below.
	 */
	public static ThingsBoardDouble start() {
		return start(DtlsLimits.THINGSBOARD_DEFAULTS);
	}

	/**
	 * A double like ThingsBoard 4.3 whose operator set
	 * {@code COAP_DTLS_MAX_TRANSMISSION_UNIT} and {@code COAP_DTLS_MAX_FRAGMENT_LENGTH}
	 * as given. With the defaults (1024 and 1024), the DTLS server reads a datagram into
	 * a buffer of 1,130 bytes: a client datagram longer than that is cut short and its
	 * unfinished records are lost, so a flight sent in too large datagrams must be sent
	 * again smaller, and a single record that large never arrives.
	 */
	public static ThingsBoardDouble start(DtlsLimits limits) {
		return new ThingsBoardDouble(8, false, limits);
	}

	/** A double like ThingsBoard up to 4.2: no connection ID. */
	public static ThingsBoardDouble startWithoutConnectionId() {
		return new ThingsBoardDouble(null, false, DtlsLimits.THINGSBOARD_DEFAULTS);
	}

	/**
	 * A double like ThingsBoard CE 3.9.1 (measured): API keys are taken for a bad token
	 * (401 errorCode 10, "Invalid username or password"), unknown paths such as
	 * {@code POST
	 * /api/apiKey} answer 404 "No static resource …", the CoAP DTLS certificate download
	 * asks for a token (401 without) and has nothing (404 with one),
	 * {@code /api/system/info} says 3.9.1, the device JSON has no duplicated key, no
	 * connection ID, and the DTLS session cache is keyed by the client address alone.
	 */
	public static ThingsBoardDouble startVersion39() {
		return new ThingsBoardDouble(null, true, DtlsLimits.THINGSBOARD_DEFAULTS);
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + this.rest.port();
	}

	public int restPort() {
		return this.rest.port();
	}

	public int coapPort() {
		return this.coap.port();
	}

	/**
	 * The DTLS server's own certificate (SAN localhost, 127.0.0.1), signed by
	 * {@link #serverCa()}. It is all the server presents: like ThingsBoard's, the DTLS
	 * server (Scandium) leaves the self-signed CA out of the chain it sends.
	 */
	public X509Certificate serverCertificate() {
		return this.serverCredential.certificate();
	}

	/** The CA of the DTLS server's certificate (SAN localhost, 127.0.0.1). */
	public X509Certificate serverCa() {
		return this.ca.certificate();
	}

	public TestCa ca() {
		return this.ca;
	}

	/**
	 * Settings of a new server (named {@code prefix-<random>}) for this double's tenant
	 * administrator, CoAP on 127.0.0.1 and the double's port, host name checks on.
	 */
	public ServerSettings serverSettings(String prefix) {
		return serverSettings(prefix, "127.0.0.1", null);
	}

	/**
	 * As {@link #serverSettings(String)}, CoAP on that host and with that datagram limit
	 * ({@code null}: none).
	 */
	public ServerSettings serverSettings(String prefix, String coapHost, Integer dtlsDatagramLimit) {
		return new ServerSettings(prefix + "-" + UUID.randomUUID(), baseUrl(), TENANT_ADMIN, TENANT_PASSWORD, null,
				coapHost, coapPort(), null, true, null, null, null, dtlsDatagramLimit);
	}

	/**
	 * Makes the CA downloadable from the public endpoint (404 until then, as when
	 * unconfigured; 3.9 never has it).
	 */
	public ThingsBoardDouble publishServerCa() {
		this.rest.serverCaPem = PemCodec.certificate(this.ca.certificate());
		return this;
	}

	/**
	 * A new valid API key ({@code tb_…}); 3.9 has none (its {@code POST /api/apiKey}
	 * answers 404).
	 */
	public String createApiKey() {
		if (this.version39) {
			throw new UnsupportedOperationException("ThingsBoard 3.9 has no API keys");
		}
		byte[] bytes = new byte[16];
		new SecureRandom().nextBytes(bytes);
		String key = "tb_" + HexFormat.of().formatHex(bytes);
		this.rest.auth.apiKeys.add(key);
		return key;
	}

	public ThingsBoardDouble tokenLifetime(Duration lifetime) {
		this.rest.auth.tokenLifetime = lifetime;
		return this;
	}

	public void expireAllTokens() {
		this.rest.auth.expireAllTokens();
	}

	public void expireAllRefreshTokens() {
		this.rest.auth.expireAllRefreshTokens();
	}

	/**
	 * The next {@code times} requests whose path contains {@code pathPart} fail as given.
	 */
	public void failNext(String pathPart, int times, int status, int errorCode, String message) {
		this.rest.faults.add(new RestDouble.Fault(pathPart, status, errorCode, message, new int[] { times }));
	}

	/**
	 * As {@link #failNext}, after the next {@code passing} such requests were answered
	 * normally.
	 */
	public void failAfter(String pathPart, int passing, int times, int status, int errorCode, String message) {
		this.rest.faults.add(
				new RestDouble.Fault(pathPart, status, errorCode, message, new int[] { times }, new int[] { passing }));
	}

	public void rateLimitNext(String pathPart, int times) {
		failNext(pathPart, times, 429, 33, "Too many requests for current tenant!");
	}

	/** Every REST answer waits this long first. */
	public void slowDown(Duration delay) {
		this.rest.delay = delay;
	}

	/**
	 * Hangs: from now on the REST server takes requests and never answers them, until
	 * {@code false}.
	 */
	public void silence(boolean silent) {
		CountDownLatch current = this.rest.silence;
		if (silent && current == null) {
			this.rest.silence = new CountDownLatch(1);
		}
		else if (!silent && current != null) {
			this.rest.silence = null;
			current.countDown();
		}
	}

	/** Stops the REST server: connections are refused from now on. */
	public void stopRest() {
		if (!this.restStopped) {
			this.rest.stop();
			this.restStopped = true;
		}
	}

	/** Telemetry is answered 2.01 but not stored (a rule chain that does not save it). */
	public void dropTelemetry(boolean drop) {
		this.coap.dropTelemetry = drop;
	}

	/** Shared attribute changes notify no observer. */
	public void muteAttributeNotifications(boolean mute) {
		this.coap.muteNotifications = mute;
	}

	/** Telemetry answered with this code (e.g. 5.00), or normally with {@code null}. */
	public void failTelemetry(CoAP.ResponseCode code) {
		this.coap.telemetryFailure = code;
	}

	/**
	 * Telemetry from a device presenting this certificate is answered with this code
	 * (e.g. 5.00); others as usual.
	 */
	public void failTelemetry(X509Certificate certificate, CoAP.ResponseCode code) {
		this.coap.telemetryFailures.put(TbState.sha3(TbState.x509CredentialsValue(PemCodec.certificate(certificate))),
				code);
	}

	/**
	 * Stores X.509 credentials so that they hash differently from the certificate (a
	 * mangled push).
	 */
	public void mangleStoredCertificates(boolean mangle) {
		this.state.mangleX509Values = mangle;
	}

	/** Registers a certificate as the credentials of a device in another tenant. */
	public void addForeignCertificate(X509Certificate certificate) {
		this.state.addForeignCredentials(TbState.sha3(TbState.x509CredentialsValue(PemCodec.certificate(certificate))));
	}

	public Optional<TbState.Device> device(String name) {
		return this.state.byName(name);
	}

	public int deviceCount() {
		return this.state.deviceCount();
	}

	public Optional<TbState.TsEntry> latestTelemetry(String deviceId, String key) {
		return this.state.latest(deviceId, key);
	}

	public java.util.Map<String, Object> sharedAttributes(String deviceId) {
		return this.state.sharedAttributes(deviceId);
	}

	/**
	 * Every DTLS handshake completed so far, in order: the client's address and the
	 * credentialsId of the certificate it presented ({@code null} for none).
	 */
	public List<Handshake> handshakes() {
		return this.coap.handshakes();
	}

	/** The handshakes made with this certificate, in order. */
	public List<Handshake> handshakes(X509Certificate certificate) {
		String credentialsId = TbState.sha3(TbState.x509CredentialsValue(PemCodec.certificate(certificate)));
		return handshakes().stream().filter((h) -> credentialsId.equals(h.credentialsId())).toList();
	}

	/**
	 * Creates a device holding the certificate as its X.509 credentials, as
	 * {@code POST /api/device-with-credentials} does.
	 */
	public TbState.Device registerDevice(String name, X509Certificate certificate) {
		return this.state.create(name, null, "X509_CERTIFICATE", PemCodec.certificate(certificate));
	}

	/**
	 * Makes the certificate the credentials of the device of that name, as a credentials
	 * update does.
	 */
	public void replaceCertificate(String name, X509Certificate certificate) {
		this.state.updateCredentials(this.state.byName(name).orElseThrow(), "X509_CERTIFICATE",
				PemCodec.certificate(certificate));
	}

	/** Deletes the device of that name, as {@code DELETE /api/device/{id}} does. */
	public void deleteDevice(String name) {
		this.state.byName(name).ifPresent(this.state::delete);
	}

	/** Method and path of every REST request so far. */
	public List<String> requests() {
		return List.copyOf(this.rest.requests);
	}

	/**
	 * Undoes every fault and setting a test made (REST faults, slow-down, silence, token
	 * lifetime, CoAP faults, mangled certificates) and forgets the requests seen; devices
	 * stay. A double whose REST server was stopped cannot be reset.
	 */
	public void reset() {
		if (this.restStopped) {
			throw new IllegalStateException(
					"The REST server of this double was stopped: give the test a double of its own");
		}
		this.rest.faults.clear();
		this.rest.delay = Duration.ZERO;
		silence(false);
		this.rest.auth.tokenLifetime = RestAuth.TOKEN_LIFETIME;
		this.rest.requests.clear();
		this.coap.forgetHandshakes();
		this.coap.dropTelemetry = false;
		this.coap.muteNotifications = false;
		this.coap.telemetryFailure = null;
		this.coap.telemetryFailures.clear();
		this.state.mangleX509Values = false;
	}

	/**
	 * A completed DTLS handshake.
	 *
	 * @param client the client's address and port
	 * @param credentialsId ThingsBoard's credentialsId of the client certificate, or
	 * {@code null}
	 * @param chainLength how many certificates the client presented (its own, then its
	 * issuers)
	 */
	public record Handshake(InetSocketAddress client, String credentialsId, int chainLength) {
	}

	@Override
	public void close() {
		stopRest();
		this.coap.stop();
	}

}
