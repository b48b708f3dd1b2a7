package dev.keysmith.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One REST exchange recorded on a real ThingsBoard CE 4.3 (a {@code NN-*.txt} file under
 * {@code src/test/resources/dev/keysmith/thingsboard/recordings}, format in its README):
 * the request ({@code >} lines) and the answer ({@code <} lines), access tokens written
 * {@code <jwt>}.
 */
public record Recording(String name, String method, String target, Map<String, String> requestHeaders,
		String requestBody, int status, String contentType, String responseBody) {

	public static final String JWT = "<jwt>";

	private static final String FOLDER = "/dev/keysmith/thingsboard/recordings/";

	/** Every REST recording, in the order they were recorded (by file name). */
	public static List<Recording> all() {
		URL folder = Recording.class.getResource(FOLDER);
		try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
			return files.map((file) -> file.getFileName().toString())
				.filter((name) -> name.matches("\\d\\d-.*\\.txt") && !name.startsWith("30-"))
				.sorted()
				.map(Recording::named)
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The recording in the file of that name, {@code 08-device-with-credentials.txt} say.
	 */
	public static Recording named(String fileName) {
		try (InputStream in = Recording.class.getResourceAsStream(FOLDER + fileName)) {
			if (in == null) {
				throw new IllegalArgumentException("No recording " + fileName);
			}
			return parse(fileName, new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Recording parse(String name, String text) {
		List<String> request = new ArrayList<>();
		List<String> response = new ArrayList<>();
		for (String line : text.split("\n", -1)) {
			if (line.startsWith(">")) {
				request.add(line.substring(Math.min(2, line.length())));
			}
			else if (line.startsWith("<")) {
				response.add(line.substring(Math.min(2, line.length())));
			}
		}
		String[] requestLine = request.get(0).split(" ", 2);
		Map<String, String> requestHeaders = new LinkedHashMap<>();
		String requestBody = body(request, requestHeaders);
		Map<String, String> responseHeaders = new LinkedHashMap<>();
		String responseBody = body(response, responseHeaders);
		int status = Integer.parseInt(response.get(0).substring("HTTP ".length()).strip());
		return new Recording(name, requestLine[0], requestLine[1], requestHeaders, requestBody, status,
				responseHeaders.get("Content-Type"), responseBody);
	}

	/**
	 * Reads the headers after the first line into {@code headers}; the body is what
	 * follows the blank line.
	 */
	private static String body(List<String> lines, Map<String, String> headers) {
		int blank = lines.size();
		for (int i = 1; i < lines.size(); i++) {
			if (lines.get(i).isEmpty()) {
				blank = i;
				break;
			}
			int colon = lines.get(i).indexOf(':');
			headers.put(lines.get(i).substring(0, colon), lines.get(i).substring(colon + 1).strip());
		}
		List<String> body = new ArrayList<>(lines.subList(Math.min(blank + 1, lines.size()), lines.size()));
		while (!body.isEmpty() && body.get(body.size() - 1).isEmpty()) {
			body.remove(body.size() - 1);
		}
		return String.join("\n", body);
	}

	/** The path without the query. */
	public String path() {
		int query = this.target.indexOf('?');
		return (query < 0) ? this.target : this.target.substring(0, query);
	}

	/**
	 * Whether the answer is ThingsBoard's error JSON ({@code status}, {@code message},
	 * {@code errorCode}).
	 */
	public boolean isError() {
		return this.status >= 400;
	}

	@Override
	public String toString() {
		return this.name;
	}

}
