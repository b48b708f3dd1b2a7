package dev.keysmith.batch;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import dev.keysmith.common.CsvLine;
import dev.keysmith.device.Device;
import dev.keysmith.device.DeviceCredential;
import dev.keysmith.device.DeviceExports;
import dev.keysmith.device.DeviceNotFoundException;
import dev.keysmith.device.DeviceService;
import dev.keysmith.device.NoPrivateKeyException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;

/**
 * The downloads of a batch, written straight to the response a page of items at a time,
 * never built whole in memory: the report (one CSV row per item) and the bundles (the
 * single-device bundle of each device in a folder of its own, and a manifest). Each
 * device key that goes into the bundles is recorded in that device's audit trail, as a
 * single bundle download is.
 */
@Service
class BatchDownloads {

	private static final int PAGE = 200;

	private static final String REPORT_HEADER = "line,name,keysmith_id,thingsboard_device_id,credentials_id,"
			+ "sha256_fingerprint,not_after,state,failed_stage,cause,detail,verification_run_id,issue_ms,push_ms,"
			+ "verify_ms,certificate_id,certificate_serial,certificate_state,renew_ms\r\n";

	private final ItemStore items;

	private final DeviceService devices;

	private final DeviceExports exports;

	private final JsonMapper json;

	private final Clock clock;

	BatchDownloads(ItemStore items, DeviceService devices, DeviceExports exports, JsonMapper json, Clock clock) {
		this.items = items;
		this.devices = devices;
		this.exports = exports;
		this.json = json;
		this.clock = clock;
	}

	void report(UUID batchId, OutputStream out) throws IOException {
		Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
		writer.write(REPORT_HEADER);
		int line = 0;
		for (List<BatchItem> page = this.items.after(batchId, line, PAGE); !page.isEmpty(); page = this.items
			.after(batchId, line, PAGE)) {
			for (BatchItem item : page) {
				Optional<DeviceCredential> certificate = device(item.deviceId)
					.flatMap((device) -> certificate(item, device));
				boolean failed = item.state == ItemState.FAILED;
				List<String> cells = List.of(String.valueOf(item.line), item.name, text(item.deviceId),
						text(item.thingsBoardDeviceId), certificate.map(DeviceCredential::getCredentialsId).orElse(""),
						certificate.map(DeviceCredential::getSha256Fingerprint).orElse(""),
						certificate.map((c) -> c.getNotAfter().toString()).orElse(""), item.state.name(),
						failed ? text(item.stage) : "", text(item.cause), text(item.detail), text(item.runId),
						text(item.issueMillis), text(item.pushMillis), text(item.verifyMillis),
						certificate.map((c) -> c.getId().toString()).orElse(""),
						certificate.map(DeviceCredential::getSerialNumber).orElse(""),
						certificate.map((c) -> c.getState().name()).orElse(""), text(item.renewMillis));
				writer.write(csvLine(cells));
				line = item.line;
			}
			writer.flush();
		}
		writer.flush();
	}

