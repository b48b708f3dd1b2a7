package dev.keysmith.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import dev.keysmith.pki.IssuedCredential;
import dev.keysmith.pki.PemCodec;
import org.eclipse.californium.core.coap.CoAP;

/**
 * An in-process stand-in for a ThingsBoard CE 4.3 server: a real HTTP server (REST API) and
 * a real Californium DTLS CoAP server, both on loopback and ephemeral ports, behaving as
 * shared/thingsboard-contract.md describes, with fault injection for tests. Never shipped.
 */
public final class ThingsBoardDouble implements AutoCloseable {

	public static final String TENANT_ADMIN = "tenant@thingsboard.org";

	public static final String TENANT_PASSWORD = "tenant";

	public static final String TWO_FACTOR_USER = "2fa@thingsboard.org";

	private final TbState state;

	private final RestDouble rest;

	private final CoapDouble coap;

	private final TestCa ca = new TestCa("ThingsBoard double CA");

	private boolean restStopped;

	private ThingsBoardDouble(Integer connectionIdLength) {
		this.state = new TbState(Clock.systemUTC());
		try {
			this.rest = new RestDouble(this.state, Clock.systemUTC());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.rest.users.put(TENANT_ADMIN, TENANT_PASSWORD);
		this.rest.twoFactorUsers.put(TWO_FACTOR_USER, TENANT_PASSWORD);
		IssuedCredential serverCredential = this.ca.serverCredential("localhost");
		this.coap = new CoapDouble(this.state, serverCredential, this.ca.certificate(), connectionIdLength);
	}

	/** A double like ThingsBoard 4.3: connection ID length 8. */
	public static ThingsBoardDouble start() {
		return new ThingsBoardDouble(8);
	}

	/** A double like ThingsBoard up to 4.2: no connection ID. */
	public static ThingsBoardDouble startWithoutConnectionId() {
		return new ThingsBoardDouble(null);
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

	/** The CA of the DTLS server's certificate (SAN localhost, 127.0.0.1). */
	public X509Certificate serverCa() {
		return this.ca.certificate();
	}

	public TestCa ca() {
		return this.ca;
	}

	/** Makes the CA downloadable from the public endpoint (404 until then, as when unconfigured). */
	public ThingsBoardDouble publishServerCa() {
		this.rest.serverCaPem = PemCodec.certificate(this.ca.certificate());
		return this;
	}

	/** A new valid API key ({@code tb_…}). */
	public String createApiKey() {
		byte[] bytes = new byte[16];
		new SecureRandom().nextBytes(bytes);
		String key = "tb_" + HexFormat.of().formatHex(bytes);
		this.rest.apiKeys.add(key);
		return key;
	}

	public ThingsBoardDouble tokenLifetime(Duration lifetime) {
		this.rest.tokenLifetime = lifetime;
		return this;
	}

	public void expireAllTokens() {
		this.rest.expireAllTokens();
	}

	public void expireAllRefreshTokens() {
		this.rest.expireAllRefreshTokens();
	}

	/** The next {@code times} requests whose path contains {@code pathPart} fail as given. */
	public void failNext(String pathPart, int times, int status, int errorCode, String message) {
		this.rest.faults.add(new RestDouble.Fault(pathPart, status, errorCode, message, new int[] { times }));
	}

	public void rateLimitNext(String pathPart, int times) {
		failNext(pathPart, times, 429, 33, "Too many requests for current tenant!");
	}

	/** Every REST answer waits this long first. */
	public void slowDown(Duration delay) {
		this.rest.delay = delay;
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

	/** Stores X.509 credentials so that they hash differently from the certificate (a mangled push). */
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

	/** Method and path of every REST request so far. */
	public List<String> requests() {
		return List.copyOf(this.rest.requests);
	}

	@Override
	public void close() {
		stopRest();
		this.coap.stop();
	}

}
