package dev.keysmith.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import dev.keysmith.common.ConflictException;
import dev.keysmith.common.InvalidRequestException;
import dev.keysmith.common.NotFoundException;
import dev.keysmith.device.CredentialState;
import dev.keysmith.device.Device;
import dev.keysmith.device.DeviceCredential;
import dev.keysmith.device.DeviceCredentials;
import dev.keysmith.device.DeviceService;
import dev.keysmith.instance.Instances;
import dev.keysmith.progress.Feed;
import dev.keysmith.progress.Watcher;
import dev.keysmith.push.PushService;
import dev.keysmith.thingsboard.ThingsBoardServer;
import dev.keysmith.thingsboard.ThingsBoardServerService;
import dev.keysmith.verify.Depth;
import dev.keysmith.verify.RunStatus;
import dev.keysmith.verify.VerificationService;
import dev.keysmith.work.BackgroundWork;
import dev.keysmith.work.BusyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Starts renewals, activations and revocations as runs off the request thread, and keeps
 * them. A run waits for the verifications that prove it, so it runs on the pool kept for
 * work that waits for jobs (as batch items do), never on the job pool itself.
 */
@Service
public class LifecycleService {

	private static final Logger log = LoggerFactory.getLogger(LifecycleService.class);

	private static final Duration RETRY_AFTER = Duration.ofSeconds(10);

	private final DeviceService devices;

	private final DeviceCredentials credentials;

	private final PushService push;

	private final VerificationService verifications;

	private final ThingsBoardServerService servers;

	private final LifecycleRunRepository runs;

	private final Feed<LifecycleView, LifecycleEvent> events;

	private final BackgroundWork work;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final Instances instances;

	LifecycleService(DeviceService devices, DeviceCredentials credentials, PushService push,
			VerificationService verifications, ThingsBoardServerService servers, LifecycleRunRepository runs,
			Feed<LifecycleView, LifecycleEvent> events, BackgroundWork work,
			PlatformTransactionManager transactionManager, Clock clock, Instances instances) {
		this.devices = devices;
		this.credentials = credentials;
		this.push = push;
		this.verifications = verifications;
		this.servers = servers;
		this.runs = runs;
		this.events = events;
		this.work = work;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
		this.instances = instances;
	}

	/**
	 * Prepares the device's next certificate (PENDING, downloadable at once) and, when
	 * {@code activate}, activates it in the same run.
	 */
	public Started renew(UUID deviceId, boolean activate, boolean keepKey, Integer validityDays, Depth depth,
			String actor) {
		Device device = this.devices.get(deviceId);
		ThingsBoardServer server = activate ? placedServer(device, "renew and activate") : null;
		if (activate) {
			refuseWhenFull();
		}
		DeviceCredential previous = device.activeCredential();
		DeviceCredential next = this.credentials.prepare(deviceId, keepKey, validityDays, actor);
		LifecycleRecorder recorder = open(LifecycleKind.RENEWAL, device, server, next.getId(), previous.getId(),
				RenewalRunner.STEPS, actor);
		recorder.pass(RenewalRunner.PREPARE,
				"Certificate " + next.getSerialNumber() + " (" + next.getKeyType().label() + ", "
						+ (keepKey ? "the same key" : "a new key") + ", valid until " + next.getNotAfter()
						+ ") is PENDING: its bundle can be downloaded now",
				null);
		UUID runId = recorder.runId();
		if (!activate) {
			recorder
				.skipPending("Not activated: put the new key on the device (download its bundle), then activate it.");
			recorder.finish(RunStatus.PASSED, null,
					"Certificate " + next.getSerialNumber() + " of '" + device.getName()
							+ "' is ready (PENDING). Download its bundle, put it on the device, then activate it.",
					null);
			return new Started(runId, next.getId());
		}
		launch(recorder, runId, (view) -> renewalRunner(view, recorder, depth).activate());
		return new Started(runId, next.getId());
	}

	/** Activates a certificate prepared before (PENDING, or FAILED to try again). */
	public Started activate(UUID deviceId, UUID credentialId, Depth depth, String actor) {
		Device device = this.devices.get(deviceId);
		DeviceCredential next = this.devices.credential(device, credentialId);
		if (next.getState() != CredentialState.PENDING && next.getState() != CredentialState.FAILED) {
			throw new ConflictException("Certificate " + next.getSerialNumber() + " of '" + device.getName() + "' is "
					+ next.getState() + ": only a PENDING (or FAILED) certificate can be activated");
		}
		if (device.isRevoked()) {
			throw new ConflictException(
					"The certificate of '" + device.getName() + "' is revoked: create a new device");
		}
		ThingsBoardServer server = placedServer(device, "activate a certificate");
		refuseWhenFull();
		LifecycleRecorder recorder = open(LifecycleKind.ACTIVATION, device, server, next.getId(),
				device.activeCredential().getId(), RenewalRunner.STEPS, actor);
		recorder.pass(RenewalRunner.PREPARE, "Certificate " + next.getSerialNumber() + " was prepared at "
				+ next.getCreatedAt() + " (" + next.getState() + ")", null);
		UUID runId = recorder.runId();
		launch(recorder, runId, (view) -> renewalRunner(view, recorder, depth).activate());
		return new Started(runId, next.getId());
	}

