package dev.keysmith.testkit;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.cert.CertPath;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.keysmith.pki.IssuedCredential;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.observe.ObserveRelation;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.auth.X509CertPath;
import org.eclipse.californium.elements.config.CertificateAuthenticationMode;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.AlertMessage;
import org.eclipse.californium.scandium.dtls.CertificateMessage;
import org.eclipse.californium.scandium.dtls.CertificateType;
import org.eclipse.californium.scandium.dtls.CertificateVerificationResult;
import org.eclipse.californium.scandium.dtls.ConnectionId;
import org.eclipse.californium.scandium.dtls.DTLSContext;
import org.eclipse.californium.scandium.dtls.HandshakeException;
import org.eclipse.californium.scandium.dtls.HandshakeResultHandler;
import org.eclipse.californium.scandium.dtls.Handshaker;
import org.eclipse.californium.scandium.dtls.SessionAdapter;
import org.eclipse.californium.scandium.dtls.x509.NewAdvancedCertificateVerifier;
import org.eclipse.californium.scandium.dtls.x509.SingleCertificateProvider;
import org.eclipse.californium.scandium.util.ServerNames;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The CoAP/DTLS half of the ThingsBoard double, behaving as the contract says: a client
 * certificate is wanted, not required; an unknown certificate completes the handshake and
 * then gets 4.01; an expired one fails the handshake with BAD_CERTIFICATE; a session is
 * authorised (or not) once per (address, certificate) and keeps that answer (3.9: once an
 * address authenticated, anything from it is that device, any certificate or none);
 * telemetry gets a separate confirmable 2.01; observing {@code /api/v1/attributes} gives
 * the shared attributes, then one confirmable notification per change holding only the
 * changed keys. Authorised sessions are never evicted here: not by a credentials update,
 * not by a device deletion (ThingsBoard keeps them until its session inactivity timeout,
 * 24 h by default, which no test outlives). Every completed handshake is recorded with
 * the client's address and certificate ({@link #handshakes()}). Its DTLS server has
 * ThingsBoard's settings: client authentication wanted, role server only, a 9 s
 * retransmission timeout, and the two datagram settings of {@link DtlsLimits}, so that a
 * client datagram longer than the server reads is lost as it is with ThingsBoard.
 */
final class CoapDouble {

	static {
		CoapConfig.register();
		DtlsConfig.register();
	}

	private final TbState state;

	private final JsonMapper json = JsonMapper.builder().build();

	private final CoapServer server;

	private final CoapEndpoint endpoint;

	private final Attributes attributes = new Attributes();

	/**
	 * (peer address, credentialsId) → the device that session is authorised as, or empty.
	 */
	private final Map<String, Optional<String>> sessions = new ConcurrentHashMap<>();

	/**
	 * 3.9: sessions keyed by the peer address alone, written when a certificate matched a
	 * device.
	 */
	private final boolean sessionsByAddressOnly;

	private final Map<InetSocketAddress, String> addressSessions = new ConcurrentHashMap<>();

	private final Map<String, String> lastChange = new ConcurrentHashMap<>();

	private final List<ThingsBoardDouble.Handshake> handshakes = new CopyOnWriteArrayList<>();

	volatile boolean dropTelemetry;

	volatile boolean muteNotifications;

	volatile CoAP.ResponseCode telemetryFailure;

	/** credentialsId → the code telemetry from that certificate is answered with. */
	final Map<String, CoAP.ResponseCode> telemetryFailures = new ConcurrentHashMap<>();

