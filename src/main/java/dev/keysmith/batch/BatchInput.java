package dev.keysmith.batch;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.keysmith.ca.CaService;
import dev.keysmith.ca.DeviceCa;
import dev.keysmith.common.InvalidRequestException;
import dev.keysmith.common.Names;
import dev.keysmith.common.NotFoundException;
import dev.keysmith.device.Device;
import dev.keysmith.device.DeviceNotFoundException;
import dev.keysmith.device.DeviceQuery;
import dev.keysmith.device.DeviceService;
import dev.keysmith.pki.CertificateIssuer;
import dev.keysmith.pki.KeyType;
import dev.keysmith.verify.Depth;

import org.springframework.stereotype.Component;

/**
 * The options and the rows of a batch, checked before anything is stored: options in
 * themselves, and the rows of a name pattern or a list of existing devices (a CSV is
 * {@link CsvRows}), every bad row with its line and reason.
 */
@Component
class BatchInput {

	/** The longest name of an imported device (the device's column). */
	static final int MAX_NAME_LENGTH = 255;

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d{1,9})\\}");

	private final BatchProperties properties;

	private final DeviceService devices;

	private final CaService cas;

	BatchInput(BatchProperties properties, DeviceService devices, CaService cas) {
		this.properties = properties;
		this.devices = devices;
		this.cas = cas;
	}

	/** The options as the batch will run them: defaults filled in, each one checked. */
	BatchOptions options(BatchRequest request, boolean existingDevices) {
		List<Stage> stages = stages(request, existingDevices);
		boolean renews = stages.contains(Stage.RENEW);
		if (!renews && request.serverId() == null && (stages.contains(Stage.PUSH) || stages.contains(Stage.VERIFY))) {
			throw new InvalidRequestException("serverId",
					"Choose the ThingsBoard server to push to and verify against");
		}
		if (!renews) {
			onlyWhenRenewing("expiresWithinDays", request.expiresWithinDays());
			onlyWhenRenewing("activate", request.activate());
			onlyWhenRenewing("keepKey", request.keepKey());
			onlyWhenRenewing("inOneGo", request.inOneGo());
		}
		KeyType keyType = (request.keyType() != null) ? request.keyType() : KeyType.EC_P256;
		if (!keyType.isGeneratable()) {
			throw new InvalidRequestException("keyType", "Choose a key type: EC_P256, EC_P384 or RSA_2048");
		}
		if (renews && request.keyType() != null) {
			throw new InvalidRequestException("keyType",
					"A renewal keeps each device's key type: leave keyType out of a renewal batch");
		}
		int days = (request.validityDays() != null) ? request.validityDays() : CertificateIssuer.DEFAULT_VALIDITY_DAYS;
		if (days < CertificateIssuer.MIN_VALIDITY_DAYS || days > CertificateIssuer.MAX_VALIDITY_DAYS) {
			throw new InvalidRequestException("validityDays", "Validity must be between %d and %d days, not %d"
				.formatted(CertificateIssuer.MIN_VALIDITY_DAYS, CertificateIssuer.MAX_VALIDITY_DAYS, days));
		}
		int concurrency = (request.concurrency() != null) ? request.concurrency()
				: this.properties.defaultConcurrency();
		if (concurrency < 1 || concurrency > this.properties.maxConcurrency()) {
			throw new InvalidRequestException("concurrency", "Concurrency must be between 1 and %d, not %d"
				.formatted(this.properties.maxConcurrency(), concurrency));
		}
		Integer within = request.expiresWithinDays();
		if (within != null && (within < 0 || within > DeviceQuery.MAX_DAYS)) {
			throw new InvalidRequestException("expiresWithinDays",
					"expiresWithinDays must be a whole number of days from 0 to %d, not %d"
						.formatted(DeviceQuery.MAX_DAYS, within));
		}
		String profile = (request.deviceProfileId() != null && !request.deviceProfileId().isBlank())
				? request.deviceProfileId().strip() : null;
		return new BatchOptions(keyType, days, request.serverId(), profile, stages,
				(request.verify() != null) ? request.verify() : Depth.LIGHT,
				(request.onExistingName() != null) ? request.onExistingName() : OnExistingName.FAIL,
				(request.onExistingThingsBoardDevice() != null) ? request.onExistingThingsBoardDevice()
						: OnExistingThingsBoardDevice.FAIL,
				concurrency, Boolean.TRUE.equals(request.activate()), Boolean.TRUE.equals(request.keepKey()), within,
				ca(request.caId(), stages), inOneGo(request));
	}

	private static List<Stage> stages(BatchRequest request, boolean existingDevices) {
		Set<Stage> stages = EnumSet.noneOf(Stage.class);
		if (request.renews()) {
			if (request.stages() != null && request.stages().size() > 1) {
				throw new InvalidRequestException("stages",
						"RENEW runs alone: a renewal pushes and verifies each new certificate itself");
			}
			return List.of(Stage.RENEW);
		}
		if (request.stages() == null || request.stages().isEmpty()) {
			stages.addAll((request.serverId() != null) ? EnumSet.of(Stage.ISSUE, Stage.PUSH, Stage.VERIFY)
					: EnumSet.of(Stage.ISSUE));
		}
		else {
			for (Stage stage : request.stages()) {
				if (stage == null) {
					throw new InvalidRequestException("stages", "The stages are ISSUE, PUSH, VERIFY and RENEW");
				}
				stages.add(stage);
			}
		}
		if (existingDevices) {
			stages.remove(Stage.ISSUE); // they are issued already
		}
		if (stages.isEmpty()) {
			throw new InvalidRequestException("stages",
					"Existing devices can be pushed, verified or renewed: choose PUSH, VERIFY or RENEW");
		}
		return List.copyOf(stages);
	}

	/** The CA the batch issues from, when it names one: known, issuing, and of use. */
	private UUID ca(UUID caId, List<Stage> stages) {
		if (caId == null) {
			return null;
		}
		if (!stages.contains(Stage.ISSUE)) {
			throw new InvalidRequestException("caId",
					stages.contains(Stage.RENEW)
							? "A renewal keeps each device's own CA: leave caId out of a renewal batch"
							: "Only a batch that issues devices (ISSUE) uses a CA");
		}
		DeviceCa ca;
		try {
			ca = this.cas.get(caId);
		}
		catch (NotFoundException ex) {
			throw new InvalidRequestException("caId", "No CA with id " + caId);
		}
		if (ca.isRetired()) {
			throw new InvalidRequestException("caId", "The CA '" + ca.getName() + "' is retired: choose another");
		}
		return caId;
	}

	private static boolean inOneGo(BatchRequest request) {
		boolean inOneGo = Boolean.TRUE.equals(request.inOneGo());
		if (inOneGo && !Boolean.TRUE.equals(request.activate())) {
			throw new InvalidRequestException("inOneGo",
					"inOneGo renews and activates in one go: it comes with activate");
		}
		return inOneGo;
	}

	private static void onlyWhenRenewing(String field, Object value) {
		if (value != null) {
			throw new InvalidRequestException(field, field + " belongs to a renewal batch: add the stage RENEW");
		}
	}

	/**
	 * The names of a pattern such as {@code boiler-{0001}}: the number in braces gives
	 * the width.
	 */
	Validation pattern(String pattern, Integer start, Integer count) {
		if (pattern == null || pattern.isBlank()) {
			throw new InvalidRequestException("pattern", "Give a name pattern such as boiler-{0001}");
		}
		Matcher matcher = PLACEHOLDER.matcher(pattern);
		if (!matcher.find()) {
			throw new InvalidRequestException("pattern",
					"The pattern needs one number in braces, such as boiler-{0001}: it is counted up from the start");
		}
		int width = matcher.group(1).length();
		String before = pattern.substring(0, matcher.start());
		String after = pattern.substring(matcher.end());
		if (PLACEHOLDER.matcher(after).find()) {
			throw new InvalidRequestException("pattern", "The pattern has more than one number in braces");
		}
		int first = (start != null) ? start : 1;
		if (first < 0) {
			throw new InvalidRequestException("start", "The start number cannot be negative");
		}
		if (count == null || count < 1 || count > this.properties.maxItems()) {
			throw new InvalidRequestException("count",
					"A batch has 1 to %d devices, not %s".formatted(this.properties.maxItems(), count));
		}
		if ((long) first + count - 1 > Integer.MAX_VALUE) {
			throw new InvalidRequestException("start", "The start number is too large");
		}
		List<BatchRow> rows = new ArrayList<>(count);
		List<RowProblem> problems = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String name = before + String.format("%0" + width + "d", first + i) + after;
			String problem = Names.problem("A device name", name, CertificateIssuer.MAX_COMMON_NAME_LENGTH);
			if (problem != null) {
				problems.add(new RowProblem(i + 1, "name", problem));
			}
			else {
				rows.add(BatchRow.named(i + 1, name.strip()));
			}
		}
		return new Validation(rows, problems);
	}

	/** Devices already in Keysmith, each once. */
	Validation existing(List<UUID> deviceIds) {
		if (deviceIds.size() > this.properties.maxItems()) {
			throw new InvalidRequestException("deviceIds",
					"A batch has at most %d devices, not %d".formatted(this.properties.maxItems(), deviceIds.size()));
		}
		List<BatchRow> rows = new ArrayList<>();
		List<RowProblem> problems = new ArrayList<>();
		Map<UUID, Integer> seen = new HashMap<>();
		for (int i = 0; i < deviceIds.size(); i++) {
			int line = i + 1;
			UUID id = deviceIds.get(i);
			Integer earlier = (id != null) ? seen.putIfAbsent(id, line) : null;
			if (id == null) {
				problems.add(new RowProblem(line, "deviceIds", "No device id"));
			}
			else if (earlier != null) {
				problems.add(new RowProblem(line, "deviceIds", "The same device as line " + earlier));
			}
			else {
				try {
					Device device = this.devices.get(id);
					rows.add(new BatchRow(line, device.getName(), null, null, null, null, device.getId()));
				}
				catch (DeviceNotFoundException ex) {
					problems.add(new RowProblem(line, "deviceIds", "No device with id " + id));
				}
			}
		}
		return new Validation(rows, problems);
	}

}
