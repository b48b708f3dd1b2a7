package dev.keysmith.testkit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * What the ThingsBoard double holds: devices with their credentials (credentialsId unique
 * server-wide, across tenants), latest telemetry and shared attributes. Synchronized on
 * itself: create-with-credentials is all or nothing, as in ThingsBoard.
 */
public final class TbState {

	public static final String DEFAULT_PROFILE_ID = "c4835830-ea88-11f1-a25e-61a2599407a3";

	public static final String MQTT_PROFILE_ID = "d1a3c0de-ea88-11f1-a25e-61a2599407a3";

	private final Clock clock;

	private final Map<String, Device> devices = new LinkedHashMap<>();

	/**
	 * credentialsId → device id, server-wide; "foreign" entries belong to other tenants.
	 */
	private final Map<String, String> credentialsIndex = new ConcurrentHashMap<>();

	private final Map<String, Map<String, TsEntry>> telemetry = new ConcurrentHashMap<>();

	private final Map<String, Map<String, Object>> sharedAttributes = new ConcurrentHashMap<>();

	/**
	 * Stores X.509 values with a stray leading space, as a mangling proxy would: they
	 * never match.
	 */
	volatile boolean mangleX509Values;

	private volatile BiConsumer<String, Map<String, Object>> attributeListener = (device, change) -> {
	};

	TbState(Clock clock) {
		this.clock = clock;
	}

	/**
	 * ThingsBoard's rule for X.509 credentials: only the BEGIN/END markers and CR/LF are
	 * removed (spaces and tabs stay), and the id is SHA3-256 over that text.
	 */
	public static String x509CredentialsValue(String pem) {
		return pem.replace("-----BEGIN CERTIFICATE-----", "")
			.replace("-----END CERTIFICATE-----", "")
			.replace("\n", "")
			.replace("\r", "");
	}

	public static String sha3(String value) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA3-256").digest(value.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	synchronized Optional<Device> byName(String name) {
		return this.devices.values().stream().filter((d) -> d.name.equals(name)).findFirst();
	}

	synchronized Optional<Device> byId(String id) {
		return Optional.ofNullable(this.devices.get(id));
	}

	synchronized Optional<Device> byCredentialsId(String credentialsId) {
		return Optional.ofNullable(this.credentialsIndex.get(credentialsId)).map(this.devices::get);
	}

	synchronized boolean nameTaken(String name) {
		return byName(name).isPresent();
	}

	synchronized boolean credentialsTaken(String credentialsId, String exceptDeviceId) {
		String holder = this.credentialsIndex.get(credentialsId);
		return holder != null && !holder.equals(exceptDeviceId);
	}

	synchronized Device create(String name, String profileId, String credentialsType, String credentialsValue) {
		Device device = new Device(UUID.randomUUID().toString(), name,
				(profileId != null) ? profileId : DEFAULT_PROFILE_ID, this.clock.millis());
		device.credentials = new Credentials(UUID.randomUUID().toString(), credentialsType, mangled(credentialsValue),
				this.clock.millis());
		this.devices.put(device.id, device);
		this.credentialsIndex.put(device.credentials.credentialsId, device.id);
		return device;
	}

	synchronized void updateCredentials(Device device, String credentialsType, String credentialsValue) {
		this.credentialsIndex.remove(device.credentials.credentialsId);
		device.credentials.set(credentialsType, mangled(credentialsValue));
		this.credentialsIndex.put(device.credentials.credentialsId, device.id);
	}

	private String mangled(String value) {
		return (this.mangleX509Values && value != null && value.contains("BEGIN CERTIFICATE")) ? " " + value : value;
	}

	synchronized void delete(Device device) {
		this.devices.remove(device.id);
		this.credentialsIndex.remove(device.credentials.credentialsId);
		this.telemetry.remove(device.id);
		this.sharedAttributes.remove(device.id);
	}

	/**
	 * Credentials held by a device of another tenant: invisible, but still unique
	 * server-wide.
	 */
	synchronized void addForeignCredentials(String credentialsId) {
		this.credentialsIndex.put(credentialsId, "foreign-" + UUID.randomUUID());
	}

	synchronized int deviceCount() {
		return this.devices.size();
	}

	synchronized List<Device> devices() {
		return new ArrayList<>(this.devices.values());
	}

	void saveTelemetry(String deviceId, Map<String, Object> values) {
		long ts = this.clock.millis();
		Map<String, TsEntry> latest = this.telemetry.computeIfAbsent(deviceId, (id) -> new ConcurrentHashMap<>());
		values.forEach((key, value) -> latest.put(key, new TsEntry(ts, String.valueOf(value))));
	}

	/** The latest entry of every key the device sent. */
	Map<String, TsEntry> latest(String deviceId) {
		return new LinkedHashMap<>(this.telemetry.getOrDefault(deviceId, Map.of()));
	}

	Optional<TsEntry> latest(String deviceId, String key) {
		return Optional.ofNullable(this.telemetry.getOrDefault(deviceId, Map.of()).get(key));
	}

	public Map<String, Object> sharedAttributes(String deviceId) {
		return new LinkedHashMap<>(this.sharedAttributes.getOrDefault(deviceId, Map.of()));
	}

	void setSharedAttributes(String deviceId, Map<String, Object> values) {
		this.sharedAttributes.computeIfAbsent(deviceId, (id) -> new ConcurrentHashMap<>()).putAll(values);
		this.attributeListener.accept(deviceId, values);
	}

	void deleteSharedAttributes(String deviceId, List<String> keys) {
		Map<String, Object> attributes = this.sharedAttributes.getOrDefault(deviceId, new ConcurrentHashMap<>());
		keys.forEach(attributes::remove);
		this.attributeListener.accept(deviceId, Map.of("deleted", keys));
	}

	void onAttributeChange(BiConsumer<String, Map<String, Object>> listener) {
		this.attributeListener = listener;
	}

	public record TsEntry(long ts, String value) {
	}

	/** A device as the double stores it. */
	public static final class Device {

		public final String id;

		public final String name;

		public final String profileId;

		final long createdTime;

		long version = 1;

		public Credentials credentials;

		Device(String id, String name, String profileId, long createdTime) {
			this.id = id;
			this.name = name;
			this.profileId = profileId;
			this.createdTime = createdTime;
		}

	}

	/** Device credentials, with ThingsBoard's processing of X.509 values. */
	public static final class Credentials {

		public final String id;

		final long createdTime;

		public String credentialsType;

		public String credentialsId;

		public String credentialsValue;

		public long version = 1;

		Credentials(String id, String type, String value, long createdTime) {
			this.id = id;
			this.createdTime = createdTime;
			set(type, value);
			this.version = 1;
		}

		void set(String type, String value) {
			this.credentialsType = type;
			if ("X509_CERTIFICATE".equals(type)) {
				this.credentialsValue = x509CredentialsValue(value);
				this.credentialsId = sha3(this.credentialsValue);
			}
			else {
				this.credentialsValue = null;
				this.credentialsId = (value != null) ? value : randomToken();
			}
			this.version++;
		}

		private static String randomToken() {
			byte[] bytes = new byte[10];
			new SecureRandom().nextBytes(bytes);
			return HexFormat.of().formatHex(bytes);
		}

	}

}
