package dev.keysmith.expiry;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.keysmith.device.DeviceExpiry;
import dev.keysmith.device.DeviceService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/**
 * Records which certificates entered which expiry window: each ACTIVE certificate's
 * window now, once per certificate and window (later is no news). A certificate that
 * skipped windows (Keysmith was off, or it came in close to its end) enters the one it is
 * in. Two instances scanning at once write each entry once: the schema refuses the
 * second.
 */
@Component
class ExpiryScan {

	private static final Logger log = LoggerFactory.getLogger(ExpiryScan.class);

	private final DeviceService devices;

	private final ExpiryEntryRepository entries;

	private final Clock clock;

	ExpiryScan(DeviceService devices, ExpiryEntryRepository entries, Clock clock) {
		this.devices = devices;
		this.entries = entries;
		this.clock = clock;
	}

	/** Scans every device now; returns the entries it recorded. */
	List<ExpiryEntry> scan() {
		Instant now = this.clock.instant();
		Set<EntryKey> known = new HashSet<>(this.entries.findKeys());
		List<ExpiryEntry> entered = new ArrayList<>();
		List<DeviceExpiry> all = this.devices.expiries();
		for (DeviceExpiry device : all) {
			ExpiryWindow window = ExpiryWindow.of(device.notAfter(), now);
			if (!window.noteworthy() || known.contains(new EntryKey(device.credentialId(), window))) {
				continue;
			}
			ExpiryEntry entry = new ExpiryEntry(device.credentialId(), device.deviceId(), device.deviceName(),
					device.serverId(), window, device.notAfter(), now);
			try {
				entered.add(this.entries.save(entry));
			}
			catch (DataIntegrityViolationException ex) {
				// another instance recorded it first
				log.debug("Expiry entry {} of credential {} was recorded already", window, device.credentialId());
			}
		}
		log.info("Expiry scan of {} devices: {} entered a window", all.size(), entered.size());
		return entered;
	}

}
