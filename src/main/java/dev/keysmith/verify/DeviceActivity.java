package dev.keysmith.verify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Semaphore;

import dev.keysmith.common.ConflictException;
import dev.keysmith.common.InvalidRequestException;
import dev.keysmith.device.Device;
import dev.keysmith.device.DeviceService;
import dev.keysmith.thingsboard.ThingsBoardServer;
import dev.keysmith.thingsboard.ThingsBoardServerService;
import dev.keysmith.thingsboard.client.ThingsBoardClient;
import dev.keysmith.thingsboard.client.ThingsBoardException;
import dev.keysmith.thingsboard.client.dto.TbAttribute;
import dev.keysmith.thingsboard.client.dto.TsValue;
import dev.keysmith.work.BusyException;

import org.springframework.stereotype.Service;

/**
 * Whether ThingsBoard has seen a device since its certificate was pushed, for a device
 * Keysmith cannot speak as (its key stays on the device): the device's latest telemetry
 * and the connection attributes ThingsBoard keeps ({@code active},
 * {@code lastActivityTime}), read through the REST API, looked at again every
 * {@link #POLL} for up to the wait asked for.
 */
@Service
public class DeviceActivity {

	/** The longest a request may wait for the device. */
	public static final int MAX_WAIT_SECONDS = 60;

	static final Duration POLL = Duration.ofSeconds(2);

	/** How far ThingsBoard's clock may lag Keysmith's and a first message still count. */
	static final Duration CLOCK_SKEW = Duration.ofMinutes(2);

	private static final List<String> CONNECTION_ATTRIBUTES = List.of("active", "lastActivityTime");

	/**
	 * What ThingsBoard itself writes about a device's state (as telemetry, when set to
	 * keep it there): not something the device sent.
	 */
	private static final Set<String> STATE_KEYS = Set.of("active", "lastActivityTime", "lastConnectTime",
			"lastDisconnectTime", "inactivityAlarmTime");

	/** How many requests may wait for a device at once: each holds a request thread. */
	static final int MAX_WAITING = 16;

	private final Semaphore waiting = new Semaphore(MAX_WAITING);

	private final DeviceService devices;

	private final ThingsBoardServerService servers;

	private final Clock clock;

	DeviceActivity(DeviceService devices, ThingsBoardServerService servers, Clock clock) {
		this.devices = devices;
		this.servers = servers;
		this.clock = clock;
	}

	/**
	 * What ThingsBoard has seen of the device.
	 *
	 * @param seen whether ThingsBoard saw it since its certificate was pushed
	 * @param lastActivityTime when ThingsBoard last heard from it, if ever
	 * @param active ThingsBoard's own word, when it gives one
	 * @param telemetry the latest value of each key it sent
	 * @param diagnosis what that means, in words
	 */
	public record Activity(UUID deviceId, String deviceName, String serverName, Instant pushedAt, boolean seen,
			Instant lastActivityTime, Boolean active, Map<String, Latest> telemetry, Instant checkedAt,
			long waitedSeconds, String diagnosis) {
	}

	/** One key's latest value. */
	public record Latest(Instant ts, String value) {
	}

	/**
	 * Looks at ThingsBoard, and again every {@link #POLL} until the device is seen or
	 * {@code waitSeconds} have passed.
	 */
	public Activity look(UUID deviceId, int waitSeconds) throws InterruptedException {
		if (waitSeconds < 0 || waitSeconds > MAX_WAIT_SECONDS) {
			throw new InvalidRequestException("waitSeconds",
					"waitSeconds must be between 0 and %d, not %d".formatted(MAX_WAIT_SECONDS, waitSeconds));
		}
		if (waitSeconds == 0) {
			return lookNow(deviceId, 0);
		}
		if (!this.waiting.tryAcquire()) {
			throw new BusyException("As many requests as Keysmith lets wait are waiting for devices: ask again "
					+ "shortly, or without waitSeconds", POLL.multipliedBy(5));
		}
		try {
			return lookNow(deviceId, waitSeconds);
		}
		finally {
			this.waiting.release();
		}
	}