	/**
	 * @param p12Password a PKCS#12 password for every device, or {@code null} for none
	 */
	void bundles(UUID batchId, String p12Password, String actor, String reason, OutputStream out) throws IOException {
		ZipOutputStream zip = new ZipOutputStream(out);
		// first pass: the manifest, so that the devices need not be held until the end
		Set<String> folders = new HashSet<>();
		List<Map<String, Object>> manifest = new ArrayList<>();
		forEachDevice(batchId, (item, device) -> {
			Optional<DeviceCredential> found = certificate(item, device);
			if (found.isEmpty() || (item.stage == Stage.RENEW && item.state != ItemState.RENEWED)) {
				return; // a renewal that did not go through hands out no new key
			}
			DeviceCredential certificate = found.get();
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("folder", folder(device, item, folders));
			entry.put("name", device.getName());
			entry.put("id", device.getId().toString());
			entry.put("line", item.line);
			entry.put("state", item.state.name());
			entry.put("thingsboardDeviceId", item.thingsBoardDeviceId);
			entry.put("certificateId", certificate.getId().toString());
			entry.put("certificateState", certificate.getState().name());
			entry.put("credentialsId", certificate.getCredentialsId());
			entry.put("sha256Fingerprint", certificate.getSha256Fingerprint());
			entry.put("notAfter", certificate.getNotAfter().toString());
			entry.put("hasPrivateKey", certificate.hasPrivateKey());
			manifest.add(entry);
		});
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("batchId", batchId.toString());
		document.put("exportedAt", this.clock.instant().toString());
		document.put("devices", manifest);
		put(zip, "manifest.json", this.json.writerWithDefaultPrettyPrinter().writeValueAsBytes(document));
		int index = 0;
		for (List<BatchItem> page = this.items.after(batchId, 0, PAGE); !page.isEmpty();) {
			int last = 0;
			for (BatchItem item : page) {
				last = item.line;
				if (item.deviceId == null || index >= manifest.size()
						|| !item.deviceId.toString().equals(manifest.get(index).get("id"))) {
					continue;
				}
				String folder = (String) manifest.get(index++).get("folder");
				byte[] bundle;
				try {
					// a device without a key gets no device.p12, rather than ending the
					// download half-way
					boolean withKey = Boolean.TRUE.equals(manifest.get(index - 1).get("hasPrivateKey"));
					String password = withKey ? p12Password : null;
					bundle = ((item.credentialId != null)
							? this.exports.bundle(item.deviceId, item.credentialId, password, actor, reason)
							: this.exports.bundle(item.deviceId, password, actor, reason))
						.content();
				}
				catch (DeviceNotFoundException | NoPrivateKeyException ex) {
					continue; // deleted, or its key with it, since the manifest was
								// written
				}
				copyInto(zip, folder, bundle);
			}
			zip.flush();
			page = this.items.after(batchId, last, PAGE);
		}
		zip.finish();
		zip.flush();
	}

	private interface DeviceVisitor {

		void visit(BatchItem item, Device device);

	}

	private void forEachDevice(UUID batchId, DeviceVisitor visitor) {
		int line = 0;
		for (List<BatchItem> page = this.items.after(batchId, line, PAGE); !page.isEmpty(); page = this.items
			.after(batchId, line, PAGE)) {
			for (BatchItem item : page) {
				line = item.line;
				device(item.deviceId).ifPresent((device) -> visitor.visit(item, device));
			}
		}
	}

	/**
	 * The certificate an item stands for: a renewal's new one, else the device's active
	 * one.
	 */
	private Optional<DeviceCredential> certificate(BatchItem item, Device device) {
		if (item.credentialId == null) {
			return Optional.of(device.activeCredential());
		}
		return device.credentialHistory().stream().filter((c) -> c.getId().equals(item.credentialId)).findFirst();
	}

	private Optional<Device> device(UUID id) {
		if (id == null) {
			return Optional.empty();
		}
		try {
			return Optional.of(this.devices.get(id));
		}
		catch (DeviceNotFoundException ex) {
			return Optional.empty();
		}
	}

	private static String folder(Device device, BatchItem item, Set<String> taken) {
		String safe = device.getName().replaceAll("[^A-Za-z0-9._-]", "_");
		if (safe.isEmpty() || safe.startsWith(".")) {
			safe = "device" + safe;
		}
		return taken.add(safe) ? safe : safe + "-" + item.line;
	}

	private void copyInto(ZipOutputStream zip, String folder, byte[] bundle) throws IOException {
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(bundle))) {
			for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				put(zip, folder + "/" + entry.getName(), in.readAllBytes());
			}
		}
	}

	private void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
		ZipEntry entry = new ZipEntry(name);
		entry.setTime(this.clock.millis());
		zip.putNextEntry(entry);
		zip.write(content);
		zip.closeEntry();
	}

	private static String text(Object value) {
		return (value != null) ? value.toString() : "";
	}

	/** One CSV line ({@link CsvLine}). */
	static String csvLine(List<String> cells) {
		return CsvLine.of(cells);
	}

}
