package dev.keysmith.dtls;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import dev.keysmith.pki.CertificateSize;
import dev.keysmith.pki.KeyType;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapHandler;
import org.eclipse.californium.core.CoapObserveRelation;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.exception.ConnectorException;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.CertificateType;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.eclipse.californium.scandium.dtls.x509.NewAdvancedCertificateVerifier;
import org.eclipse.californium.scandium.dtls.x509.SingleCertificateProvider;
import org.eclipse.californium.scandium.dtls.x509.StaticNewAdvancedCertificateVerifier;

/**
 * A CoAP client over DTLS 1.2 that speaks as one device: its own key and certificate, a
 * new connector on a new ephemeral port (so no session of an earlier run is reused), role
 * CLIENT_ONLY, cipher suites fitted to the key, bounded retransmissions, no datagram
 * larger than the server takes. Everything it creates is destroyed by {@link #close()}.
 */
public final class DtlsClient implements AutoCloseable {

	static {
		CoapConfig.register();
		DtlsConfig.register();
	}

	private final CoapEndpoint endpoint;

	private final MeasuringDtlsConnector connector;

	private final HandshakeObserver observer;

	private final String baseUri;

	private final Duration timeout;

	private DtlsClient(CoapEndpoint endpoint, MeasuringDtlsConnector connector, HandshakeObserver observer,
			String baseUri, Duration timeout) {
		this.endpoint = endpoint;
		this.connector = connector;
		this.observer = observer;
		this.baseUri = baseUri;
		this.timeout = timeout;
	}

	/**
	 * A client whose datagrams stay within ThingsBoard's default limit.
	 * @param host the name or address as the operator gave it (for the URI and the
	 * subject check)
	 * @param address the resolved address to connect to
	 * @param verifyHostName whether the server certificate must name {@code host}
	 * @param progress receives short notes while the handshake runs; must not block
	 */
	public static DtlsClient open(DtlsProperties properties, DtlsIdentity identity, ServerTrust trust, String host,
			InetSocketAddress address, boolean verifyHostName, Consumer<String> progress) {
		return open(properties, identity, trust,
				new DtlsPeer(host, address, verifyHostName, CertificateSize.THINGSBOARD_DEFAULT_DATAGRAM_LIMIT),
				progress);
	}

