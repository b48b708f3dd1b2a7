package dev.keysmith.verify;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.keysmith.dtls.DtlsClient;
import dev.keysmith.dtls.DtlsIdentity;
import dev.keysmith.dtls.DtlsProperties;
import dev.keysmith.dtls.HandshakeReport;
import dev.keysmith.dtls.ServerCertificateProbe;
import dev.keysmith.dtls.ServerTrust;
import dev.keysmith.thingsboard.ServerDtls;
import dev.keysmith.thingsboard.ThingsBoardServer;
import dev.keysmith.thingsboard.client.ThingsBoardClient;
import dev.keysmith.thingsboard.client.ThingsBoardException;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP;
import tools.jackson.databind.JsonNode;

/**
 * One verification run, step by step, as the device: resolve, handshake, post telemetry,
 * read it back over REST, observe shared attributes, round-trip one, clean up. The first
 * failing step gives the run its diagnosis; the clean-up always runs.
 */
final class VerificationRunner {

	static final String PROBE_ATTRIBUTE = "keysmith_probe";

	private static final String TELEMETRY = "/api/v1/telemetry";

	private final Target target;

	private final DtlsProperties dtls;

	private final VerifyProperties properties;

	private final RunRecorder recorder;

	private final TelemetryPayload payload;

	private final Clock clock;

	private StepName current;

	/**
	 * What a run works on.
	 *
	 * @param thingsBoardDeviceId the device's id on that server when Keysmith pushed it
	 * there, else {@code null}
	 */
	record Target(String deviceName, DtlsIdentity identity, ThingsBoardServer server, ThingsBoardClient rest,
			ServerTrust trust, String thingsBoardDeviceId, JsonNode payload, Depth depth) {
	}

	VerificationRunner(Target target, DtlsProperties dtls, VerifyProperties properties, RunRecorder recorder,
			Clock clock) {
		this.target = target;
		this.dtls = dtls;
		this.properties = properties;
		this.recorder = recorder;
		this.payload = new TelemetryPayload(target.payload());
		this.clock = clock;
	}

	RunView run() {
		DtlsClient client = null;
		AttributeObservation observation = null;
		String thingsBoardId = null;
		boolean probeSet = false;
		Diagnosis diagnosis = null;
		try {
			InetSocketAddress address = resolve();
			client = handshake(address);
			thingsBoardId = thingsBoardDeviceId();
			Map<String, Long> before = this.payload.latestTimestamps(this.target.rest(), thingsBoardId);
			telemetry(client);
			readBack(thingsBoardId, before);
			if (this.target.depth() == Depth.FULL) {
				observation = observe(client);
				probeSet = true;
				roundTrip(thingsBoardId, observation);
			}
		}
		catch (StepFailure failure) {
			this.recorder.fail(this.current, failure.detail(), failure.evidence());
			diagnosis = failure.diagnosis();
		}
		catch (RuntimeException ex) {
			this.recorder.fail(this.current, "Keysmith failed unexpectedly: " + ex.getMessage(), ex.toString());
			diagnosis = new Diagnosis(Cause.KEYSMITH_ERROR,
					"Keysmith failed unexpectedly in step '" + this.current.label() + "': " + ex.getMessage());
		}
		Diagnosis cleanUpProblem = cleanUp(client, observation, probeSet ? thingsBoardId : null);
		this.recorder.skipPending((diagnosis == null && this.target.depth() == Depth.LIGHT)
				? "Not run: a light verification ends after the read-back." : "Not run: an earlier step failed.");
		if (diagnosis == null && cleanUpProblem != null) {
			diagnosis = cleanUpProblem;
		}
		if (diagnosis == null) {
			return this.recorder.finish(RunStatus.PASSED, null, "'" + this.target.deviceName() + "' connects to "
					+ this.target.server().getName() + " over CoAP/DTLS with its own certificate: its telemetry is "
					+ ((this.target.depth() == Depth.FULL) ? "stored and shared attributes reach it." : "stored."));
		}
		return this.recorder.finish(RunStatus.FAILED, diagnosis.cause(), diagnosis.text());
	}

