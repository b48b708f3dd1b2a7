package dev.keysmith.verify;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Closes the runs that Keysmith instances now gone left RUNNING: at start-up (on H2, every
 * one found then), and again every {@code keysmith.verify.interrupted-check-interval} for
 * instances that share the database and stop meanwhile.
 */
@Component
class InterruptedRuns implements ApplicationRunner, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(InterruptedRuns.class);

	private final VerificationService verifications;

	private final Duration interval;

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "verification-interrupted-check");
		thread.setDaemon(true);
		return thread;
	});

	InterruptedRuns(VerificationService verifications, VerifyProperties properties) {
		this.verifications = verifications;
		this.interval = properties.interruptedCheckInterval();
	}

	@Override
	public void run(ApplicationArguments args) {
		this.verifications.closeInterruptedRuns();
		this.scheduler.scheduleWithFixedDelay(this::check, this.interval.toMillis(), this.interval.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	private void check() {
		try {
			this.verifications.closeInterruptedRuns();
		}
		catch (RuntimeException ex) {
			log.warn("Interrupted verification runs could not be closed this time: {}", ex.toString());
		}
	}

	@Override
	public void destroy() {
		this.scheduler.shutdownNow();
	}

}
