package dev.keysmith.thingsboard;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.keysmith.vault.KeyVault;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * One {@link ThingsBoardClient} per configured server, kept while the server's settings stay
 * the same, so that its access token is reused.
 */
@Component
public class ThingsBoardClients {

	private final RestClient.Builder builder;

	private final JsonMapper json;

	private final KeyVault vault;

	private final ThingsBoardProperties properties;

	private final Map<UUID, Cached> clients = new ConcurrentHashMap<>();

	ThingsBoardClients(RestClient.Builder builder, JsonMapper json, KeyVault vault, ThingsBoardProperties properties) {
		this.builder = builder;
		this.json = json;
		this.vault = vault;
		this.properties = properties;
	}

	public ThingsBoardClient forServer(ThingsBoardServer server) {
		Cached cached = this.clients.compute(server.getId(),
				(id, existing) -> (existing != null && existing.version() == server.getVersion()) ? existing
						: new Cached(server.getVersion(), create(server)));
		return cached.client();
	}

	void forget(UUID serverId) {
		this.clients.remove(serverId);
	}

	private ThingsBoardClient create(ThingsBoardServer server) {
		String secret = new String(this.vault.open(server.sealedSecret(), server.secretContext()), StandardCharsets.UTF_8);
		ThingsBoardClient.Credentials credentials = (server.getAuthType() == ThingsBoardServer.AuthType.API_KEY)
				? new ThingsBoardClient.Credentials(null, null, secret)
				: new ThingsBoardClient.Credentials(server.getUsername(), secret, null);
		return new ThingsBoardClient(restClient(server.getBaseUrl(), server.getName()), credentials, this.properties,
				server.getName());
	}

	/** A RestClient for a ThingsBoard base URL, with bounded timeouts and ThingsBoard's error model. */
	RestClient restClient(String baseUrl, String serverName) {
		HttpClient http = HttpClient.newBuilder()
			.connectTimeout(this.properties.connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(http);
		requestFactory.setReadTimeout(this.properties.readTimeout());
		ErrorTranslator errors = new ErrorTranslator(this.json, serverName);
		return this.builder.clone()
			.baseUrl(baseUrl)
			.requestFactory(requestFactory)
			.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
				throw errors.translate(response);
			})
			.build();
	}

	private record Cached(long version, ThingsBoardClient client) {
	}

}
