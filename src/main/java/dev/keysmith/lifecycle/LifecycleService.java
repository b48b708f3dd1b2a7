package dev.keysmith.lifecycle;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.keysmith.common.ConflictException;
import dev.keysmith.common.InvalidRequestException;
import dev.keysmith.common.NotFoundException;
import dev.keysmith.device.CredentialState;
import dev.keysmith.device.Device;
import dev.keysmith.device.DeviceCredential;
import dev.keysmith.device.DeviceCredentials;
import dev.keysmith.device.DeviceService;
import dev.keysmith.progress.Feed;
import dev.keysmith.progress.Watcher;
import dev.keysmith.push.PushService;
import dev.keysmith.thingsboard.ThingsBoardServer;
import dev.keysmith.thingsboard.ThingsBoardServerService;
import dev.keysmith.verify.Depth;
import dev.keysmith.verify.RunStatus;
import dev.keysmith.verify.VerificationService;

import org.springframework.stereotype.Service;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Starts renewals, activations and revocations as runs off the request thread, and keeps
 * them ({@link LifecycleRuns}). A run waits for the verifications that prove it, so it
 * runs on the pool kept for work that waits for jobs (as batch items do), never on the
 * job pool itself.
 */
@Service
public class LifecycleService {

	private final DeviceService devices;

	private final DeviceCredentials credentials;

	private final PushService push;

	private final VerificationService verifications;

	private final ThingsBoardServerService servers;

	private final LifecycleRunRepository runs;

	private final Feed<LifecycleView, LifecycleEvent> events;

	private final LifecycleRuns lifecycleRuns;

	LifecycleService(DeviceService devices, DeviceCredentials credentials, PushService push,
			VerificationService verifications, ThingsBoardServerService servers, LifecycleRunRepository runs,
			Feed<LifecycleView, LifecycleEvent> events, LifecycleRuns lifecycleRuns) {
		this.devices = devices;
		this.credentials = credentials;
		this.push = push;
		this.verifications = verifications;
		this.servers = servers;
		this.runs = runs;
		this.events = events;
		this.lifecycleRuns = lifecycleRuns;
	}

	/**
	 * Prepares the device's next certificate (PENDING, downloadable at once) and, when
	 * {@code activate}, activates it in the same run.
	 */
	public Started renew(UUID deviceId, boolean activate, boolean keepKey, Integer validityDays, Depth depth,
			String actor) {
		return launch(openRenewal(deviceId, activate, keepKey, validityDays, depth, actor, true));
	}

	/**
	 * A renewal as {@link #renew} makes it, run to its end on the calling thread: how a
	 * batch worker renews one device of its batch.
	 * @param opened told of the run once it is stored, before it changes anything
	 * @return the run, finished
	 */
	public LifecycleView renewHere(UUID deviceId, boolean activate, boolean keepKey, Integer validityDays, Depth depth,
			String actor, Consumer<LifecycleView> opened) {
		return runHere(openRenewal(deviceId, activate, keepKey, validityDays, depth, actor, false), opened);
	}

	/** Activates a certificate prepared before (PENDING, or FAILED to try again). */
	public Started activate(UUID deviceId, UUID credentialId, Depth depth, String actor) {
		return launch(openActivation(deviceId, credentialId, depth, actor, true));
	}

	/**
	 * An activation as {@link #activate} makes it, run to its end on the calling thread.
	 * @return the run, finished
	 */
	public LifecycleView activateHere(UUID deviceId, UUID credentialId, Depth depth, String actor,
			Consumer<LifecycleView> opened) {
		return runHere(openActivation(deviceId, credentialId, depth, actor, false), opened);
	}

