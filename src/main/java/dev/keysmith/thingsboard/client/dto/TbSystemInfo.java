package dev.keysmith.thingsboard.client.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** {@code GET /api/system/info}: e.g. version "3.9.1", type "CE". */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TbSystemInfo(String version, String artifact, String name, String type) {

	/** "ThingsBoard CE 3.9.1", or as much of it as the server told. */
	public String describe() {
		return "ThingsBoard" + ((this.type != null) ? " " + this.type : "")
				+ ((this.version != null) ? " " + this.version : "");
	}

}
