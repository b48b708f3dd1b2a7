package dev.keysmith.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Function;

import dev.keysmith.common.ConflictException;
import dev.keysmith.device.Device;
import dev.keysmith.device.DeviceCredentials;
import dev.keysmith.instance.Instances;
import dev.keysmith.progress.Feed;
import dev.keysmith.thingsboard.ThingsBoardServer;
import dev.keysmith.verify.RunStatus;
import dev.keysmith.verify.VerifyProperties;
import dev.keysmith.work.BackgroundWork;
import dev.keysmith.work.BusyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Lifecycle runs as stored work: opening one (stored, live for its watchers), running it
 * on the pool kept for work that waits for jobs, and closing the runs whose Keysmith
 * instance is gone (at start-up, then every
 * {@code keysmith.verify.interrupted-check-interval}), as verification runs are.
 */
@Component
class LifecycleRuns implements ApplicationRunner, DisposableBean {

	static final String INTERRUPTED = "Interrupted: Keysmith stopped while this run was going on. Look at the "
			+ "device's certificates and at its credentials in ThingsBoard, then try again.";

	private static final Logger log = LoggerFactory.getLogger(LifecycleRuns.class);

	private static final Duration RETRY_AFTER = Duration.ofSeconds(10);

	private final LifecycleRunRepository runs;

	private final Feed<LifecycleView, LifecycleEvent> events;

	private final DeviceCredentials credentials;

	private final BackgroundWork work;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final Instances instances;

	private final Duration checkInterval;

	private volatile ScheduledFuture<?> checks;

	LifecycleRuns(LifecycleRunRepository runs, Feed<LifecycleView, LifecycleEvent> events,
			DeviceCredentials credentials, BackgroundWork work, PlatformTransactionManager transactionManager,
			Clock clock, Instances instances, VerifyProperties properties) {
		this.runs = runs;
		this.events = events;
		this.credentials = credentials;
		this.work = work;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
		this.instances = instances;
		this.checkInterval = properties.interruptedCheckInterval();
	}

	/**
	 * Refuses a new run while Keysmith has no room for it, or while another one works on
	 * the same device.
	 */
	void refuseToStart(Device device) {
		if (this.work.batchRoom() == 0) {
			throw new BusyException("Keysmith is running as many jobs as it takes at once: try again shortly.",
					RETRY_AFTER);
		}
		refuseWhileAnotherRuns(device);
	}

	/**
	 * Refuses while another run works on the device (checked here so that nothing is
	 * prepared for nothing; held by the store when two requests come at once).
	 */
	void refuseWhileAnotherRuns(Device device) {
		this.runs.findTop20ByDeviceIdOrderByStartedAtDesc(device.getId())
			.stream()
			.filter((run) -> run.view().status() == RunStatus.RUNNING)
			.findFirst()
			.ifPresent((run) -> {
				throw new ConflictException("A " + run.view().kind().name().toLowerCase() + " of '" + device.getName()
						+ "' is going on (run " + run.getId() + "): wait for it to end");
			});
	}

	/** Stores a new run and opens it to watchers. */
	LifecycleRecorder open(LifecycleKind kind, Device device, ThingsBoardServer server, UUID credentialId,
			UUID previousId, List<String> steps, String actor) {
		LifecycleRun.Target target = new LifecycleRun.Target(device.getId(), device.getName(),
				(server != null) ? server.getId() : null, (server != null) ? server.getName() : null, credentialId,
				previousId);
		LifecycleView view;
		try {
			view = this.runs
				.saveAndFlush(new LifecycleRun(kind, target, steps, actor, this.clock.instant(),
						this.instances.currentInstanceId()))
				.view();
		}
		catch (DataIntegrityViolationException ex) {
			// another request for the device stored its run since the check
			throw new ConflictException(
					"Another lifecycle run of '" + device.getName() + "' is going on: wait for it to end");
		}
		this.events.open(view.id(), view);
		return new LifecycleRecorder(view, this.runs, this.transactions, this.events, this.credentials, this.clock);
	}

	/** Runs it in the background; a run that fails unexpectedly is closed as such. */
	void launch(LifecycleRecorder recorder, Function<LifecycleView, LifecycleView> runner) {
		LifecycleView view = this.runs.findById(recorder.runId()).orElseThrow().view();
		boolean started = this.work.tryBatchItem(() -> execute(recorder, view, runner));
		if (!started) {
			recorder.skipPending("Not run: Keysmith had no room for it.");
			recorder.finish(RunStatus.FAILED, LifecycleCause.BUSY,
					"Keysmith was running as many jobs as it takes: nothing was changed. Try again shortly.", null);
			return;
		}
		log.info("{} {} of '{}' started by {}", view.kind(), view.id(), view.deviceName(), view.startedBy());
	}

	/**
	 * Runs it on the calling thread (a batch worker's, which has its place in the pool
	 * already) and answers its verdict.
	 */
	LifecycleView runHere(LifecycleRecorder recorder, Function<LifecycleView, LifecycleView> runner) {
		LifecycleView view = this.runs.findById(recorder.runId()).orElseThrow().view();
		log.info("{} {} of '{}' started by {}", view.kind(), view.id(), view.deviceName(), view.startedBy());
		execute(recorder, view, runner);
		return this.runs.findById(recorder.runId()).orElseThrow().view();
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

	@Override
	public void run(ApplicationArguments args) {
		closeInterruptedRuns();
		this.checks = this.work.every(this.checkInterval, "Closing interrupted lifecycle runs",
				this::closeInterruptedRuns);
	}

	@Override
	public void destroy() {
		ScheduledFuture<?> scheduled = this.checks;
		if (scheduled != null) {
			scheduled.cancel(false);
		}
	}

	/**
	 * Runs whose owner is gone can never finish: they are closed as interrupted. Runs of
	 * instances still alive are left alone.
	 */
	void closeInterruptedRuns() {
		for (LifecycleRun running : this.runs.findByStatus(RunStatus.RUNNING)) {
			if (this.instances.isAlive(running.getOwnerInstanceId())) {
				continue;
			}
			try {
				this.transactions.executeWithoutResult((tx) -> this.runs.findById(running.getId())
					.filter((run) -> !run.view().finished())
					.ifPresent((run) -> {
						run.finish(RunStatus.FAILED, LifecycleCause.INTERRUPTED, INTERRUPTED, null,
								this.clock.instant());
						this.runs.save(run);
						log.info("Lifecycle run {} closed: its Keysmith instance {} is gone", run.getId(),
								run.getOwnerInstanceId());
					}));
			}
			catch (OptimisticLockingFailureException ex) {
				// its owner wrote at the same moment: alive after all
			}
		}
	}

}
