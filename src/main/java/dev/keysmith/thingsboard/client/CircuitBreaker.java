package dev.keysmith.thingsboard.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import dev.keysmith.common.Dates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops calling a ThingsBoard server that does not answer. After so many calls in a row
 * that got no answer at all (a timeout, a refused connection), calls fail at once for a
 * cool-down; then one trial call goes through, and its outcome closes the circuit or
 * opens it again. An answer of any kind, an error status included, counts as an answer.
 * Its methods only update state: no lock is held while a call runs.
 */
final class CircuitBreaker {

	private static final Logger log = LoggerFactory.getLogger(CircuitBreaker.class);

	private final int threshold;

	private final Duration coolDown;

	private final Duration trialBound;

	private final Clock clock;

	private final String serverName;

	private int unansweredInARow;

	/** While set, the circuit is open until then (or half-open after it). */
	private Instant openUntil;

	/** When a trial call is out: until when it may take. */
	private Instant trialUntil;

	/**
	 * @param trialBound how long a trial call may take, at most: no other call goes
	 * through meanwhile
	 */
	CircuitBreaker(int threshold, Duration coolDown, Duration trialBound, Clock clock, String serverName) {
		this.threshold = threshold;
		this.coolDown = coolDown;
		this.trialBound = trialBound;
		this.clock = clock;
		this.serverName = serverName;
	}

	/**
	 * Lets a call go to the server, or refuses it while the circuit is open. After the
	 * cool-down, the first caller is the trial; the call must be followed by
	 * {@link #answered()} or {@link #unanswered()}.
	 */
	synchronized void admit() {
		if (this.openUntil == null) {
			return;
		}
		Instant now = this.clock.instant();
		if (now.isBefore(this.openUntil)) {
			throw new ThingsBoardUnavailableException(
					"ThingsBoard (" + this.serverName + ") did not answer " + this.unansweredInARow
							+ " calls in a row: Keysmith does not call it for " + Deadline.describe(this.coolDown)
							+ " and tries again at " + Dates.time(this.openUntil) + " (in "
							+ Deadline.describe(roundedUp(Duration.between(now, this.openUntil))) + ").",
					roundedUp(Duration.between(now, this.openUntil)));
		}
		if (this.trialUntil != null && now.isBefore(this.trialUntil)) {
			throw new ThingsBoardUnavailableException(
					"ThingsBoard (" + this.serverName + ") did not answer recently; "
							+ "Keysmith is trying it again with one call now. Try again in a moment.",
					roundedUp(Duration.between(now, this.trialUntil)));
		}
		this.trialUntil = now.plus(this.trialBound);
	}

	/** The server answered (whatever it said): the circuit closes. */
	synchronized void answered() {
		if (this.openUntil != null) {
			log.info("ThingsBoard ({}) answers again: calls to it go through", this.serverName);
		}
		this.unansweredInARow = 0;
		this.openUntil = null;
		this.trialUntil = null;
	}

	/**
	 * The call got no answer: the circuit opens at the threshold, or again after a failed
	 * trial.
	 */
	synchronized void unanswered() {
		this.unansweredInARow++;
		this.trialUntil = null;
		if (this.openUntil != null || this.unansweredInARow >= this.threshold) {
			this.openUntil = this.clock.instant().plus(this.coolDown);
			log.warn("ThingsBoard ({}) did not answer {} calls in a row: calls to it fail at once until {}",
					this.serverName, this.unansweredInARow, Dates.time(this.openUntil));
		}
	}

	private static Duration roundedUp(Duration duration) {
		Duration seconds = duration.truncatedTo(ChronoUnit.SECONDS);
		return seconds.equals(duration) ? seconds : seconds.plusSeconds(1);
	}

}
