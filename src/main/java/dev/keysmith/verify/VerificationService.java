package dev.keysmith.verify;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import dev.keysmith.common.InvalidRequestException;
import dev.keysmith.common.NotFoundException;
import dev.keysmith.device.Device;
import dev.keysmith.device.DeviceCredentials;
import dev.keysmith.device.DeviceService;
import dev.keysmith.dtls.DtlsIdentity;
import dev.keysmith.dtls.DtlsProperties;
import dev.keysmith.instance.Instances;
import dev.keysmith.pki.IssuedCredential;
import dev.keysmith.progress.Feed;
import dev.keysmith.progress.Watcher;
import dev.keysmith.thingsboard.ServerDtls;
import dev.keysmith.thingsboard.ThingsBoardServer;
import dev.keysmith.thingsboard.ThingsBoardServerService;
import dev.keysmith.work.BackgroundWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Starts verification runs off the request thread and keeps them: the run itself is
 * {@link VerificationRunner}; watchers follow it through its {@link Feed}.
 */
@Service
public class VerificationService {

	public static final String DEFAULT_PAYLOAD = "{\"temperature\":43}";

	static final int MAX_PAYLOAD_LENGTH = 1024;

	static final String INTERRUPTED = "Interrupted: Keysmith stopped while this run was going on. Verify again.";

	private static final Logger log = LoggerFactory.getLogger(VerificationService.class);

	private final DeviceService devices;

	private final DeviceCredentials credentials;

	private final ThingsBoardServerService servers;

	private final VerificationRunRepository runs;

	private final Feed<RunView, RunEvent> events;

	private final DtlsProperties dtls;

	private final VerifyProperties properties;

	private final BackgroundWork work;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final Instances instances;

	private final VerificationMetrics metrics;

	VerificationService(DeviceService devices, DeviceCredentials credentials, ThingsBoardServerService servers,
			VerificationRunRepository runs, Feed<RunView, RunEvent> events, BackgroundWork work, DtlsProperties dtls,
			VerifyProperties properties, PlatformTransactionManager transactionManager, Clock clock,
			Instances instances, VerificationMetrics metrics) {
		this.devices = devices;
		this.credentials = credentials;
		this.servers = servers;
		this.runs = runs;
		this.events = events;
		this.work = work;
		this.dtls = dtls;
		this.properties = properties;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
		this.instances = instances;
		this.metrics = metrics;
	}

	/**
	 * Starts a run as the device against the server; returns at once with the run as it
	 * begins.
	 * @throws BusyException when Keysmith runs as many jobs as it takes (nothing is
	 * stored then)
	 */
	public RunView start(UUID deviceId, UUID serverId, String payload, String actor) {
		return launch(deviceId, null, serverId, payload, actor, Duration.ZERO, Depth.FULL).run();
	}

	/**
	 * Runs a verification for a caller inside Keysmith that waits for its verdict.
	 * @param maxWait how long to wait for a free place when Keysmith is busy
	 * @return the run as it began, and its verdict to come
	 * @throws BusyException when no place came free within {@code maxWait} (nothing is
	 * stored then)
	 */
	public Launched verify(UUID deviceId, UUID serverId, String payload, String actor, Duration maxWait) {
		return launch(deviceId, null, serverId, payload, actor, maxWait, Depth.FULL);
	}

	/**
	 * {@link #verify(UUID, UUID, String, String, Duration)} to the depth given: a light
	 * run ends after the read-back (what a batch proves for each of many devices).
	 */
	public Launched verify(UUID deviceId, UUID serverId, String payload, String actor, Duration maxWait, Depth depth) {
		return launch(deviceId, null, serverId, payload, actor, maxWait, depth);
	}

	/**
	 * {@link #verify(UUID, UUID, String, String, Duration, Depth)} with one of the
	 * device's credentials, whatever its state (a renewal's new certificate before it is
	 * ACTIVE, a revoked one that must be refused), from a new local port as every run.
	 */
	public Launched verifyCredential(UUID deviceId, UUID credentialId, UUID serverId, String actor, Duration maxWait,
			Depth depth) {
		return launch(deviceId, credentialId, serverId, null, actor, maxWait, depth);
	}

