package dev.keysmith.thingsboard;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import dev.keysmith.thingsboard.dto.EntityId;
import dev.keysmith.thingsboard.dto.TbCredentials;
import dev.keysmith.thingsboard.dto.TbDevice;
import dev.keysmith.thingsboard.dto.TbPage;
import dev.keysmith.thingsboard.dto.TbProfile;
import dev.keysmith.thingsboard.dto.TsValue;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * ThingsBoard's REST API for one server, as thingsboard-contract.md describes it. Owns the
 * authentication (JWT login, refresh on errorCode 11 and one retry, a new login when the
 * refresh fails; or an API key), the retries (reads and 429 only, with backoff: a write is
 * never repeated blindly) and the translation of every error into a
 * {@link ThingsBoardException}. Thread-safe; one instance per server is cached by
 * {@link ThingsBoardClients}.
 */
public class ThingsBoardClient {

	private static final String AUTHORIZATION = "X-Authorization";

	private final RestClient rest;

	private final Retrying retrying;

	private final ThingsBoardSession session;

	ThingsBoardClient(RestClient rest, Credentials credentials, ThingsBoardProperties properties, String serverName) {
		this.rest = rest;
		this.retrying = new Retrying(properties, serverName);
		this.session = new ThingsBoardSession(rest, credentials, this.retrying, serverName);
	}

	/** The device of that name in the tenant, or empty (404, errorCode 32). */
	public Optional<TbDevice> findDeviceByName(String name) {
		try {
			return Optional.of(read((auth) -> this.rest.get()
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
		return write((auth) -> this.rest.post()
			.uri("/api/device-with-credentials")
			.header(AUTHORIZATION, auth)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.retrieve()
			.body(TbDevice.class));
	}

	public TbCredentials credentials(String deviceId) {
		return read((auth) -> this.rest.get()
			.uri("/api/device/{id}/credentials", deviceId)
			.header(AUTHORIZATION, auth)
			.retrieve()
			.body(TbCredentials.class));
	}

	/** Saves credentials read before, keeping their id and deviceId (tenant administrators only). */
	public TbCredentials updateCredentials(TbCredentials credentials) {
		return write((auth) -> this.rest.post()
			.uri("/api/device/credentials")
			.header(AUTHORIZATION, auth)
			.contentType(MediaType.APPLICATION_JSON)
			.body(credentials)
			.retrieve()
			.body(TbCredentials.class));
	}

	public List<TbProfile> deviceProfiles() {
		List<TbProfile> profiles = new ArrayList<>();
		for (int page = 0;; page++) {
			int current = page;
			TbPage<TbProfile> result = read((auth) -> this.rest.get()
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
		return read((auth) -> this.rest.get()
			.uri("/api/deviceProfileInfo/default")
			.header(AUTHORIZATION, auth)
			.retrieve()
			.body(TbProfile.class));
	}

	/** Latest values of the keys: {@code {"key":[{"ts":…,"value":"43"}]}}, values as strings. */
	public Map<String, List<TsValue>> latestTelemetry(String deviceId, Collection<String> keys) {
		return read((auth) -> this.rest.get()
			.uri("/api/plugins/telemetry/DEVICE/{id}/values/timeseries?keys={keys}", deviceId, String.join(",", keys))
			.header(AUTHORIZATION, auth)
			.retrieve()
			.body(new ParameterizedTypeReference<Map<String, List<TsValue>>>() {
			}));
	}

	public void setSharedAttributes(String deviceId, Map<String, ?> attributes) {
		write((auth) -> this.rest.post()
			.uri("/api/plugins/telemetry/DEVICE/{id}/attributes/SHARED_SCOPE", deviceId)
			.header(AUTHORIZATION, auth)
			.contentType(MediaType.APPLICATION_JSON)
			.body(attributes)
			.retrieve()
			.toBodilessEntity());
	}

	public void deleteSharedAttributes(String deviceId, Collection<String> keys) {
		// deleting is idempotent: safe to repeat
		read((auth) -> this.rest.delete()
			.uri("/api/plugins/telemetry/DEVICE/{id}/SHARED_SCOPE?keys={keys}", deviceId, String.join(",", keys))
			.header(AUTHORIZATION, auth)
			.retrieve()
			.toBodilessEntity());
	}

	/** The DTLS server's CA from the public download endpoint; empty when none is configured (404). */
	public Optional<String> downloadServerCa() {
		try {
			return Optional.ofNullable(this.retrying.call(true, () -> this.rest.get()
				.uri("/api/device-connectivity/coaps/certificate/download")
				.retrieve()
				.body(String.class)));
		}
		catch (ThingsBoardException ex) {
			if (ex.isNotFound()) {
				return Optional.empty();
			}
			throw ex;
		}
	}

	/** Authenticates now (a fresh login for passwords) and says how. */
	public String checkAuthentication() {
		if (this.session.usesApiKey()) {
			defaultProfile();
			return "API key";
		}
		this.session.logIn();
		return "username and password (JWT)";
	}

	private <T> T read(Function<String, T> call) {
		return authenticated(true, call);
	}

	private <T> T write(Function<String, T> call) {
		return authenticated(false, call);
	}

	private <T> T authenticated(boolean idempotent, Function<String, T> call) {
		try {
			return this.retrying.call(idempotent, () -> call.apply(this.session.authorization()));
		}
		catch (ThingsBoardException ex) {
			if (!ex.isExpiredToken() || this.session.usesApiKey()) {
				throw ex;
			}
			// the access token expired: refresh it (or log in again) and try once more
			this.session.renew();
			return this.retrying.call(idempotent, () -> call.apply(this.session.authorization()));
		}
	}

	/** Either a username and password, or an API key. */
	record Credentials(String username, String password, String apiKey) {

		@Override
		public String toString() {
			return "Credentials[" + ((this.apiKey != null) ? "API key" : "user " + this.username) + "]";
		}

	}

}
