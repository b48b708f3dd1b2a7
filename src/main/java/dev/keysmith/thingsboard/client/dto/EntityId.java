package dev.keysmith.thingsboard.client.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** ThingsBoard's {@code {"entityType":…,"id":…}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EntityId(String entityType, String id) {

	public static EntityId deviceProfile(String id) {
		return new EntityId("DEVICE_PROFILE", id);
	}

}
