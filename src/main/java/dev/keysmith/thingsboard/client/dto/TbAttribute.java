package dev.keysmith.thingsboard.client.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** One attribute as ThingsBoard lists them: its key, when it last changed, its value. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TbAttribute(String key, long lastUpdateTs, Object value) {

}
