package dev.keysmith.verify;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.keysmith.pki.CertificateIssuer;
import dev.keysmith.pki.IssuedCredential;
import dev.keysmith.pki.KeyType;
import dev.keysmith.thingsboard.CaCertificates;
import dev.keysmith.thingsboard.ThingsBoardClient;
import dev.keysmith.thingsboard.ThingsBoardException;
import dev.keysmith.thingsboard.ThingsBoardServer;
import dev.keysmith.thingsboard.ThingsBoardServerService;
import dev.keysmith.thingsboard.dto.TbProfile;
import org.eclipse.californium.core.coap.CoAP;

import org.springframework.stereotype.Service;

/**
 * The pre-flight check of a ThingsBoard server: REST, sign-in, device profiles, the server
 * CA, and a DTLS handshake on the CoAP port with a throwaway certificate (ThingsBoard
 * completes handshakes for unknown certificates and answers their requests with 4.01).
 */
@Service
public class ServerCheckService {

	private static final String THROWAWAY_CN = "keysmith-preflight";

	private final ThingsBoardServerService servers;

	private final VerifyProperties properties;

	private final CertificateIssuer issuer = new CertificateIssuer();

	ServerCheckService(ThingsBoardServerService servers, VerifyProperties properties) {
		this.servers = servers;
		this.properties = properties;
	}

	public List<Finding> check(UUID serverId) {
		ThingsBoardServer server = this.servers.get(serverId);
		ThingsBoardClient client = this.servers.client(server);
		List<Finding> findings = new ArrayList<>();
		Optional<String> publishedCa = reachability(server, client, findings);
		if (findings.get(0).status() != Finding.Status.FAILED) {
			if (authentication(client, findings)) {
				profiles(server, client, findings);
			}
			else {
				findings.add(Finding.skipped("Device profiles", "needs a working sign-in"));
			}
		}
		else {
			findings.add(Finding.skipped("Sign-in", "needs the REST API"));
			findings.add(Finding.skipped("Device profiles", "needs the REST API"));
		}
		serverCa(server, publishedCa, findings);
		dtls(server, findings);
		return findings;
	}

