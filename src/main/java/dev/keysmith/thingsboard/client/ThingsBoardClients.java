package dev.keysmith.thingsboard.client;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * One {@link ThingsBoardClient} per configured server, kept while the server's settings
 * stay the same, so that its access token is reused. Each server has its own bound on
 * concurrent calls and its own circuit breaker, kept while its URL stays the same.
 */
@Component
public class ThingsBoardClients {

	private final RestClient.Builder builder;

	private final JsonMapper json;

	private final ThingsBoardProperties properties;

	private final Clock clock;

	private final Map<UUID, Cached> clients = new ConcurrentHashMap<>();

	ThingsBoardClients(RestClient.Builder builder, JsonMapper json, ThingsBoardProperties properties, Clock clock) {
		this.builder = builder;
		this.json = json;
		this.properties = properties;
		this.clock = clock;
	}

	/** The client of a configured server, made anew only when its settings changed. */
	public ThingsBoardClient forServer(ServerAccess server) {
		Cached cached = this.clients.compute(server.id(), (id, existing) -> {
			if (existing != null && existing.version() == server.version()) {
				return existing;
			}
			Guard guard = (existing != null && existing.guard().isFor(server)) ? existing.guard() : guard(server);
			return new Cached(server.version(), guard,
					client(server.baseUrl(), server.name(), server.credentials().get(), guard));
		});
		return cached.client();
	}

	public void forget(UUID serverId) {
		this.clients.remove(serverId);
	}

	/** A client of its own (not cached, with its own bounds) for a base URL. */
	ThingsBoardClient client(String baseUrl, String serverName, ThingsBoardClient.Credentials credentials) {
		Guard guard = new Guard(baseUrl, serverName, limit(serverName), breaker(serverName));
		return client(baseUrl, serverName, credentials, guard);
	}

	private ThingsBoardClient client(String baseUrl, String serverName, ThingsBoardClient.Credentials credentials,
			Guard guard) {
		Retrying retrying = new Retrying(this.properties, serverName, guard.limit(), guard.breaker(),
				restClients(baseUrl, serverName));
		return new ThingsBoardClient(new ServerCalls(retrying, credentials, this.properties, serverName));
	}

	private Guard guard(ServerAccess server) {
		return new Guard(server.baseUrl(), server.name(), limit(server.name()), breaker(server.name()));
	}

	private ConcurrencyLimit limit(String serverName) {
		return new ConcurrencyLimit(this.properties.maxConcurrentCalls(), this.properties.busyWait(), serverName);
	}

	private CircuitBreaker breaker(String serverName) {
		return new CircuitBreaker(this.properties.circuitOpenAfter(), this.properties.circuitCoolDown(),
				this.properties.operationTimeout(), this.clock, serverName);
	}

	/**
	 * The RestClient of a ThingsBoard base URL with ThingsBoard's error model, each
	 * request given up after the time its call gives it.
	 */
	private TimedRestClient restClients(String baseUrl, String serverName) {
		HttpClient http = HttpClient.newBuilder()
			.connectTimeout(this.properties.connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		ErrorTranslator errors = new ErrorTranslator(this.json, serverName);
		RestClient.Builder base = this.builder.clone()
			.baseUrl(baseUrl)
			.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
				throw errors.translate(response);
			});
		return new TimedRestClient(base, http, new SimpleAsyncTaskExecutor("thingsboard-body-"),
				this.properties.readTimeout());
	}

	/** The bounds of calls to one server, kept while its URL and name stay the same. */
	private record Guard(String baseUrl, String serverName, ConcurrencyLimit limit, CircuitBreaker breaker) {

		boolean isFor(ServerAccess server) {
			return this.baseUrl.equals(server.baseUrl()) && this.serverName.equals(server.name());
		}

	}

	private record Cached(long version, Guard guard, ThingsBoardClient client) {
	}

}