	private InetSocketAddress resolve() throws StepFailure {
		begin(StepName.RESOLVE, "Looking up " + this.target.server().getCoapHost());
		String host = this.target.server().getCoapHost();
		try {
			InetAddress[] addresses = InetAddress.getAllByName(host);
			InetSocketAddress address = new InetSocketAddress(addresses[0], this.target.server().getCoapPort());
			List<String> all = new ArrayList<>();
			for (InetAddress a : addresses) {
				all.add(a.getHostAddress());
			}
			this.recorder.pass(StepName.RESOLVE, host + " is " + addresses[0].getHostAddress() + "; DTLS to port "
					+ this.target.server().getCoapPort(), "addresses: " + all);
			return address;
		}
		catch (UnknownHostException ex) {
			throw new StepFailure("'" + host + "' does not resolve", Evidence.error(ex), Cause.HOST_UNKNOWN,
					"The CoAP host '" + host + "' of server " + this.target.server().getName()
							+ " is not known to DNS. Correct it on the server page.");
		}
	}

	private DtlsClient handshake(InetSocketAddress address) throws StepFailure {
		begin(StepName.HANDSHAKE, "Connecting with the device's certificate from a new port");
		ThingsBoardServer server = this.target.server();
		DtlsClient client = DtlsClient.open(this.dtls, this.target.identity(), this.target.trust(),
				ServerDtls.peer(server, address), (note) -> this.recorder.note(StepName.HANDSHAKE, note));
		client.ping();
		HandshakeReport report = client.handshake();
		String evidence = Evidence.handshake(report, this.target.trust());
		if (report.completed()) {
			this.recorder
				.pass(StepName.HANDSHAKE, report.durationMillis(),
						"Completed in " + report.durationMillis() + " ms with " + report.cipherSuite() + "; server "
								+ ServerCertificateProbe.describe(report) + "; connection ID "
								+ (report.connectionId() ? "in use" : "not used") + "; datagrams of at most "
								+ report.largestDatagram() + " bytes (limit " + server.getDtlsDatagramLimit() + ")"
								+ (report.retransmittedFlights().isEmpty() ? ""
										: "; " + report.retransmittedFlights().size() + " flight(s) sent again"),
						evidence);
			return client;
		}
		client.close();
		throw Outcomes.handshakeFailed(this.target, this.dtls, address, client.handshakeTimedOut(), report,
				this.clock.instant());
	}

	private void telemetry(DtlsClient client) throws StepFailure {
		String payload = this.target.payload().toString();
		begin(StepName.TELEMETRY, "POST " + TELEMETRY + " " + payload);
		DtlsClient.Exchange exchange = client.post(TELEMETRY, payload);
		CoapResponse response = exchange.response();
		if (response == null) {
			throw new StepFailure("No response within " + this.dtls.coapTimeout().toSeconds() + " s",
					(exchange.error() != null) ? Evidence.error(exchange.error()) : "no response",
					Diagnoses.noResponse("the telemetry POST", this.dtls.coapTimeout().toSeconds()));
		}
		String evidence = Evidence.response(response);
		CoAP.ResponseCode code = response.getCode();
		if (code == CoAP.ResponseCode.CREATED) {
			this.recorder.pass(StepName.TELEMETRY, exchange.millis(),
					"2.01 Created in " + exchange.millis() + " ms" + ((response.advanced().getType() == CoAP.Type.CON)
							? " (a separate response, as ThingsBoard sends)" : ""),
					evidence);
			return;
		}
		throw Outcomes.telemetryRefused(this.target, response);
	}

	private void readBack(String thingsBoardId, Map<String, Long> before) throws StepFailure {
		List<String> keys = this.payload.keys();
		begin(StepName.READ_BACK, "Polling the latest " + String.join(", ", keys) + " over REST");
		if (thingsBoardId == null) {
			throw new StepFailure(
					"No device named '" + this.target.deviceName() + "' on " + this.target.server().getName(),
					"GET /api/tenant/devices?deviceName=" + this.target.deviceName() + ": not found",
					Cause.OTHER_DEVICE_NAME,
					"The telemetry was accepted, but ThingsBoard has no device named '" + this.target.deviceName()
							+ "' to read it from: the certificate is registered under another name there.");
		}
		TelemetryPayload.Poll poll;
		try {
			poll = this.payload.awaitNewValues(this.target.rest(), thingsBoardId, before,
					this.properties.readBackTimeout());
		}
		catch (ThingsBoardException ex) {
			throw new StepFailure("The REST API refused: " + ex.getMessage(), "REST: " + ex.getServerMessage(),
					Cause.REST_FAILED, "Keysmith could not read the telemetry back: " + ex.getMessage());
		}
		if (!poll.found()) {
			throw new StepFailure("No new value within " + this.properties.readBackTimeout().toSeconds() + " s",
					"last REST answer: " + poll.last(), Diagnoses.notStored(String.join(", ", keys)));
		}
		this.recorder.pass(StepName.READ_BACK, "ThingsBoard shows " + TelemetryPayload.describe(poll.latest()),
				"REST: " + poll.last());
	}

