package dev.keysmith.thingsboard.client.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A device profile info: its transport type decides whether CoAP devices may connect. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TbProfile(EntityId id, String name, String type, String transportType) {

	/**
	 * CoAP devices are refused (4.01) on profiles of other transports (MQTT, LWM2M,
	 * SNMP).
	 */
	public boolean acceptsCoap() {
		return "DEFAULT".equals(this.transportType) || "COAP".equals(this.transportType);
	}

}
