package dev.keysmith.verify;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;

import dev.keysmith.work.BackgroundWork;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Closes the runs that Keysmith instances now gone left RUNNING: at start-up (on H2,
 * every one found then), and again every
 * {@code keysmith.verify.interrupted-check-interval} for instances that share the
 * database and stop meanwhile.
 */
@Component
class InterruptedRuns implements ApplicationRunner, DisposableBean {

	private final VerificationService verifications;

	private final Duration interval;

	private final BackgroundWork work;

	private volatile ScheduledFuture<?> checks;

	InterruptedRuns(VerificationService verifications, VerifyProperties properties, BackgroundWork work) {
		this.verifications = verifications;
		this.interval = properties.interruptedCheckInterval();
		this.work = work;
	}

	@Override
	public void run(ApplicationArguments args) {
		this.verifications.closeInterruptedRuns();
		this.checks = this.work.every(this.interval, "Closing interrupted verification runs",
				this.verifications::closeInterruptedRuns);
	}

	@Override
	public void destroy() {
		ScheduledFuture<?> scheduled = this.checks;
		if (scheduled != null) {
			scheduled.cancel(false);
		}
	}

}
