package dev.keysmith.account;

import dev.keysmith.audit.AuditLog;
import dev.keysmith.vault.KeyVault;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * What the security configuration needs of the account package in a controller slice: the
 * real key export policy, single sign-on (off), second factors and token sign-in, with
 * what lies behind them (stores, vault, audit log) mocked.
 */
@Import({ KeyExportPolicy.class, KeyExportLimiter.class, SingleSignOn.class, SsoLoginAdvice.class, SecondFactors.class,
		BearerAuthentication.class })
@EnableConfigurationProperties({ AccountProperties.class, SsoProperties.class, TotpProperties.class })
public abstract class AccountSliceBeans {

	@MockitoBean
	AccountService accountService;

	@MockitoBean
	SsoAccounts ssoAccounts;

	@MockitoBean
	TotpStore totpStore;

	@MockitoBean
	ApiTokenRepository apiTokens;

	@MockitoBean
	KeyVault vault;

	@MockitoBean
	AuditLog audit;

	@MockitoBean
	PlatformTransactionManager transactions;

}
