package dev.keysmith.expiry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * The dashboard as its page shows it: a column per expiry window, the totals, a row per
 * server, each count linked to the device list filtered the same way (sorted by days
 * left).
 *
 * @param columns the windows' names
 * @param totals the count in each window over all devices
 * @param rows the counts per server, then those of the devices not pushed
 * @param asOf when it was counted
 */
public record DashboardView(List<String> columns, List<Cell> totals, List<Row> rows, Instant asOf) {

	static DashboardView of(ExpirySummary summary) {
		List<String> columns = Arrays.stream(ExpiryWindow.values()).map(ExpiryWindow::label).toList();
		List<Row> rows = new ArrayList<>();
		for (ExpirySummary.ServerCounts server : summary.byServer()) {
			rows.add(new Row(server.pushed() ? server.serverName() : "Not pushed", server.pushed(),
					cells(server.counts(), server.serverId(), server.pushed())));
		}
		return new DashboardView(columns, cells(summary.counts(), null, true), rows, summary.asOf());
	}

	private static List<Cell> cells(ExpiryCounts counts, UUID serverId, boolean linked) {
		return Arrays.stream(ExpiryWindow.values())
			.map((window) -> new Cell(window.name(), counts.in(window), linked ? href(window, serverId) : null))
			.toList();
	}

	/** The device list filtered to the window (and the server), soonest first. */
	static String href(ExpiryWindow window, UUID serverId) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/devices");
		if (window.fromDays() != null) {
			uri.queryParam("expiresAfterDays", window.fromDays());
		}
		if (window.toDays() != null) {
			uri.queryParam("expiresWithinDays", window.toDays());
		}
		if (serverId != null) {
			uri.queryParam("serverId", serverId);
		}
		return uri.queryParam("sort", "daysLeft").build().toUriString();
	}

	/**
	 * One count; {@code href} is null where the device list has no such filter.
	 */
	public record Cell(String window, long count, String href) {
	}

	public record Row(String server, boolean pushed, List<Cell> cells) {
	}

}
