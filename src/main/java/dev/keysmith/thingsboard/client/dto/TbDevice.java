package dev.keysmith.thingsboard.client.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The parts of ThingsBoard's Device that Keysmith uses. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TbDevice(EntityId id, String name, String type, EntityId deviceProfileId, Long version) {

}
