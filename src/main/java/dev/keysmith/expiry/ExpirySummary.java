package dev.keysmith.expiry;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * The certificates in each expiry window, in all and per server, as seen at {@code asOf}:
 * what the dashboard shows and {@code GET /api/dashboard/expiry} answers.
 */
record ExpirySummary(Instant asOf, @JsonUnwrapped ExpiryCounts counts, List<ServerCounts> byServer) {

	/**
	 * The counts of the devices pushed to one server; {@code serverId} null for the
	 * devices not pushed anywhere.
	 */
	record ServerCounts(UUID serverId, String serverName, @JsonUnwrapped ExpiryCounts counts) {

		@JsonProperty("pushed")
		boolean pushed() {
			return this.serverId != null;
		}

	}

}
