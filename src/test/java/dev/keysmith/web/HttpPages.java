package dev.keysmith.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser-like conversation with Keysmith over real HTTP: it keeps the session cookie
 * by hand (a cookie marked Secure is kept too, so that tests of forwarded HTTPS can go on
 * over plain HTTP), reads the CSRF token from the last page and follows no redirects.
 */
final class HttpPages {

	private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String base;

	private final Map<String, String> headers = new LinkedHashMap<>();

	private String session;

	private String csrfToken;

	HttpPages(int port) {
		this.base = "http://127.0.0.1:" + port;
		this.headers.put("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
	}

	/** Sends this header with every request from now on, as a proxy in front would. */
	HttpPages always(String name, String value) {
		this.headers.put(name, value);
		return this;
	}

	String csrfToken() {
		return this.csrfToken;
	}

	HttpResponse<String> get(String path, String... headers) {
		return send(request(path, headers).GET());
	}

	HttpResponse<String> postForm(String path, Map<String, String> form, String... headers) {
		String body = form.entrySet()
			.stream()
			.map((field) -> encode(field.getKey()) + "=" + encode(field.getValue()))
			.collect(Collectors.joining("&"));
		return send(request(path, headers).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	HttpResponse<String> postJson(String path, String json, String... headers) {
		return send(request(path, headers).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	/** Opens the login page and logs in with the form, as a person would. */
	HttpResponse<String> logIn(String username, String password) {
		get("/login");
		HttpResponse<String> response = postForm("/login",
				Map.of("username", username, "password", password, "_csrf", this.csrfToken));
		assertThat(response.statusCode()).as("login answer").isEqualTo(302);
		return response;
	}

	static String basic(String username, String password) {
		return "Basic "
				+ Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	private HttpRequest.Builder request(String path, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(30));
		this.headers.forEach(request::header);
		if (this.session != null) {
			request.header("Cookie", this.session);
		}
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return request;
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
			response.headers()
				.allValues("Set-Cookie")
				.stream()
				.filter((cookie) -> cookie.startsWith("JSESSIONID="))
				.findFirst()
				.ifPresent((cookie) -> this.session = cookie.substring(0, cookie.indexOf(';')));
			Matcher token = CSRF_FIELD.matcher(response.body());
			if (token.find()) {
				this.csrfToken = token.group(1);
			}
			return response;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