	private Launched launch(UUID deviceId, UUID credentialId, UUID serverId, String payload, String actor,
			Duration maxWait, Depth depth) {
		if (serverId == null) {
			throw new InvalidRequestException("serverId", "Choose the ThingsBoard server to verify against");
		}
		String text = (payload == null || payload.isBlank()) ? DEFAULT_PAYLOAD : payload.strip();
		if (text.length() > MAX_PAYLOAD_LENGTH) {
			throw new InvalidRequestException("payload",
					"The telemetry payload has at most " + MAX_PAYLOAD_LENGTH + " characters");
		}
		JsonNode json = TelemetryPayload.parse(text)
			.orElseThrow(() -> new InvalidRequestException("payload",
					"The telemetry payload must be a JSON object with at least one key, e.g. " + DEFAULT_PAYLOAD));
		Device device = this.devices.get(deviceId);
		ThingsBoardServer server = this.servers.get(serverId);
		IssuedCredential credential = (credentialId != null) ? this.credentials.identity(deviceId, credentialId)
				: this.devices.identity(deviceId);
		String knownId = device.placement()
			.filter((placement) -> placement.serverId().equals(serverId))
			.map(Device.Placement::deviceId)
			.orElse(null);
		VerificationRunner.Target target = new VerificationRunner.Target(device.getName(),
				new DtlsIdentity(credential.privateKey(), credential.certificate(), credential.issuers()), server,
				this.servers.client(server), ServerDtls.trust(server), knownId, json, depth);
		BackgroundWork.Place place = this.work.reserve(maxWait);
		RunView view;
		try {
			VerificationRun run = this.runs
				.save(new VerificationRun(deviceId, device.getName(), serverId, server.getName(), actor,
						this.clock.instant(), json.toString(), this.instances.currentInstanceId()));
			view = run.view();
		}
		catch (RuntimeException ex) {
			place.release();
			throw ex;
		}
		this.events.open(view.id(), view);
		// a full run is watched step by step, maybe from another instance; a light one is
		// one of a batch's many, shown by its batch, and its steps are stored with the
		// verdict
		RunRecorder recorder = new RunRecorder(view, this.runs, this.transactions, this.events, this.clock,
				depth == Depth.FULL);
		VerificationRunner runner = new VerificationRunner(target, this.dtls, this.properties, recorder, this.clock);
		CompletableFuture<RunView> verdict = place.start(() -> execute(runner, deviceId, actor));
		log.info("Verification {} of '{}' against {} started by {}", view.id(), device.getName(), server.getName(),
				actor);
		return new Launched(view, verdict);
	}

	private RunView execute(VerificationRunner runner, UUID deviceId, String actor) {
		RunView finished = runner.run();
		this.metrics.finished(finished);
		log.info("Verification {} of '{}' against {}: {}", finished.id(), finished.deviceName(), finished.serverName(),
				finished.status());
		this.devices.recordVerification(deviceId, actor, finished.status() + " against " + finished.serverName());
		return finished;
	}

	public RunView get(UUID runId) {
		return this.runs.findById(runId)
			.map(VerificationRun::view)
			.orElseThrow(() -> new NotFoundException("No verification run with id '" + runId + "'"));
	}

	public List<RunView> recent(UUID deviceId) {
		return this.runs.findTop20ByDeviceIdOrderByStartedAtDesc(deviceId).stream().map(VerificationRun::view).toList();
	}

	/** The run, if there is one with that id. */
	public Optional<RunView> find(UUID runId) {
		return this.runs.findById(runId).map(VerificationRun::view);
	}

	/**
	 * Streams a run's events to the emitter as the API sends them: a {@code step} event
	 * per step change, then the {@code result}.
	 */
	public void stream(UUID runId, SseEmitter emitter) {
		watch(runId, RunStreams.watcher(emitter, RunStreams::render));
	}

	/** Watches a run: the run as it is, then every change until its verdict. */
	void watch(UUID runId, Watcher<RunEvent> watcher) {
		get(runId);
		this.events.watch(runId, () -> get(runId), watcher);
	}

	/**
	 * Runs whose owner is gone (it stopped or crashed, or they name none) can never
	 * finish: they are closed as interrupted. Runs of instances still alive are left
	 * alone.
	 */
	void closeInterruptedRuns() {
		for (VerificationRun running : this.runs.findByStatus(RunStatus.RUNNING)) {
			if (this.instances.isAlive(running.getOwnerInstanceId())) {
				continue;
			}
			try {
				boolean closed = Boolean.TRUE
					.equals(this.transactions.execute((tx) -> this.runs.findById(running.getId())
						.filter((run) -> !run.view().finished())
						.map((run) -> {
							run.finish(RunStatus.FAILED, Cause.INTERRUPTED, INTERRUPTED, this.clock.instant());
							this.runs.save(run);
							return true;
						})
						.orElse(false)));
				if (closed) {
					log.info("Verification {} closed: its Keysmith instance {} is gone", running.getId(),
							running.getOwnerInstanceId());
				}
			}
			catch (OptimisticLockingFailureException ex) {
				// its owner wrote at the same moment: alive after all, it is left to
				// finish
			}
		}
	}

	/**
	 * A run that has begun: as it began, and its verdict to come.
	 *
	 * @param verdict completes with the finished run
	 */
	public record Launched(RunView run, CompletableFuture<RunView> verdict) {
	}

}