	/**
	 * @param progress receives short notes while the handshake runs; must not block
	 */
	public static DtlsClient open(DtlsProperties properties, DtlsIdentity identity, ServerTrust trust, DtlsPeer peer,
			Consumer<String> progress) {
		KeyType keyType = KeyType.of(identity.certificate().getPublicKey())
			.orElseThrow(() -> new IllegalArgumentException("Unsupported key type"));
		String host = peer.host();
		InetSocketAddress address = peer.address();
		boolean checkSubject = peer.verifyHostName() && !(trust instanceof ServerTrust.AnyCertificate);
		Configuration config = new Configuration();
		config.set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.CLIENT_ONLY);
		config.set(DtlsConfig.DTLS_RECOMMENDED_CIPHER_SUITES_ONLY, false);
		config.set(DtlsConfig.DTLS_CIPHER_SUITES, cipherSuites(keyType));
		config.set(DtlsConfig.DTLS_RETRANSMISSION_TIMEOUT, properties.dtlsRetransmissionTimeout().toMillis(),
				java.util.concurrent.TimeUnit.MILLISECONDS);
		config.set(DtlsConfig.DTLS_RETRANSMISSION_TIMEOUT_SCALE, properties.dtlsRetransmissionScale());
		config.set(DtlsConfig.DTLS_MAX_RETRANSMISSIONS, properties.dtlsMaxRetransmissions());
		config.set(DtlsConfig.DTLS_CONNECTION_ID_LENGTH, 0);
		config.set(DtlsConfig.DTLS_VERIFY_SERVER_CERTIFICATES_SUBJECT, checkSubject);
		config.set(DtlsConfig.DTLS_USE_SERVER_NAME_INDICATION, !isAddressLiteral(host));
		config.set(DtlsConfig.DTLS_RECEIVER_THREAD_COUNT, 1);
		config.set(DtlsConfig.DTLS_CONNECTOR_THREAD_COUNT, 1);
		DatagramLimit.applyTo(config, peer.datagramLimit(), address);
		HandshakeObserver observer = new HandshakeObserver(progress);
		DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(config)
			.setAddress(
					new InetSocketAddress(address.getAddress().isLoopbackAddress() ? address.getAddress() : null, 0))
			.setCertificateIdentityProvider(
					new SingleCertificateProvider(identity.privateKey(), identity.chain(), CertificateType.X_509))
			.setAdvancedCertificateVerifier(verifier(trust))
			.setSessionListener(observer)
			.setLoggingTag("verify")
			.build();
		MeasuringDtlsConnector connector = new MeasuringDtlsConnector(dtls);
		CoapEndpoint endpoint = CoapEndpoint.builder().setConfiguration(config).setConnector(connector).build();
		try {
			endpoint.start();
		}
		catch (IOException ex) {
			endpoint.destroy();
			throw new IllegalStateException("A local UDP port for DTLS cannot be opened: " + ex.getMessage(), ex);
		}
		String authority = (address.getAddress() instanceof java.net.Inet6Address)
				? "[" + address.getAddress().getHostAddress() + "]" : address.getAddress().getHostAddress();
		String uriHost = isAddressLiteral(host) ? authority : host;
		return new DtlsClient(endpoint, connector, observer, "coaps://" + uriHost + ":" + address.getPort(),
				properties.coapTimeout());
	}

	/**
	 * Confirmable POST of JSON; {@code null} response when none came within the bound.
	 */
	public Exchange post(String path, String json) {
		Request request = Request.newPost();
		request.setPayload(json);
		request.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_JSON);
		return send(path, request);
	}

	/**
	 * A CoAP ping (an empty confirmable message, answered by a reset): it makes the DTLS
	 * handshake happen without touching any resource.
	 */
	public boolean ping() {
		CoapClient client = client("/");
		try {
			return client.ping(this.timeout.toMillis());
		}
		finally {
			client.shutdown();
		}
	}

	public Exchange get(String path) {
		return send(path, Request.newGet());
	}

	/**
	 * Observes a resource; the handler runs on Californium's threads and must not block.
	 */
	public CoapObserveRelation observe(String path, CoapHandler handler) {
		CoapClient client = client(path);
		return client.observe(handler);
	}

	public HandshakeReport handshake() {
		this.observer.awaitOutcome(Duration.ofSeconds(2));
		return this.observer.report(this.connector.largestDatagram());
	}

	/** Whether the handshake gave up because the server never answered. */
	public boolean handshakeTimedOut() {
		this.observer.awaitOutcome(Duration.ofSeconds(2));
		return this.observer.timedOut();
	}

	private Exchange send(String path, Request request) {
		request.setType(CoAP.Type.CON);
		request.setURI(this.baseUri + path);
		long started = System.nanoTime();
		CoapClient client = client(path);
		try {
			CoapResponse response = client.advanced(request);
			return new Exchange(response, null, (System.nanoTime() - started) / 1_000_000);
		}
		catch (ConnectorException | IOException ex) {
			return new Exchange(null, ex, (System.nanoTime() - started) / 1_000_000);
		}
		finally {
			client.shutdown();
		}
	}

	private CoapClient client(String path) {
		CoapClient client = new CoapClient(this.baseUri + path);
		client.setEndpoint(this.endpoint);
		client.setTimeout(this.timeout.toMillis());
		return client;
	}

	@Override
	public void close() {
		this.endpoint.destroy();
	}

	/** A CoAP request's outcome: its response, or the error that kept it from one. */
	public record Exchange(CoapResponse response, Exception error, long millis) {
	}

	/**
	 * The suites offered. A suite names the key of the <em>server's</em> certificate,
	 * which an RSA device may meet as well as an EC one; the device's own key type only
	 * decides which family is preferred.
	 */
	static List<CipherSuite> cipherSuites(KeyType keyType) {
		List<CipherSuite> ecdsa = List.of(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
				CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256);
		List<CipherSuite> rsa = List.of(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
				CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256);
		List<CipherSuite> suites = new java.util.ArrayList<>(keyType.isEc() ? ecdsa : rsa);
		suites.addAll(keyType.isEc() ? rsa : ecdsa);
		return List.copyOf(suites);
	}

	private static NewAdvancedCertificateVerifier verifier(ServerTrust trust) {
		if (trust instanceof ServerTrust.TrustedCas cas) {
			if (cas.certificates().isEmpty()) {
				// an empty list would mean "trust all" to Scandium
				throw new IllegalArgumentException("No trusted certificate");
			}
			return StaticNewAdvancedCertificateVerifier.builder()
				.setTrustedCertificates(cas.certificates().toArray(Certificate[]::new))
				.build();
		}
		if (trust instanceof ServerTrust.PinnedCertificate pin) {
			return new PinnedCertificateVerifier(pin.sha256Fingerprint());
		}
		return StaticNewAdvancedCertificateVerifier.builder().setTrustAllCertificates().build();
	}

	static boolean isAddressLiteral(String host) {
		return host.matches("[0-9.]+") || host.contains(":");
	}

}