	private Activity lookNow(UUID deviceId, int waitSeconds) throws InterruptedException {
		Device device = this.devices.get(deviceId);
		Device.Placement placement = device.placement()
			.orElseThrow(() -> new ConflictException("'" + device.getName()
					+ "' was never pushed to ThingsBoard: push it, then wait for the device to connect"));
		ThingsBoardServer server = this.servers.get(placement.serverId());
		ThingsBoardClient client = this.servers.client(server).operation();
		Instant started = this.clock.instant();
		Instant deadline = started.plusSeconds(waitSeconds);
		while (true) {
			Activity activity = once(device, placement, server, client, started);
			Duration left = Duration.between(this.clock.instant(), deadline);
			if (activity.seen() || left.isNegative() || left.isZero()) {
				return activity;
			}
			Thread.sleep(Math.min(POLL.toMillis(), left.toMillis()));
		}
	}

	private Activity once(Device device, Device.Placement placement, ThingsBoardServer server, ThingsBoardClient client,
			Instant started) {
		Map<String, Latest> telemetry = new LinkedHashMap<>();
		client.latestTelemetry(placement.deviceId()).forEach((key, values) -> {
			if (!STATE_KEYS.contains(key) && values != null && !values.isEmpty() && values.get(0).value() != null) {
				TsValue value = values.get(0);
				telemetry.put(key, new Latest(Instant.ofEpochMilli(value.ts()), String.valueOf(value.value())));
			}
		});
		Instant last = telemetry.values().stream().map(Latest::ts).max(Instant::compareTo).orElse(null);
		Boolean active = null;
		try {
			for (TbAttribute attribute : client.serverAttributes(placement.deviceId(), CONNECTION_ATTRIBUTES)) {
				if ("active".equals(attribute.key()) && attribute.value() != null) {
					active = Boolean.valueOf(String.valueOf(attribute.value()));
				}
				if ("lastActivityTime".equals(attribute.key()) && attribute.value() instanceof Number millis
						&& millis.longValue() > 0) {
					Instant activity = Instant.ofEpochMilli(millis.longValue());
					last = (last == null || activity.isAfter(last)) ? activity : last;
				}
			}
		}
		catch (ThingsBoardException ex) {
			// a server keeping device state elsewhere: the telemetry says enough
		}
		boolean seen = last != null && last.isAfter(placement.pushedAt().minus(CLOCK_SKEW));
		Instant now = this.clock.instant();
		return new Activity(device.getId(), device.getName(), server.getName(), placement.pushedAt(), seen, last,
				active, telemetry, now, Duration.between(started, now).toSeconds(),
				diagnosis(device, server, placement, seen, last, telemetry));
	}

	private static String diagnosis(Device device, ThingsBoardServer server, Device.Placement placement, boolean seen,
			Instant last, Map<String, Latest> telemetry) {
		if (seen) {
			StringBuilder text = new StringBuilder("ThingsBoard heard from '").append(device.getName())
				.append("' at ")
				.append(last)
				.append(", after its certificate was pushed at ")
				.append(placement.pushedAt())
				.append('.');
			if (!telemetry.isEmpty()) {
				text.append(" Its latest values: ");
				telemetry.forEach((key, latest) -> text.append(key).append('=').append(latest.value()).append(' '));
			}
			return text.toString().strip();
		}
		String endpoint = server.getCoapHost() + ":" + server.getCoapPort();
		return "ThingsBoard has heard nothing from '" + device.getName() + "' since its certificate was pushed at "
				+ placement.pushedAt() + ((last != null) ? " (it last heard from it at " + last + ")" : "")
				+ ". Check that the device holds its key and this certificate (cert.pem, or chain.pem), reaches "
				+ endpoint + " over UDP, and posts to coaps://" + endpoint + "/api/v1/telemetry. If the device gets "
				+ "4.01, ThingsBoard does not know the certificate it presents; a handshake ending in "
				+ "bad_certificate means its certificate is expired or not yet valid by ThingsBoard's clock.";
	}

}