	/**
	 * Revokes the device's certificate in ThingsBoard and proves it.
	 * @param destroyKeyConfirmation the device's name typed to confirm destroying the
	 * key, or {@code null} to keep the key
	 */
	public Started revoke(UUID deviceId, RevocationMode mode, String destroyKeyConfirmation, String actor) {
		if (mode == null) {
			throw new InvalidRequestException("mode", "Choose how to revoke: ACCESS_TOKEN or DELETE_DEVICE");
		}
		Device device = this.devices.get(deviceId);
		if (device.isRevoked()) {
			throw new ConflictException("The certificate of '" + device.getName() + "' is revoked already");
		}
		if (destroyKeyConfirmation != null && !device.getName().equals(destroyKeyConfirmation)) {
			throw new InvalidRequestException("confirm",
					"Destroying the private key cannot be undone: confirm it with the device's name, '"
							+ device.getName() + "'");
		}
		ThingsBoardServer server = placedServer(device, "revoke its certificate");
		String thingsBoardDeviceId = device.placement().orElseThrow().deviceId();
		refuseWhenFull();
		DeviceCredential revoked = device.activeCredential();
		LifecycleRecorder recorder = open(LifecycleKind.REVOCATION, device, server, revoked.getId(), null,
				RevocationRunner.steps(mode), actor);
		UUID runId = recorder.runId();
		launch(recorder, runId,
				(view) -> new RevocationRunner(view, recorder, this.credentials,
						new Proofs(this.verifications, Depth.LIGHT), this.servers.client(server).operation(),
						thingsBoardDeviceId, destroyKeyConfirmation)
					.revoke(mode));
		return new Started(runId, revoked.getId());
	}

	public Optional<LifecycleView> find(UUID runId) {
		return this.runs.findById(runId).map(LifecycleRun::view);
	}

	public LifecycleView get(UUID runId) {
		return find(runId).orElseThrow(() -> new NotFoundException("No run with id '" + runId + "'"));
	}

	/** The device's latest lifecycle runs, newest first. */
	public List<LifecycleView> recent(UUID deviceId) {
		return this.runs.findTop20ByDeviceIdOrderByStartedAtDesc(deviceId).stream().map(LifecycleRun::view).toList();
	}

	/**
	 * Streams a run's events: a {@code step} event per step change, then the
	 * {@code result}.
	 */
	public void stream(UUID runId, SseEmitter emitter) {
		watch(runId, LifecycleStreams.watcher(emitter, LifecycleStreams::json));
	}

	/** Watches a run: the run as it is, then every change until its verdict. */
	void watch(UUID runId, Watcher<LifecycleEvent> watcher) {
		get(runId);
		this.events.watch(runId, () -> get(runId), watcher);
	}

	private RenewalRunner renewalRunner(LifecycleView view, LifecycleRecorder recorder, Depth depth) {
		return new RenewalRunner(view, recorder, this.credentials, this.push,
				new Proofs(this.verifications, (depth != null) ? depth : Depth.LIGHT),
				new TbCredentialsReader(this.servers, this.devices));
	}

	private ThingsBoardServer placedServer(Device device, String what) {
		Device.Placement placement = device.placement()
			.orElseThrow(() -> new ConflictException(
					"'" + device.getName() + "' was never pushed to ThingsBoard: push it first, then " + what));
		return this.servers.get(placement.serverId());
	}

	private void refuseWhenFull() {
		if (this.work.batchRoom() == 0) {
			throw new BusyException("Keysmith is running as many jobs as it takes at once: try again shortly.",
					RETRY_AFTER);
		}
	}

	private LifecycleRecorder open(LifecycleKind kind, Device device, ThingsBoardServer server, UUID credentialId,
			UUID previousId, List<String> steps, String actor) {
		LifecycleRun.Target target = new LifecycleRun.Target(device.getId(), device.getName(),
				(server != null) ? server.getId() : null, (server != null) ? server.getName() : null, credentialId,
				previousId);
		LifecycleView view = this.runs
			.save(new LifecycleRun(kind, target, steps, actor, this.clock.instant(),
					this.instances.currentInstanceId()))
			.view();
		this.events.open(view.id(), view);
		return new LifecycleRecorder(view, this.runs, this.transactions, this.events, this.credentials, this.clock);
	}

	private void launch(LifecycleRecorder recorder, UUID runId, Function<LifecycleView, LifecycleView> runner) {
		LifecycleView view = get(runId);
		boolean started = this.work.tryBatchItem(() -> execute(recorder, view, runner));
		if (!started) {
			recorder.skipPending("Not run: Keysmith had no room for it.");
			recorder.finish(RunStatus.FAILED, LifecycleCause.BUSY,
					"Keysmith was running as many jobs as it takes: nothing was changed. Try again shortly.", null);
		}
		log.info("{} {} of '{}' started by {}", view.kind(), runId, view.deviceName(), view.startedBy());
	}

	private void execute(LifecycleRecorder recorder, LifecycleView view,
			Function<LifecycleView, LifecycleView> runner) {
		try {
			LifecycleView finished = runner.apply(view);
			log.info("{} {} of '{}': {}", finished.kind(), finished.id(), finished.deviceName(), finished.status());
		}
		catch (RuntimeException ex) {
			log.warn("{} {} of '{}' failed unexpectedly", view.kind(), view.id(), view.deviceName(), ex);
			recorder.failRunning("Keysmith failed unexpectedly: " + ex.getMessage(), ex.toString());
			recorder.skipPending("Not run: an earlier step failed.");
			recorder.finish(RunStatus.FAILED, LifecycleCause.KEYSMITH_ERROR,
					"Keysmith failed unexpectedly: " + ex.getMessage() + ". Look at the device's certificates and at "
							+ "its credentials in ThingsBoard before trying again.",
					null);
		}
	}

	/**
	 * A run that has begun.
	 *
	 * @param certificateId the certificate it activates or revokes
	 */
	public record Started(UUID runId, UUID certificateId) {
	}

}