	private AttributeObservation observe(DtlsClient client) throws StepFailure {
		begin(StepName.OBSERVE, "GET " + AttributeObservation.PATH + " with Observe");
		AttributeObservation observation = AttributeObservation.start(client);
		CoapResponse first = observation.next(this.properties.notificationTimeout().toMillis());
		if (first == null) {
			observation.drop();
			throw new StepFailure("No first notification", "none",
					Diagnoses.noFirstNotification(this.properties.notificationTimeout().toSeconds()));
		}
		if (first.getCode() != CoAP.ResponseCode.CONTENT) {
			observation.drop();
			throw new StepFailure(first.getCode() + " " + first.getCode().name(), Evidence.response(first),
					Cause.NO_OBSERVATION, "Observing the shared attributes was refused with " + first.getCode() + " "
							+ first.getCode().name() + ".");
		}
		this.recorder.pass(StepName.OBSERVE, "First notification: " + shorten(first.getResponseText()),
				Evidence.response(first));
		return observation;
	}

	private void roundTrip(String thingsBoardId, AttributeObservation observation) throws StepFailure {
		String nonce = AttributeObservation.nonce();
		begin(StepName.ROUND_TRIP, "Setting shared attribute " + PROBE_ATTRIBUTE + " = " + nonce + " over REST");
		long started = System.nanoTime();
		try {
			this.target.rest().setSharedAttributes(thingsBoardId, Map.of(PROBE_ATTRIBUTE, nonce));
		}
		catch (ThingsBoardException ex) {
			throw new StepFailure("The REST API refused: " + ex.getMessage(), "REST: " + ex.getServerMessage(),
					Cause.REST_FAILED, "Keysmith could not set the probe attribute: " + ex.getMessage());
		}
		List<String> seen = new ArrayList<>();
		CoapResponse notification = observation.awaitValue(PROBE_ATTRIBUTE, nonce,
				started + this.properties.notificationTimeout().toNanos(), seen);
		if (notification == null) {
			throw new StepFailure("No notification carried the nonce", "notifications seen: " + seen,
					Diagnoses.noRoundTrip(this.properties.notificationTimeout().toSeconds()));
		}
		long millis = (System.nanoTime() - started) / 1_000_000;
		this.recorder.pass(StepName.ROUND_TRIP, millis,
				"The device was notified " + millis + " ms after the REST call: " + notification.getResponseText(),
				Evidence.response(notification));
	}

	/**
	 * @return a diagnosis when something could not be cleaned up, else {@code null}
	 */
	private Diagnosis cleanUp(DtlsClient client, AttributeObservation observation, String thingsBoardIdWithProbe) {
		begin(StepName.CLEAN_UP, "Removing the probe attribute, cancelling the observation, closing the connector");
		List<String> done = new ArrayList<>();
		String problem = null;
		if (thingsBoardIdWithProbe != null) {
			try {
				this.target.rest().deleteSharedAttributes(thingsBoardIdWithProbe, List.of(PROBE_ATTRIBUTE));
				done.add("probe attribute deleted");
			}
			catch (ThingsBoardException ex) {
				problem = "The probe attribute " + PROBE_ATTRIBUTE + " could not be deleted (" + ex.getMessage()
						+ "): delete it in ThingsBoard.";
			}
		}
		if (observation != null && observation.cancel()) {
			done.add("observation cancelled");
		}
		if (client != null) {
			client.close();
			done.add("connector destroyed");
		}
		if (problem != null) {
			this.recorder.fail(StepName.CLEAN_UP, problem, String.join(", ", done));
			return new Diagnosis(Cause.CLEAN_UP_FAILED, problem);
		}
		this.recorder.pass(StepName.CLEAN_UP,
				done.isEmpty() ? "Nothing to clean up" : capitalise(String.join(", ", done)), null);
		return null;
	}

	private String thingsBoardDeviceId() {
		if (this.target.thingsBoardDeviceId() != null) {
			return this.target.thingsBoardDeviceId();
		}
		try {
			return this.target.rest().findDeviceByName(this.target.deviceName()).map((d) -> d.id().id()).orElse(null);
		}
		catch (ThingsBoardException ex) {
			return null;
		}
	}

	private void begin(StepName step, String detail) {
		this.current = step;
		this.recorder.start(step, detail);
	}

	private static String shorten(String text) {
		return (text.length() > 200) ? text.substring(0, 200) + "…" : text;
	}

	private static String capitalise(String text) {
		return Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

}
