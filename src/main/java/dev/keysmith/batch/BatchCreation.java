package dev.keysmith.batch;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.keysmith.common.InvalidRequestException;
import dev.keysmith.common.NotFoundException;
import dev.keysmith.pki.CredentialImporter;
import dev.keysmith.thingsboard.ThingsBoardServer;
import dev.keysmith.thingsboard.ThingsBoardServerService;
import dev.keysmith.thingsboard.client.dto.TbProfile;

import org.springframework.stereotype.Component;

/**
 * From a request to a running batch: the options and rows are checked as a whole; a dry
 * run stops there, and input with bad rows is refused unless the operator asked for the
 * valid rows only. Nothing is stored for a refused input.
 */
@Component
class BatchCreation {

	private final BatchInput input;

	private final BatchService batches;

	private final ThingsBoardServerService servers;

	private final BatchProperties properties;

	private final Clock clock;

	BatchCreation(BatchInput input, BatchService batches, ThingsBoardServerService servers, BatchProperties properties,
			Clock clock) {
		this.input = input;
		this.batches = batches;
		this.servers = servers;
		this.properties = properties;
		this.clock = clock;
	}

	/** What a dry run answers: how many rows would become devices, and every bad row. */
	record Checked(int valid, List<RowProblem> rows) {
	}

	Checked check(BatchRequest request, byte[] csv) {
		Validation validation = validate(request, csv);
		return new Checked(validation.rows().size(), validation.problems());
	}

	BatchView create(BatchRequest request, byte[] csv, boolean validRowsOnly, String actor) {
		Validation validation = validate(request, csv);
		if (!validation.problems().isEmpty() && !validRowsOnly) {
			throw new BatchRefusedException(
					"%d rows cannot become devices: fix them, or start the batch with the valid rows only"
						.formatted(validation.problems().size()),
					validation.problems());
		}
		if (validation.rows().isEmpty()) {
			throw new BatchRefusedException("No row can become a device", validation.problems());
		}
		boolean existing = csv == null && request.deviceIds() != null;
		String source = (csv != null) ? "CSV" : existing ? "DEVICES" : "PATTERN";
		return this.batches.create(source, this.input.options(request, existing), validation.rows(), actor);
	}

	private Validation validate(BatchRequest request, byte[] csv) {
		boolean existing = csv == null && request.deviceIds() != null;
		BatchOptions options = this.input.options(request, existing);
		ThingsBoardServer server = server(options);
		if (csv != null) {
			Map<String, String> profiles = (server != null) ? profiles(server) : null;
			return new CsvRows(new CredentialImporter(this.clock), this.properties.maxItems(), profiles).read(csv);
		}
		if (existing) {
			if (request.pattern() != null) {
				throw new InvalidRequestException("deviceIds", "Give either a pattern or device ids, not both");
			}
			return this.input.existing(request.deviceIds());
		}
		return this.input.pattern(request.pattern(), request.start(), request.count());
	}

	private ThingsBoardServer server(BatchOptions options) {
		if (options.serverId() == null) {
			return null;
		}
		try {
			return this.servers.get(options.serverId());
		}
		catch (NotFoundException ex) {
			throw new InvalidRequestException("serverId", "No ThingsBoard server with id " + options.serverId());
		}
	}

	/** The server's device profiles by id and by name (lower case), to their id. */
	private Map<String, String> profiles(ThingsBoardServer server) {
		Map<String, String> profiles = new HashMap<>();
		for (TbProfile profile : this.servers.client(server).operation().deviceProfiles()) {
			profiles.put(profile.id().id().toLowerCase(Locale.ROOT), profile.id().id());
			if (profile.name() != null) {
				profiles.putIfAbsent(profile.name().toLowerCase(Locale.ROOT), profile.id().id());
			}
		}
		return profiles;
	}

}
