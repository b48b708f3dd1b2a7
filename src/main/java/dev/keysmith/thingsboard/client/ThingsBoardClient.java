package dev.keysmith.thingsboard.client;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

import dev.keysmith.thingsboard.client.dto.EntityId;
import dev.keysmith.thingsboard.client.dto.TbAttribute;
import dev.keysmith.thingsboard.client.dto.TbCredentials;
import dev.keysmith.thingsboard.client.dto.TbDevice;
import dev.keysmith.thingsboard.client.dto.TbPage;
import dev.keysmith.thingsboard.client.dto.TbProfile;
import dev.keysmith.thingsboard.client.dto.TbSystemInfo;
import dev.keysmith.thingsboard.client.dto.TsValue;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * ThingsBoard's REST API for one server, as docs/thingsboard.md describes it. Owns the
 * authentication (JWT login, refresh on errorCode 11 and one retry, a new login when the
 * refresh fails; or an API key), the retries (reads and 429 only, with backoff: a write
 * is never repeated blindly), the bounds (every call has a deadline, see
 * {@link #operation()}; calls to one server are limited in number and stopped while it
 * does not answer) and the translation of every error into a
 * {@link ThingsBoardException}. Thread-safe; one instance per server is cached by
 * {@link ThingsBoardClients}.
 */
public class ThingsBoardClient {

	private static final String AUTHORIZATION = "X-Authorization";

	private final ServerCalls calls;

	ThingsBoardClient(ServerCalls calls) {
		this.calls = calls;
	}

	/**
	 * This client for one operation of several calls (a push, a check): all calls made
	 * through it share one deadline, {@code keysmith.thingsboard.operation-timeout} from
	 * now. Without it, each call has that much time of its own.
	 */
	public ThingsBoardClient operation() {
		return new ThingsBoardClient(this.calls.operation());
	}

	/** The device of that name in the tenant, or empty (404, errorCode 32). */
	public Optional<TbDevice> findDeviceByName(String name) {
		try {
			return Optional.of(read((rest, auth) -> rest.get()
				.uri("/api/tenant/devices?deviceName={name}", name)
				.header(AUTHORIZATION, auth)
				.retrieve()
				.body(TbDevice.class)));
		}
		catch (ThingsBoardException ex) {
			if (ex.isNotFound()) {
				return Optional.empty();
			}
			throw ex;
		}
	}

	/**
	 * Creates the device and its X.509 credentials in one transaction: when it fails, no
	 * device is left behind. Without a profile the tenant's default profile is used.
	 */
	public TbDevice createDeviceWithCredentials(String name, String profileId, String certificatePem) {
		Map<String, Object> device = (profileId != null)
				? Map.of("name", name, "deviceProfileId", EntityId.deviceProfile(profileId)) : Map.of("name", name);
		Map<String, Object> body = Map.of("device", device, "credentials",
				Map.of("credentialsType", TbCredentials.X509_CERTIFICATE, "credentialsValue", certificatePem));
		return write((rest, auth) -> rest.post()
			.uri("/api/device-with-credentials")
			.header(AUTHORIZATION, auth)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.retrieve()
			.body(TbDevice.class));
	}

	public TbCredentials credentials(String deviceId) {
		return read((rest, auth) -> rest.get()
			.uri("/api/device/{id}/credentials", deviceId)
			.header(AUTHORIZATION, auth)
			.retrieve()
			.body(TbCredentials.class));
	}

	/**
	 * Saves credentials read before, keeping their id and deviceId (tenant administrators
	 * only).
	 */
	public TbCredentials updateCredentials(TbCredentials credentials) {
		return write((rest, auth) -> rest.post()
			.uri("/api/device/credentials")
			.header(AUTHORIZATION, auth)
			.contentType(MediaType.APPLICATION_JSON)
			.body(credentials)
			.retrieve()
			.body(TbCredentials.class));
	}

	/** All device profiles, page by page, within one deadline. */
	public List<TbProfile> deviceProfiles() {
		ThingsBoardClient operation = this.calls.sharesDeadline() ? this : operation();
		List<TbProfile> profiles = new ArrayList<>();
		for (int page = 0;; page++) {
			int current = page;
			TbPage<TbProfile> result = operation.read((rest, auth) -> rest.get()
				.uri("/api/deviceProfileInfos?pageSize=100&page={page}", current)
				.header(AUTHORIZATION, auth)
				.retrieve()
				.body(new ParameterizedTypeReference<TbPage<TbProfile>>() {
				}));
			profiles.addAll(result.data());
			if (!result.hasNext()) {
				return profiles;
			}
		}
	}

	public TbProfile defaultProfile() {
		return read((rest, auth) -> rest.get()
			.uri("/api/deviceProfileInfo/default")
			.header(AUTHORIZATION, auth)
			.retrieve()
			.body(TbProfile.class));
	}

	/** The server's version and edition ({@code GET /api/system/info}). */
	public TbSystemInfo systemInfo() {
		return read((rest, auth) -> rest.get()
			.uri("/api/system/info")
			.header(AUTHORIZATION, auth)
			.retrieve()
			.body(TbSystemInfo.class));
	}

	/**
	 * Latest values of the keys: {@code {"key":[{"ts":…,"value":"43"}]}}, values as
	 * strings.
	 */
	public Map<String, List<TsValue>> latestTelemetry(String deviceId, Collection<String> keys) {
		return read((rest, auth) -> rest.get()
			.uri("/api/plugins/telemetry/DEVICE/{id}/values/timeseries?keys={keys}", deviceId, String.join(",", keys))
			.header(AUTHORIZATION, auth)
			.retrieve()
			.body(new ParameterizedTypeReference<Map<String, List<TsValue>>>() {
			}));
	}

	/** The latest value of every time series the device has. */
	public Map<String, List<TsValue>> latestTelemetry(String deviceId) {
		return read((rest, auth) -> rest.get()
			.uri("/api/plugins/telemetry/DEVICE/{id}/values/timeseries", deviceId)
			.header(AUTHORIZATION, auth)
			.retrieve()
			.body(new ParameterizedTypeReference<Map<String, List<TsValue>>>() {
			}));
	}

	/**
	 * Server-side attributes of the device, such as those ThingsBoard keeps about its
	 * connections ({@code active}, {@code lastActivityTime}, {@code lastConnectTime}).
	 */
	public List<TbAttribute> serverAttributes(String deviceId, Collection<String> keys) {
		return read((rest, auth) -> rest.get()
			.uri("/api/plugins/telemetry/DEVICE/{id}/values/attributes/SERVER_SCOPE?keys={keys}", deviceId,
					String.join(",", keys))
			.header(AUTHORIZATION, auth)
			.retrieve()
			.body(new ParameterizedTypeReference<List<TbAttribute>>() {
			}));
	}

	public void setSharedAttributes(String deviceId, Map<String, ?> attributes) {
		write((rest, auth) -> rest.post()
			.uri("/api/plugins/telemetry/DEVICE/{id}/attributes/SHARED_SCOPE", deviceId)
			.header(AUTHORIZATION, auth)
			.contentType(MediaType.APPLICATION_JSON)
			.body(attributes)
			.retrieve()
			.toBodilessEntity());
	}

	public void deleteSharedAttributes(String deviceId, Collection<String> keys) {
		// deleting is idempotent: safe to repeat
		this.calls.call(Retrying.Kind.REPEATABLE_WRITE, (rest, auth) -> rest.delete()
			.uri("/api/plugins/telemetry/DEVICE/{id}/SHARED_SCOPE?keys={keys}", deviceId, String.join(",", keys))
			.header(AUTHORIZATION, auth)
			.retrieve()
			.toBodilessEntity());
	}

	/**
	 * Deletes the device (an empty 200). Deleting is idempotent: a repeat finds it gone
	 * (404, errorCode 32).
	 */
	public void deleteDevice(String deviceId) {
		this.calls.call(Retrying.Kind.REPEATABLE_WRITE,
				(rest, auth) -> rest.delete()
					.uri("/api/device/{id}", deviceId)
					.header(AUTHORIZATION, auth)
					.retrieve()
					.toBodilessEntity());
	}

	/** The DTLS server's CA from the public download endpoint, or why there is none. */
	public CaDownload downloadServerCa() {
		return this.calls.downloadServerCa();
	}

	/** Authenticates now (a fresh login for passwords) and says how. */
	public String checkAuthentication() {
		if (this.calls.usesApiKey()) {
			defaultProfile();
			return "API key";
		}
		this.calls.signIn();
		return "username and password (JWT)";
	}

	private <T> T read(BiFunction<RestClient, String, T> call) {
		return this.calls.call(Retrying.Kind.READ, call);
	}

	private <T> T write(BiFunction<RestClient, String, T> call) {
		return this.calls.call(Retrying.Kind.WRITE, call);
	}

	/** Either a username and password, or an API key. */
	public record Credentials(String username, String password, String apiKey) {

		public static Credentials password(String username, String password) {
			return new Credentials(username, password, null);
		}

		public static Credentials apiKey(String apiKey) {
			return new Credentials(null, null, apiKey);
		}

		@Override
		public String toString() {
			return "Credentials[" + ((this.apiKey != null) ? "API key" : "user " + this.username) + "]";
		}

	}

}
