package dev.keysmith.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.keysmith.common.InvalidRequestException;
import dev.keysmith.device.Device;
import dev.keysmith.device.DeviceQuery;
import dev.keysmith.device.DeviceService;

import org.springframework.data.domain.Page;
import org.springframework.stereotype.Component;

/**
 * "All devices matching the search" of the device list, and the devices a renewal batch
 * renews, as a batch takes them: page by page, up to a batch's size.
 */
@Component
class MatchingDevices {

	private final DeviceService devices;

	private final BatchProperties properties;

	MatchingDevices(DeviceService devices, BatchProperties properties) {
		this.devices = devices;
		this.properties = properties;
	}

	/**
	 * How many devices' certificates end within the days given, on the server given (or
	 * any): those a renewal batch would renew now.
	 */
	long countExpiring(int days, UUID serverId) {
		return this.devices.list(new DeviceQuery(null, days, null, serverId, DeviceQuery.Order.DAYS_LEFT), 0, 1)
			.getTotalElements();
	}

	List<UUID> ids(String query) {
		List<UUID> ids = new ArrayList<>();
		for (int page = 0; ids.size() < this.properties.maxItems(); page++) {
			Page<Device> found = this.devices.list(query, page, DeviceService.MAX_PAGE_SIZE);
			found.forEach((device) -> {
				if (ids.size() < this.properties.maxItems()) {
					ids.add(device.getId());
				}
			});
			if (!found.hasNext()) {
				break;
			}
		}
		return ids;
	}

	/**
	 * The devices whose active certificate ends within the days given (the expired ones
	 * too), pushed to the server given (any, or none, when {@code null}), soonest first.
	 */
	Validation expiringRows(int days, UUID serverId) {
		DeviceQuery query = new DeviceQuery(null, days, null, serverId, DeviceQuery.Order.DAYS_LEFT);
		List<BatchRow> rows = new ArrayList<>();
		for (int page = 0;; page++) {
			Page<Device> found = this.devices.list(query, page, DeviceService.MAX_PAGE_SIZE);
			if (found.getTotalElements() > this.properties.maxItems()) {
				throw new InvalidRequestException("expiresWithinDays",
						"%d devices expire within %d days: a batch takes at most %d. Renew fewer at a time (fewer days, or one server)"
							.formatted(found.getTotalElements(), days, this.properties.maxItems()));
			}
			for (Device device : found) {
				rows.add(new BatchRow(rows.size() + 1, device.getName(), null, null, null, null, device.getId()));
			}
			if (!found.hasNext()) {
				break;
			}
		}
		if (rows.isEmpty()) {
			throw new InvalidRequestException("expiresWithinDays", "No device's certificate expires within " + days
					+ " days" + ((serverId != null) ? " on that server" : "") + ": there is nothing to renew");
		}
		return new Validation(rows, List.of());
	}

}
