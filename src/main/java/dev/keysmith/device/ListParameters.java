package dev.keysmith.device;

import java.util.UUID;

/**
 * The device list page's query parameters, as the JSON API names them: the search text,
 * the bounds on the days the certificate has left, the server, the order and the page.
 */
public record ListParameters(String q, Integer expiresWithinDays, Integer expiresAfterDays, UUID serverId, String sort,
		int page) {

	public DeviceQuery query() {
		return new DeviceQuery(this.q, this.expiresWithinDays, this.expiresAfterDays, this.serverId,
				DeviceQuery.Order.parse(this.sort));
	}

	public int pageNumber() {
		return this.page;
	}

	/** Whether the list is narrowed by days left or by server (not only by name). */
	public boolean narrowed() {
		return this.expiresWithinDays != null || this.expiresAfterDays != null || this.serverId != null;
	}

}
