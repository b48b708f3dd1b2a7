package dev.keysmith.expiry;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.keysmith.device.DeviceExpiry;
import dev.keysmith.device.DeviceService;
import dev.keysmith.thingsboard.ThingsBoardServerService;

import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;

/**
 * Counts the devices' ACTIVE certificates by expiry window, in all and per server, from
 * the clock's now.
 */
@Service
class ExpiryService {

	static final String DELETED_SERVER = "a deleted server";

	private final DeviceService devices;

	private final ThingsBoardServerService servers;

	private final ExpiryEntryRepository entries;

	private final Clock clock;

	ExpiryService(DeviceService devices, ThingsBoardServerService servers, ExpiryEntryRepository entries, Clock clock) {
		this.devices = devices;
		this.servers = servers;
		this.entries = entries;
		this.clock = clock;
	}

	/** The certificates that entered a window most recently, newest first. */
	List<ExpiryEntry> recentEntries(int limit) {
		return this.entries.findAllByOrderByEnteredAtDescIdDesc(PageRequest.of(0, limit));
	}

	ExpirySummary summary() {
		Instant now = this.clock.instant();
		Map<UUID, String> names = new LinkedHashMap<>();
		this.servers.list().forEach((server) -> names.put(server.getId(), server.getName()));
		Map<ExpiryWindow, Long> totals = ExpiryCounts.empty();
		// servers in name order, then any a device names but that is gone, then "not
		// pushed"
		Map<UUID, Map<ExpiryWindow, Long>> perServer = new LinkedHashMap<>();
		names.keySet().forEach((id) -> perServer.put(id, ExpiryCounts.empty()));
		Map<ExpiryWindow, Long> notPushed = ExpiryCounts.empty();
		for (DeviceExpiry device : this.devices.expiries()) {
			ExpiryWindow window = ExpiryWindow.of(device.notAfter(), now);
			totals.merge(window, 1L, Long::sum);
			Map<ExpiryWindow, Long> counts = (device.serverId() != null)
					? perServer.computeIfAbsent(device.serverId(), (id) -> ExpiryCounts.empty()) : notPushed;
			counts.merge(window, 1L, Long::sum);
		}
		List<ExpirySummary.ServerCounts> byServer = new ArrayList<>();
		perServer.forEach((id, counts) -> byServer
			.add(new ExpirySummary.ServerCounts(id, names.getOrDefault(id, DELETED_SERVER), ExpiryCounts.of(counts))));
		byServer.add(new ExpirySummary.ServerCounts(null, null, ExpiryCounts.of(notPushed)));
		return new ExpirySummary(now, ExpiryCounts.of(totals), byServer);
	}

}
