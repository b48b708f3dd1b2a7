package dev.keysmith.batch;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/** Batch options as stored with the batch (JSON), read once per poll. */
@Component
class BatchOptionsCodec {

	private final JsonMapper json;

	BatchOptionsCodec(JsonMapper json) {
		this.json = json;
	}

	String write(BatchOptions options) {
		return this.json.writeValueAsString(options);
	}

	BatchOptions read(String text) {
		return this.json.readValue(text, BatchOptions.class);
	}

}
