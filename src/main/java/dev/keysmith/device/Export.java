package dev.keysmith.device;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** A file to hand to the operator. */
public record Export(String filename, String contentType, byte[] content) {

	/**
	 * The file as a download, never cached: the answer of the pages and the API alike.
	 */
	ResponseEntity<byte[]> download() {
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(this.filename).build().toString())
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.contentType(MediaType.parseMediaType(this.contentType))
			.body(this.content);
	}

}
