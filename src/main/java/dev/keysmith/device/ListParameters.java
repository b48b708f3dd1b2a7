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

	/**
	 * The filter in words, e.g. "Certificates that end in 7 to 30 days, on tb-1".
	 * @param serverName the name of the server filtered by (null when unknown)
	 */
	public String describe(String serverName) {
		Integer from = this.expiresAfterDays;
		Integer to = this.expiresWithinDays;
		String ending;
		if (to != null && to == 0) {
			ending = "Expired certificates";
		}
		else if (to != null && from != null) {
			ending = (from == 0) ? "Certificates not expired that end within " + to + " days"
					: "Certificates that end in " + from + " to " + to + " days";
		}
		else if (to != null) {
			ending = "Certificates that end within " + to + " days, expired ones included";
		}
		else if (from != null) {
			ending = "Certificates that end in " + from + " days or more";
		}
		else {
			ending = "Certificates";
		}
		if (this.serverId == null) {
			return ending;
		}
		return ending + ", on " + ((serverName != null) ? serverName : "a server Keysmith no longer knows");
	}

	/** Whether the list is narrowed by days left or by server (not only by name). */
	public boolean narrowed() {
		return this.expiresWithinDays != null || this.expiresAfterDays != null || this.serverId != null;
	}

}
