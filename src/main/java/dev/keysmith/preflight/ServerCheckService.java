package dev.keysmith.preflight;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.keysmith.dtls.DtlsClient;
import dev.keysmith.dtls.DtlsIdentity;
import dev.keysmith.dtls.DtlsPeer;
import dev.keysmith.dtls.DtlsProperties;
import dev.keysmith.dtls.HandshakeFailure;
import dev.keysmith.dtls.HandshakeReport;
import dev.keysmith.dtls.ServerCertificateProbe;
import dev.keysmith.dtls.ServerTrust;
import dev.keysmith.thingsboard.ServerDtls;
import dev.keysmith.thingsboard.ThingsBoardServer;
import dev.keysmith.thingsboard.ThingsBoardServerService;
import dev.keysmith.thingsboard.client.CaDownload;
import dev.keysmith.thingsboard.client.ThingsBoardClient;
import dev.keysmith.thingsboard.client.ThingsBoardException;
import dev.keysmith.thingsboard.client.dto.TbProfile;
import org.eclipse.californium.core.coap.CoAP;

import org.springframework.stereotype.Service;

/**
 * The pre-flight check of a ThingsBoard server: REST, sign-in, device profiles, the
 * server CA, and a DTLS handshake on the CoAP port with a throwaway certificate
 * (ThingsBoard completes handshakes for unknown certificates and answers their requests
 * with 4.01).
 */
@Service
public class ServerCheckService {

	private final ThingsBoardServerService servers;

	private final DtlsProperties properties;

	private final Clock clock;

	ServerCheckService(ThingsBoardServerService servers, DtlsProperties properties, Clock clock) {
		this.servers = servers;
		this.properties = properties;
		this.clock = clock;
	}

	public List<Finding> check(UUID serverId) {
		ThingsBoardServer server = this.servers.get(serverId);
		// one deadline for all the REST calls of the check
		ThingsBoardClient client = this.servers.client(server).operation();
		CaDownload published = client.downloadServerCa();
		List<Finding> signedIn = new ArrayList<>();
		String version = null;
		if (published.answered()) {
			if (authentication(client, signedIn)) {
				version = version(client);
				profiles(server, client, signedIn);
			}
			else {
				signedIn.add(Finding.skipped("Device profiles", "needs a working sign-in"));
			}
		}
		else {
			signedIn.add(Finding.skipped("Sign-in", "needs the REST API"));
			signedIn.add(Finding.skipped("Device profiles", "needs the REST API"));
		}
		Dtls dtls = dtls(server);
		List<Finding> findings = new ArrayList<>();
		findings.add(reachability(server, published, version));
		findings.addAll(signedIn);
		findings.add(ServerCaFinding.of(server.getServerCaPem(), published, dtls.presented()));
		findings.add(dtls.finding());
		return findings;
	}

	private static Finding reachability(ThingsBoardServer server, CaDownload published, String version) {
		String answers = ((version != null) ? version : "ThingsBoard") + " answers at " + server.getBaseUrl();
		return switch (published.outcome()) {
			case NO_ANSWER -> Finding.failed("REST API", published.explanation()
					+ ". Check the URL, and that ThingsBoard runs and is reachable from Keysmith.");
			case REFUSED ->
				Finding.warning("REST API", answers + ", but its CA endpoint said: " + published.explanation());
			default -> Finding.ok("REST API", answers);
		};
	}

	/** "ThingsBoard CE 3.9.1" when the server tells, else {@code null}. */
	private static String version(ThingsBoardClient client) {
		try {
			return client.systemInfo().describe();
		}
		catch (ThingsBoardException ex) {
			return null;
		}
	}

	private static boolean authentication(ThingsBoardClient client, List<Finding> findings) {
		try {
			findings.add(Finding.ok("Sign-in", "Signed in with " + client.checkAuthentication()));
			return true;
		}
		catch (ThingsBoardException ex) {
			findings.add(Finding.failed("Sign-in", ex.getMessage()));
			return false;
		}
	}

