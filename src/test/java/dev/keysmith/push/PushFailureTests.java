package dev.keysmith.push;

import dev.keysmith.thingsboard.client.ThingsBoardException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PushFailureTests {

	@Test
	void ofWhenCreateFindsTheNameTakenThenAConcurrentChangeWorthRetrying() {
		// as ThingsBoard answers a create whose name a request a moment before took
		// (perhaps our own, its answer lost)
		PushFailure failure = PushFailure.of(new ThingsBoardException(400, 31, "Device with such name already exists!",
				"ThingsBoard (tb) refused the request: Device with such name already exists!"));
		assertThat(failure).isEqualTo(PushFailure.CONCURRENT_CHANGE);
		assertThat(failure.isRetryable()).isTrue();
	}

	@Test
	void ofWhenOtherRefusalsThenTheirOwnReasons() {
		assertThat(PushFailure
			.of(new ThingsBoardException(400, 31, "Specified credentials are already registered!", "refused")))
			.isEqualTo(PushFailure.CREDENTIALS_TAKEN);
		assertThat(PushFailure.of(new ThingsBoardException(400, 31, "Invalid request body", "refused")))
			.isEqualTo(PushFailure.THINGSBOARD_REFUSED);
		assertThat(PushFailure.of(new ThingsBoardException(429, 33, "Too many requests", "limited")))
			.isEqualTo(PushFailure.RATE_LIMITED);
	}

}
