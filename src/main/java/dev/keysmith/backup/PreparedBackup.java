package dev.keysmith.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;

/**
 * A backup file made and waiting in a working folder of its own, to be streamed to
 * whoever asked for it; closing it deletes the folder.
 */
record PreparedBackup(Path file, String fileName, long size, Path workDir) implements AutoCloseable {

	static final String CONTENT_TYPE = "application/zip";

	/** Streams the file as a download; it is never held whole in memory. */
	void sendTo(HttpServletResponse response) throws IOException {
		response.setContentType(CONTENT_TYPE);
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
				ContentDisposition.attachment().filename(this.fileName).build().toString());
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.setContentLengthLong(this.size);
		try (InputStream in = Files.newInputStream(this.file)) {
			in.transferTo(response.getOutputStream());
		}
		response.flushBuffer();
	}

	@Override
	public void close() {
		delete(this.workDir);
	}

	static void delete(Path dir) {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> files = Files.walk(dir)) {
			files.sorted(Comparator.reverseOrder()).forEach((path) -> {
				try {
					Files.deleteIfExists(path);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