	private static void profiles(ThingsBoardServer server, ThingsBoardClient client, List<Finding> findings) {
		try {
			List<TbProfile> profiles = client.deviceProfiles();
			String listed = profiles.stream()
				.map((p) -> p.name() + " (" + p.transportType() + ")")
				.collect(Collectors.joining(", "));
			List<TbProfile> refusing = profiles.stream().filter((p) -> !p.acceptsCoap()).toList();
			String target = (server.getDefaultProfileId() != null) ? server.getDefaultProfileId()
					: client.defaultProfile().id().id();
			Optional<TbProfile> used = profiles.stream().filter((p) -> p.id().id().equals(target)).findFirst();
			if (used.isPresent() && !used.get().acceptsCoap()) {
				findings.add(Finding.failed("Device profiles",
						"New devices go to profile '" + used.get().name() + "', whose transport is "
								+ used.get().transportType()
								+ ": CoAP devices on it are refused (4.01). Choose a DEFAULT or COAP profile."));
			}
			else if (!refusing.isEmpty()) {
				findings.add(Finding.warning("Device profiles",
						listed + ". Devices on "
								+ refusing.stream().map(TbProfile::name).collect(Collectors.joining(", "))
								+ " are refused over CoAP: their transport is not DEFAULT or COAP."));
			}
			else {
				findings.add(Finding.ok("Device profiles", listed));
			}
		}
		catch (ThingsBoardException ex) {
			findings.add(Finding.failed("Device profiles", ex.getMessage()));
		}
	}

	/**
	 * The DTLS finding, and the chain the server presented (empty when none was seen).
	 */
	private record Dtls(Finding finding, List<X509Certificate> presented) {
	}

	private Dtls dtls(ThingsBoardServer server) {
		String check = "CoAP over DTLS";
		InetSocketAddress address;
		try {
			address = new InetSocketAddress(InetAddress.getByName(server.getCoapHost()), server.getCoapPort());
		}
		catch (UnknownHostException ex) {
			return new Dtls(Finding.failed(check, "The CoAP host '" + server.getCoapHost() + "' does not resolve"),
					List.of());
		}
		DtlsIdentity identity = ServerCertificateProbe.throwawayIdentity();
		ServerTrust trust = ServerDtls.trust(server);
		try (DtlsClient client = DtlsClient.open(this.properties, identity, trust, ServerDtls.peer(server, address),
				(note) -> {
				})) {
			DtlsClient.Exchange exchange = client.get("/api/v1/attributes");
			HandshakeReport handshake = client.handshake();
			if (!handshake.completed()) {
				return handshakeFailure(server, client, handshake, trust, identity, address);
			}
			String answer = (exchange.response() != null)
					? " The probe request got " + exchange.response().getCode().text + " "
							+ exchange.response().getCode().name()
							+ ((exchange.response().getCode() == CoAP.ResponseCode.UNAUTHORIZED)
									? ", as expected for an unregistered certificate." : ".")
					: " The probe request got no answer.";
			Finding completed = Finding.ok(check,
					"Handshake with " + server.getCoapHost() + ":" + server.getCoapPort() + " completed in "
							+ handshake.durationMillis() + " ms, " + handshake.cipherSuite()
							+ (handshake.connectionId() ? ", with a connection ID" : ", no connection ID")
							+ ". Server certificate: " + ServerCertificateProbe.describe(handshake) + "." + answer);
			return new Dtls(
					DatagramLimitCheck.addTo(completed, this.properties, trust, ServerDtls.peer(server, address)),
					handshake.serverChain());
		}
	}

	private Dtls handshakeFailure(ThingsBoardServer server, DtlsClient client, HandshakeReport handshake,
			ServerTrust trust, DtlsIdentity identity, InetSocketAddress address) {
		DtlsPeer peer = ServerDtls.peer(server, address);
		HandshakeFailure failure = HandshakeFailure.of(handshake, client.handshakeTimedOut(), peer, trust,
				identity.certificate(), this.clock.instant(),
				() -> ServerCertificateProbe.probe(this.properties, identity, peer));
		return new Dtls(Finding.failed("CoAP over DTLS", failure.diagnosis()), failure.presented());
	}

}
