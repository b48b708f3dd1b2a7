package dev.keysmith.web;

import dev.keysmith.account.AccountSliceBeans;
import dev.keysmith.account.UserAccountRepository;
import dev.keysmith.storage.StorageFailures;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * What an API controller slice ({@code @WebMvcTest} of one controller, its service
 * mocked) needs around it: the real security rules and error advice, with the accounts,
 * the login throttle and the storage failure reader mocked, the key export policy real.
 * Requests sign in with {@code user(...)}, not a password.
 */
@Import(SecurityConfiguration.class)
public abstract class ApiSliceTestSupport extends AccountSliceBeans {

	@MockitoBean
	UserAccountRepository accounts;

	@MockitoBean
	LoginThrottle throttle;

	@MockitoBean
	StorageFailures storage;

}