	private Optional<String> reachability(ThingsBoardServer server, ThingsBoardClient client, List<Finding> findings) {
		try {
			Optional<String> ca = client.downloadServerCa();
			findings.add(Finding.ok("REST API", "ThingsBoard answers at " + server.getBaseUrl()));
			return ca;
		}
		catch (ThingsBoardException ex) {
			if (ex.getHttpStatus() != 0) {
				findings.add(Finding.warning("REST API", "ThingsBoard answers at " + server.getBaseUrl()
						+ ", but its CA endpoint said: " + ex.getMessage()));
			}
			else {
				findings.add(Finding.failed("REST API", ex.getMessage()
						+ ". Check the URL, and that ThingsBoard runs and is reachable from Keysmith."));
			}
			return Optional.empty();
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
				findings.add(Finding.failed("Device profiles", "New devices go to profile '" + used.get().name()
						+ "', whose transport is " + used.get().transportType()
						+ ": CoAP devices on it are refused (4.01). Choose a DEFAULT or COAP profile."));
			}
			else if (!refusing.isEmpty()) {
				findings.add(Finding.warning("Device profiles", listed + ". Devices on "
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

	private static void serverCa(ThingsBoardServer server, Optional<String> published, List<Finding> findings) {
		CaCertificates.Summary trusted = CaCertificates.Summary.of(server.getServerCaPem());
		CaCertificates.Summary offered = published.map(CaCertificates.Summary::of).orElse(null);
		if (trusted == null) {
			String hint = (offered != null) ? " ThingsBoard publishes " + offered.subject() + " (SHA-256 "
					+ offered.sha256Fingerprint() + "): fetch it on the server page and confirm it."
					: " ThingsBoard publishes none: paste the DTLS server's CA on the server page.";
			findings.add(Finding.warning("Server CA",
					"No CA is trusted for this server yet; the public CAs are used instead." + hint));
		}
		else if (offered != null && !offered.sha256Fingerprint().equals(trusted.sha256Fingerprint())) {
			findings.add(Finding.warning("Server CA", "The trusted CA (" + trusted.subject() + ") differs from the one "
					+ "ThingsBoard publishes now (" + offered.subject() + ", SHA-256 " + offered.sha256Fingerprint()
					+ "): was the server certificate replaced?"));
		}
		else {
			findings.add(Finding.ok("Server CA", "Trusted: " + trusted.subject() + " (SHA-256 "
					+ trusted.sha256Fingerprint() + ")"));
		}
	}

	private void dtls(ThingsBoardServer server, List<Finding> findings) {
		String check = "CoAP over DTLS";
		InetSocketAddress address;
		try {
			address = new InetSocketAddress(InetAddress.getByName(server.getCoapHost()), server.getCoapPort());
		}
		catch (UnknownHostException ex) {
			findings.add(Finding.failed(check, "The CoAP host '" + server.getCoapHost() + "' does not resolve"));
			return;
		}
		IssuedCredential throwaway = this.issuer.issue(KeyType.EC_P256, THROWAWAY_CN, 1);
		DtlsIdentity identity = new DtlsIdentity(throwaway.privateKey(), throwaway.certificate());
		ServerTrust trust = ServerTrusts.of(server);
		try (DtlsClient client = DtlsClient.open(this.properties, identity, trust, server.getCoapHost(), address,
				server.isVerifyHostName(), (note) -> {
				})) {
			DtlsClient.Exchange exchange = client.get("/api/v1/attributes");
			HandshakeReport handshake = client.handshake();
			if (!handshake.completed()) {
				findings.add(Finding.failed(check, handshakeFailure(server, client, handshake, trust, identity, address)));
				return;
			}
			String answer = (exchange.response() != null) ? " The probe request got "
					+ exchange.response().getCode().text + " " + exchange.response().getCode().name()
					+ ((exchange.response().getCode() == CoAP.ResponseCode.UNAUTHORIZED)
							? ", as expected for an unregistered certificate." : ".")
					: " The probe request got no answer.";
			findings.add(Finding.ok(check, "Handshake with " + server.getCoapHost() + ":" + server.getCoapPort()
					+ " completed in " + handshake.durationMillis() + " ms, " + handshake.cipherSuite()
					+ (handshake.connectionId() ? ", with a connection ID" : ", no connection ID")
					+ ". Server certificate: " + ServerCertificateProbe.describe(handshake) + "." + answer));
		}
	}

	private String handshakeFailure(ThingsBoardServer server, DtlsClient client, HandshakeReport handshake,
			ServerTrust trust, DtlsIdentity identity, InetSocketAddress address) {
		String where = server.getCoapHost() + ":" + server.getCoapPort();
		if (client.handshakeTimedOut() || handshake.failure() == null) {
			return "No answer to the DTLS handshake from " + where + " (" + handshake.retransmittedFlights().size()
					+ " retransmissions): DTLS may be off in ThingsBoard (COAP_DTLS_ENABLED), UDP " + server.getCoapPort()
					+ " not published or blocked, or the host wrong.";
		}
		if (handshake.alert() != null) {
			return "The server ended the handshake with " + handshake.alert() + ".";
		}
		// our side refused the server's certificate: look at what it presents
		return "Keysmith does not trust the server's certificate (" + handshake.failure() + "). Checked against "
				+ trust.describe() + (server.isVerifyHostName() ? ", for the name " + server.getCoapHost() : "")
				+ ". The server presents "
				+ ServerCertificateProbe.reveal(this.properties, identity, server.getCoapHost(), address)
				+ ". Fetch or paste the right CA on the server page, or turn the host name check off if the "
				+ "certificate does not name this host.";
	}

}