	CoapDouble(TbState state, IssuedCredential serverCredential, X509Certificate ca, Integer connectionIdLength,
			boolean sessionsByAddressOnly, DtlsLimits limits) {
		this.state = state;
		this.sessionsByAddressOnly = sessionsByAddressOnly;
		Configuration config = new Configuration();
		config.set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.SERVER_ONLY);
		config.set(DtlsConfig.DTLS_CLIENT_AUTHENTICATION_MODE, CertificateAuthenticationMode.WANTED);
		// ThingsBoard's COAP_DTLS_RETRANSMISSION_TIMEOUT_MS, 9 s by default
		config.set(DtlsConfig.DTLS_RETRANSMISSION_TIMEOUT, 9000, TimeUnit.MILLISECONDS);
		limits.applyTo(config);
		// cipher suites and signature algorithms as ThingsBoard leaves them: Scandium's
		// defaults for its credentials
		config.set(DtlsConfig.DTLS_CONNECTION_ID_LENGTH, connectionIdLength);
		config.set(DtlsConfig.DTLS_RECEIVER_THREAD_COUNT, 1);
		config.set(DtlsConfig.DTLS_CONNECTOR_THREAD_COUNT, 2);
		config.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, 8192);
		DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(config)
			.setAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
			.setCertificateIdentityProvider(new SingleCertificateProvider(serverCredential.privateKey(),
					new X509Certificate[] { serverCredential.certificate(), ca }, CertificateType.X_509))
			.setAdvancedCertificateVerifier(new AnyValidCertificate())
			.setLoggingTag("tb-double")
			.setSessionListener(new HandshakeLog())
			.build();
		this.endpoint = CoapEndpoint.builder().setConfiguration(config).setConnector(new DTLSConnector(dtls)).build();
		this.server = new CoapServer(config);
		this.server.addEndpoint(this.endpoint);
		this.server.add(new CoapResource("api").add(new CoapResource("v1").add(new Telemetry(), this.attributes)));
		this.server.start();
		state.onAttributeChange(this::attributesChanged);
	}

	int port() {
		return this.endpoint.getAddress().getPort();
	}

	void stop() {
		this.server.destroy();
	}

	List<ThingsBoardDouble.Handshake> handshakes() {
		return List.copyOf(this.handshakes);
	}

	void forgetHandshakes() {
		this.handshakes.clear();
	}

	private CoAP.ResponseCode failureFor(java.security.Principal identity) {
		if (identity instanceof X509CertPath path) {
			try {
				return this.telemetryFailures.get(credentialsIdOf(path.getTarget()));
			}
			catch (CertificateException ex) {
				return null;
			}
		}
		return null;
	}

	private static String credentialsIdOf(X509Certificate certificate) throws CertificateException {
		return TbState.sha3(Base64.getEncoder().encodeToString(certificate.getEncoded()));
	}

	private void attributesChanged(String deviceId, Map<String, Object> change) {
		this.lastChange.put(deviceId, this.json.writeValueAsString(change));
		if (!this.muteNotifications) {
			this.attributes.changed((relation) -> deviceOf(relation).filter(deviceId::equals).isPresent());
		}
	}

	private Optional<String> deviceOf(ObserveRelation relation) {
		return authorisedDevice(relation.getExchange().getRequest().getSourceContext().getPeerIdentity(),
				relation.getSource());
	}

	private Optional<String> authorise(CoapExchange exchange) {
		return authorisedDevice(exchange.advanced().getRequest().getSourceContext().getPeerIdentity(),
				exchange.getSourceSocketAddress());
	}

	private Optional<String> authorisedDevice(java.security.Principal identity, InetSocketAddress peer) {
		if (this.sessionsByAddressOnly && this.addressSessions.containsKey(peer)) {
			return Optional.of(this.addressSessions.get(peer));
		}
		if (!(identity instanceof X509CertPath path)) {
			return Optional.empty();
		}
		try {
			String credentialsId = credentialsIdOf(path.getTarget());
			if (this.sessionsByAddressOnly) {
				Optional<String> device = this.state.byCredentialsId(credentialsId)
					.filter((d) -> !TbState.MQTT_PROFILE_ID.equals(d.profileId))
					.map((d) -> d.id);
				device.ifPresent((id) -> this.addressSessions.put(peer, id));
				return device;
			}
			return this.sessions.computeIfAbsent(peer + "|" + credentialsId,
					(key) -> this.state.byCredentialsId(credentialsId)
						.filter((device) -> !TbState.MQTT_PROFILE_ID.equals(device.profileId))
						.map((device) -> device.id));
		}
		catch (CertificateException ex) {
			return Optional.empty();
		}
	}

	private final class Telemetry extends CoapResource {

		Telemetry() {
			super("telemetry");
		}

		@Override
		public void handlePOST(CoapExchange exchange) {
			Optional<String> device = authorise(exchange);
			if (device.isEmpty()) {
				exchange.respond(CoAP.ResponseCode.UNAUTHORIZED);
				return;
			}
			if (CoapDouble.this.telemetryFailure != null) {
				exchange.respond(CoapDouble.this.telemetryFailure);
				return;
			}
			CoAP.ResponseCode failure = failureFor(
					exchange.advanced().getRequest().getSourceContext().getPeerIdentity());
			if (failure != null) {
				exchange.respond(failure);
				return;
			}
			JsonNode body;
			try {
				body = CoapDouble.this.json.readTree(exchange.getRequestPayload());
			}
			catch (RuntimeException ex) {
				body = null;
			}
			if (body == null || !body.isObject()) {
				exchange.respond(CoAP.ResponseCode.BAD_REQUEST);
				return;
			}
			// as ThingsBoard: a separate confirmable response, not a piggybacked ACK
			exchange.accept();
			if (!CoapDouble.this.dropTelemetry) {
				Map<String, Object> values = new LinkedHashMap<>();
				body.properties()
					.forEach((e) -> values.put(e.getKey(),
							e.getValue().isString() ? e.getValue().asString() : e.getValue().toString()));
				CoapDouble.this.state.saveTelemetry(device.get(), values);
			}
			exchange.respond(CoAP.ResponseCode.CREATED);
		}

	}

	private final class Attributes extends CoapResource {

		Attributes() {
			super("attributes");
			setObservable(true);
			setObserveType(CoAP.Type.CON);
		}

		@Override
		public void handleGET(CoapExchange exchange) {
			Optional<String> device = authorise(exchange);
			if (device.isEmpty()) {
				exchange.respond(CoAP.ResponseCode.UNAUTHORIZED);
				return;
			}
			ObserveRelation relation = exchange.advanced().getRelation();
			String payload;
			if (relation != null && relation.isEstablished()) {
				payload = CoapDouble.this.lastChange.getOrDefault(device.get(), "{}");
			}
			else if (exchange.getRequestOptions().hasObserve()) {
				payload = CoapDouble.this.json.writeValueAsString(CoapDouble.this.state.sharedAttributes(device.get()));
			}
			else {
				Map<String, Object> shared = CoapDouble.this.state.sharedAttributes(device.get());
				String keys = exchange.getQueryParameter("sharedKeys");
				if (keys != null) {
					List<String> wanted = List.of(keys.split(","));
					shared.keySet().retainAll(wanted);
				}
				payload = CoapDouble.this.json.writeValueAsString(Map.of("client", Map.of(), "shared", shared));
			}
			exchange.respond(CoAP.ResponseCode.CONTENT, payload, MediaTypeRegistry.APPLICATION_JSON);
		}

	}

	/** Records the client address and certificate of every completed handshake. */
	private final class HandshakeLog extends SessionAdapter {

		@Override
		public void contextEstablished(Handshaker handshaker, DTLSContext context) {
			String credentialsId = null;
			int chainLength = 0;
			if (context.getSession().getPeerIdentity() instanceof X509CertPath path) {
				chainLength = path.getPath().getCertificates().size();
				try {
					credentialsId = credentialsIdOf(path.getTarget());
				}
				catch (CertificateException ex) {
					// recorded without a certificate
				}
			}
			CoapDouble.this.handshakes
				.add(new ThingsBoardDouble.Handshake(handshaker.getPeerAddress(), credentialsId, chainLength));
		}

	}

	/**
	 * Accepts any client certificate that is currently valid; no chain or CA check, as
	 * ThingsBoard.
	 */
	private static final class AnyValidCertificate implements NewAdvancedCertificateVerifier {

		@Override
		public List<CertificateType> getSupportedCertificateTypes() {
			return List.of(CertificateType.X_509);
		}

		@Override
		public CertificateVerificationResult verifyCertificate(ConnectionId cid, ServerNames serverName,
				InetSocketAddress remotePeer, boolean clientUsage, boolean verifySubject,
				boolean truncateCertificatePath, CertificateMessage message) {
			CertPath path = message.getCertificateChain();
			if (path != null && !path.getCertificates().isEmpty()) {
				try {
					((X509Certificate) path.getCertificates().get(0)).checkValidity();
				}
				catch (CertificateException ex) {
					return new CertificateVerificationResult(cid,
							new HandshakeException("client certificate not valid now", new AlertMessage(
									AlertMessage.AlertLevel.FATAL, AlertMessage.AlertDescription.BAD_CERTIFICATE)),
							null);
				}
			}
			return new CertificateVerificationResult(cid, path, null);
		}

		@Override
		public List<javax.security.auth.x500.X500Principal> getAcceptedIssuers() {
			return List.of();
		}

		@Override
		public void setResultHandler(HandshakeResultHandler resultHandler) {
		}

	}

}
