package dev.keysmith.account;

import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * After the password: the second factor asked for, or, when the database stops answering
 * between the password and that question, the failure every sign-in page explains
 * ("cannot check passwords") rather than an error page.
 */
class SecondFactorProviderTests {

	private final SecondFactors secondFactors = mock(SecondFactors.class);

	private final Authentication signedIn = UsernamePasswordAuthenticationToken
		.authenticated(TestAccounts.principal("ada", false, Role.OPERATOR), null, java.util.List.of());

	private final AuthenticationProvider passwords = new AuthenticationProvider() {

		@Override
		public Authentication authenticate(Authentication authentication) {
			return SecondFactorProviderTests.this.signedIn;
		}

		@Override
		public boolean supports(Class<?> authentication) {
			return true;
		}

	};

	private final SecondFactorProvider provider = new SecondFactorProvider(this.passwords, this.secondFactors);

	@Test
	void withoutTheSecondFactorSignedIn() {
		given(this.secondFactors.isEnabled("ada")).willReturn(false);
		assertThat(this.provider.authenticate(login())).isSameAs(this.signedIn);
	}

	@Test
	void withTheSecondFactorTheCodeIsAskedFor() {
		given(this.secondFactors.isEnabled("ada")).willReturn(true);
		assertThatExceptionOfType(SecondFactorRequiredException.class)
			.isThrownBy(() -> this.provider.authenticate(login()));
	}

	@Test
	void whenTheDatabaseStopsAnsweringAfterThePasswordThenAnInternalFailure() {
		given(this.secondFactors.isEnabled("ada")).willThrow(new DataAccessResourceFailureException("disk full"));
		assertThatExceptionOfType(InternalAuthenticationServiceException.class)
			.isThrownBy(() -> this.provider.authenticate(login()))
			.withCauseInstanceOf(DataAccessResourceFailureException.class);
	}

	private static Authentication login() {
		return UsernamePasswordAuthenticationToken.unauthenticated("ada", "secret");
	}

}
