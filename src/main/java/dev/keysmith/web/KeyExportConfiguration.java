package dev.keysmith.web;

import dev.keysmith.account.KeyExportPolicy;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts the key export policy in front of every route that hands out a private key. */
@Configuration(proxyBeanMethods = false)
class KeyExportConfiguration implements WebMvcConfigurer {

	private final KeyExportPolicy policy;

	KeyExportConfiguration(KeyExportPolicy policy) {
		this.policy = policy;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new KeyExportInterceptor(this.policy))
			.addPathPatterns(RouteAccess.KEY_EXPORTS.stream().map(RouteAccess.Route::pattern).toList());
	}

}
