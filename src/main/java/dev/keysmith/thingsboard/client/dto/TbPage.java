package dev.keysmith.thingsboard.client.dto;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** ThingsBoard's PageData. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TbPage<T>(List<T> data, int totalPages, long totalElements, boolean hasNext) {

}
