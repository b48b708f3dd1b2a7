package dev.keysmith.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.json.JsonMapper;

/**
 * A JSON body of the double from {@code src/test/resources/dev/keysmith/testkit/}, with
 * {@code {{name}}} placeholders: strings are written quoted, numbers and {@code null} as
 * they are, {@link Raw} values as the JSON they hold. Read once, without the white space
 * outside strings, so that the double answers compact JSON as a real server does.
 */
final class JsonFixture {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");

	private static final Map<String, String> TEMPLATES = new ConcurrentHashMap<>();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private JsonFixture() {
	}

	/** JSON text put in as it is. */
	record Raw(String json) {
	}

	/** Names and values in turn, {@code null} values allowed. */
	static Map<String, Object> values(Object... namesAndValues) {
		Map<String, Object> values = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			values.put((String) namesAndValues[i], namesAndValues[i + 1]);
		}
		return values;
	}

	static String render(String name, Map<String, ?> values) {
		Matcher matcher = PLACEHOLDER.matcher(TEMPLATES.computeIfAbsent(name, JsonFixture::load));
		StringBuilder result = new StringBuilder();
		while (matcher.find()) {
			if (!values.containsKey(matcher.group(1))) {
				throw new IllegalArgumentException(name + " needs a value for " + matcher.group(1));
			}
			matcher.appendReplacement(result, Matcher.quoteReplacement(json(values.get(matcher.group(1)))));
		}
		matcher.appendTail(result);
		return result.toString();
	}

	private static String json(Object value) {
		return (value instanceof Raw raw) ? raw.json() : JSON.writeValueAsString(value);
	}

	private static String load(String name) {
		try (InputStream in = JsonFixture.class.getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalArgumentException("No fixture " + name);
			}
			return compact(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The text without white space outside strings. */
	private static String compact(String text) {
		StringBuilder result = new StringBuilder(text.length());
		boolean inString = false;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (inString) {
				result.append(c);
				if (c == '\\') {
					result.append(text.charAt(++i));
				}
				else if (c == '"') {
					inString = false;
				}
			}
			else if (!Character.isWhitespace(c)) {
				result.append(c);
				inString = (c == '"');
			}
		}
		return result.toString();
	}

}
