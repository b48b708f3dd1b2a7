package dev.keysmith.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import dev.keysmith.account.AccountProperties.KeyExportSettings;
import dev.keysmith.account.KeyExportPolicy.Refusal;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/** The key export policy on real requests and a clock the test moves. */
class KeyExportPolicyTests {

	private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-29T08:00:00Z"));

	private final Clock clock = new Clock() {

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return KeyExportPolicyTests.this.now.get();
		}

	};

	private final AccountProperties properties = new AccountProperties(null, true,
			new KeyExportSettings(Duration.ofMinutes(5), 2));

	private final SecondFactors secondFactors = mock(SecondFactors.class);

	private final KeyExportPolicy policy = new KeyExportPolicy(new KeyExportLimiter(this.properties, this.clock),
			this.properties, this.secondFactors, mock(UserAccountRepository.class), this.clock);

	@Test
	void exportWhenCustodiansMustHaveASecondFactorAndThisOneHasNoneThenRefusedByTheApiToo() {
		given(this.secondFactors.requiredOf("frank")).willReturn(true);

		assertThat(this.policy.check(api("by script"), "frank", false)).map(Refusal::kind)
			.contains(Refusal.Kind.NO_SECOND_FACTOR);
		assertThat(this.policy.check(api("by script"), "grace", false)).isEmpty();
	}

	@Test
	void apiExportWhenNoReasonHeaderThenRefusedNamingTheHeader() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/devices/x/key.pem");
		request.addHeader("X-Keysmith-Reason", "   ");

		assertThat(this.policy.check(request, "carol", false)).hasValueSatisfying((refusal) -> {
			assertThat(refusal.kind()).isEqualTo(Refusal.Kind.NO_REASON);
			assertThat(refusal.message()).contains("X-Keysmith-Reason");
		});
	}

	@Test
	void apiExportWhenReasonGivenThenAllowedWithoutASessionsConfirmation() {
		assertThat(this.policy.check(api("flash device 7 again"), "carol", false)).isEmpty();
	}

	@Test
	void pageExportWhenSignedInLongerAgoThanTheWindowThenAskedToConfirmAndAllowedOnceConfirmed() {
		MockHttpServletRequest request = page("replace the field unit");
		StepUp.proven(request, this.now.get());
		this.now.set(this.now.get().plus(Duration.ofMinutes(5)));
		assertThat(this.policy.check(request, "carol", true)).isEmpty();

		this.now.set(this.now.get().plusSeconds(1));
		assertThat(this.policy.check(request, "carol", true)).map(Refusal::kind).contains(Refusal.Kind.NOT_RECENT);

		StepUp.proven(request, this.now.get());
		assertThat(this.policy.check(request, "carol", true)).isEmpty();
	}

	@Test
	void pageExportWhenTheSessionNeverProvedItsOwnerThenAskedToConfirm() {
		assertThat(this.policy.check(page("because"), "carol", true)).map(Refusal::kind)
			.contains(Refusal.Kind.NOT_RECENT);
	}

	@Test
	void exportsWhenPastTheHourlyAllowanceThenRefusedUntilTheOldestIsAnHourOldAndOthersUnaffected() {
		assertThat(this.policy.check(api("one"), "carol", false)).isEmpty();
		this.now.set(this.now.get().plus(Duration.ofMinutes(10)));
		assertThat(this.policy.check(api("two"), "carol", false)).isEmpty();

		assertThat(this.policy.check(api("three"), "carol", false)).hasValueSatisfying((refusal) -> {
			assertThat(refusal.kind()).isEqualTo(Refusal.Kind.TOO_MANY);
			assertThat(refusal.message()).contains("2 private keys in the last hour").contains("50 minutes");
			assertThat(refusal.retryAfter()).isBetween(Duration.ofMinutes(50), Duration.ofMinutes(51));
		});
		assertThat(this.policy.check(api("someone else"), "dave", false)).isEmpty();

		this.now.set(this.now.get().plus(Duration.ofMinutes(50)));
		assertThat(this.policy.check(api("three, later"), "carol", false)).isEmpty();
	}

	@Test
	void exportWhenRefusedForItsReasonThenNotCountedAgainstTheAllowance() {
		for (int i = 0; i < 5; i++) {
			assertThat(this.policy.check(api(""), "erin", false)).isPresent();
		}
		assertThat(this.policy.check(api("now with a reason"), "erin", false)).isEmpty();
	}

	private static MockHttpServletRequest api(String reason) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/devices/x/key.pem");
		request.addHeader("X-Keysmith-Reason", reason);
		return request;
	}

	private static MockHttpServletRequest page(String reason) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/devices/x/key.pem");
		request.setParameter("reason", reason);
		return request;
	}

}
