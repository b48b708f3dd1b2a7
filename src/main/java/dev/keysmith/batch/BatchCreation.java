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

	private final MatchingDevices matching;

	private final BatchService batches;

	private final ThingsBoardServerService servers;

	private final BatchProperties properties;

	private final Clock clock;

	BatchCreation(BatchInput input, MatchingDevices matching, BatchService batches, ThingsBoardServerService servers,
			BatchProperties properties, Clock clock) {
		this.input = input;
		this.matching = matching;
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
		return this.batches.create(source(request, csv), this.input.options(request, existing(request, csv)),
				validation.rows(), actor);
	}

	private Validation validate(BatchRequest request, byte[] csv) {
		BatchOptions options = this.input.options(request, existing(request, csv));
		ThingsBoardServer server = server(options);
		if (options.runs(Stage.RENEW)) {
			return renewal(request, csv, options);
		}
		if (csv != null && CsrZip.isZip(csv)) {
			if (options.caId() == null) {
				throw new InvalidRequestException("caId", "A zip of CSRs needs the CA that issues their certificates");
			}
			return new CsrZip(this.properties.maxItems()).read(csv);
		}
		if (csv != null) {
			Map<String, String> profiles = (server != null) ? profiles(server) : null;
			return new CsvRows(new CredentialImporter(this.clock), this.properties.maxItems(), profiles,
					options.caId() != null)
				.read(csv);
		}
		if (existing(request, csv)) {
			if (request.pattern() != null) {
				throw new InvalidRequestException("deviceIds", "Give either a pattern or device ids, not both");
			}
			return this.input.existing(request.deviceIds());
		}
		return this.input.pattern(request.pattern(), request.start(), request.count());
	}

	/**
	 * The devices a renewal batch renews: those whose certificate expires within the days
	 * given (on the server given), or the devices named.
	 */
	private Validation renewal(BatchRequest request, byte[] csv, BatchOptions options) {
		if (csv != null || request.pattern() != null) {
			throw new InvalidRequestException((csv != null) ? "file" : "pattern",
					"A renewal batch renews devices Keysmith has: choose them by expiresWithinDays or deviceIds");
		}
		if (request.deviceIds() != null) {
			if (options.expiresWithinDays() != null) {
				throw new InvalidRequestException("deviceIds", "Give either expiresWithinDays or device ids, not both");
			}
			if (options.serverId() != null) {
				throw new InvalidRequestException("serverId", "serverId chooses among the expiring devices: the "
						+ "devices named are each renewed on the server they were pushed to");
			}
			return this.input.existing(request.deviceIds());
		}
		if (options.expiresWithinDays() == null) {
			throw new InvalidRequestException("expiresWithinDays",
					"Say which devices to renew: those expiring within expiresWithinDays days, or deviceIds");
		}
		return this.matching.expiringRows(options.expiresWithinDays(), options.serverId());
	}

	/** Whether the batch works on devices Keysmith has already. */
	private static boolean existing(BatchRequest request, byte[] csv) {
		return csv == null && (request.deviceIds() != null || request.renews());
	}

	private static String source(BatchRequest request, byte[] csv) {
		if (csv != null) {
			return CsrZip.isZip(csv) ? "CSR_ZIP" : "CSV";
		}
		if (request.deviceIds() != null) {
			return "DEVICES";
		}
		return request.renews() ? "EXPIRING" : "PATTERN";
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