	/**
	 * @param ownThread whether the run needs a place of its own in the pool (it does not
	 * when a batch worker runs it)
	 */
	private Opened openRenewal(UUID deviceId, boolean activate, boolean keepKey, Integer validityDays, Depth depth,
			String actor, boolean ownThread) {
		Device device = this.devices.get(deviceId);
		ThingsBoardServer server = activate ? placedServer(device, "renew and activate") : null;
		refuseToStart(device, activate && ownThread);
		DeviceCredential previous = device.activeCredential();
		DeviceCredential next = this.credentials.prepare(deviceId, keepKey, validityDays, actor);
		LifecycleRecorder recorder = this.lifecycleRuns.open(LifecycleKind.RENEWAL, device, server, next.getId(),
				previous.getId(), RenewalRunner.STEPS, actor);
		recorder.pass(RenewalRunner.PREPARE,
				"Certificate " + next.getSerialNumber() + " (" + next.getKeyType().label() + ", "
						+ (keepKey ? "the same key" : "a new key") + ", valid until " + next.getNotAfter()
						+ ") is PENDING: its bundle can be downloaded now",
				null);
		if (!activate) {
			recorder
				.skipPending("Not activated: put the new key on the device (download its bundle), then activate it.");
			recorder.finish(RunStatus.PASSED, null,
					"Certificate " + next.getSerialNumber() + " of '" + device.getName()
							+ "' is ready (PENDING). Download its bundle, put it on the device, then activate it.",
					null);
			return new Opened(recorder, next.getId(), null);
		}
		return new Opened(recorder, next.getId(), (view) -> renewalRunner(view, recorder, depth).activate());
	}

	private Opened openActivation(UUID deviceId, UUID credentialId, Depth depth, String actor, boolean ownThread) {
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
		refuseToStart(device, ownThread);
		LifecycleRecorder recorder = this.lifecycleRuns.open(LifecycleKind.ACTIVATION, device, server, next.getId(),
				device.activeCredential().getId(), RenewalRunner.STEPS, actor);
		recorder.pass(RenewalRunner.PREPARE, "Certificate " + next.getSerialNumber() + " was prepared at "
				+ next.getCreatedAt() + " (" + next.getState() + ")", null);
		return new Opened(recorder, next.getId(), (view) -> renewalRunner(view, recorder, depth).activate());
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
		this.lifecycleRuns.refuseToStart(device);
		DeviceCredential revoked = device.activeCredential();
		LifecycleRecorder recorder = this.lifecycleRuns.open(LifecycleKind.REVOCATION, device, server, revoked.getId(),
				null, RevocationRunner.steps(mode), actor);
		UUID runId = recorder.runId();
		this.lifecycleRuns.launch(recorder,
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

	/**
	 * A run stored and open to watchers, with what is left to run of it.
	 *
	 * @param runner the rest of the run, or {@code null} when it is finished already
	 */
	private record Opened(LifecycleRecorder recorder, UUID certificateId,
			Function<LifecycleView, LifecycleView> runner) {
	}

	/**
	 * @param needsRoom whether the run takes a place of its own in the pool
	 */
	private void refuseToStart(Device device, boolean needsRoom) {
		if (needsRoom) {
			this.lifecycleRuns.refuseToStart(device);
		}
		else {
			this.lifecycleRuns.refuseWhileAnotherRuns(device);
		}
	}

	private Started launch(Opened opened) {
		if (opened.runner() != null) {
			this.lifecycleRuns.launch(opened.recorder(), opened.runner());
		}
		return new Started(opened.recorder().runId(), opened.certificateId());
	}

	/**
	 * @param onOpen told of the run once it is stored, before it changes anything in
	 * ThingsBoard (so that a batch item can record it first)
	 */
	private LifecycleView runHere(Opened opened, Consumer<LifecycleView> onOpen) {
		LifecycleView view = get(opened.recorder().runId());
		onOpen.accept(view);
		if (opened.runner() == null) {
			return view;
		}
		return this.lifecycleRuns.runHere(opened.recorder(), opened.runner());
	}

	/**
	 * A run that has begun.
	 *
	 * @param certificateId the certificate it activates or revokes
	 */
	public record Started(UUID runId, UUID certificateId) {
	}

}
