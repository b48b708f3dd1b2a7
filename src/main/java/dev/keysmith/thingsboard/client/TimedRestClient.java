package dev.keysmith.thingsboard.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Function;

import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * One RestClient for a ThingsBoard base URL whose requests are each given up after the
 * time the call gives them (what is left of the operation's deadline). The RestClient is
 * built once: building one sets up its message converters, which cost more than a batch
 * item's whole REST call when done per request.
 */
final class TimedRestClient {

	private final RestClient rest;

	private final HttpClient http;

	private final Executor bodyWriter;

	private final Duration fallback;

	/** The timeout of the call the current thread is making. */
	private final ThreadLocal<Duration> timeout = new ThreadLocal<>();

	/**
	 * @param fallback the timeout of a request made outside {@link #call}
	 */
	TimedRestClient(RestClient.Builder builder, HttpClient http, Executor bodyWriter, Duration fallback) {
		this.http = http;
		this.bodyWriter = bodyWriter;
		this.fallback = fallback;
		this.rest = builder.requestFactory(this::createRequest).build();
	}

	/**
	 * Makes the call's requests with the RestClient, each given up after {@code within}.
	 */
	<T> T call(Duration within, Function<RestClient, T> call) {
		Duration outer = this.timeout.get();
		this.timeout.set(within);
		try {
			return call.apply(this.rest);
		}
		finally {
			if (outer == null) {
				this.timeout.remove();
			}
			else {
				this.timeout.set(outer);
			}
		}
	}

	private ClientHttpRequest createRequest(URI uri, HttpMethod method) throws IOException {
		Duration within = this.timeout.get();
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(this.http, this.bodyWriter);
		requests.setReadTimeout((within != null) ? within : this.fallback);
		return requests.createRequest(uri, method);
	}

}
