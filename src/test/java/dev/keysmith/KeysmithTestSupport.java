package dev.keysmith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import dev.keysmith.common.KeyExportReason;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

/**
 * The whole application on a file H2 database and master key file in a fresh temporary
 * data directory, on a real port too, shared by the test classes that extend this (one
 * cached context in each test JVM: a class that declares other settings starts a context
 * of its own, which costs seconds, so do that only where the settings are what the class
 * tests). Verification waits 3 s, not 10, for the read-back and notifications, so that
 * the tests of their failures end sooner.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "keysmith.verify.read-back-timeout=3s", "keysmith.verify.notification-timeout=3s" })
@AutoConfigureMockMvc
public abstract class KeysmithTestSupport {

	public static final String ADMIN_PASSWORD = "test-admin-password";

	protected static final Path DATA_DIR = newDataDir();

	@Autowired
	protected MockMvcTester mvc;

	/**
	 * Passwords hashed with bcrypt's lowest cost: every API call of a test signs in with
	 * HTTP Basic, and at bcrypt's default cost hundreds of them are minutes of CPU. The
	 * hashes are bcrypt all the same ({@code {bcrypt}$2a$04$…}), read by the
	 * application's own encoder.
	 */
	@TestBean
	PasswordEncoder passwordEncoder;

	public static PasswordEncoder passwordEncoder() {
		return new DelegatingPasswordEncoder("bcrypt", Map.of("bcrypt", new BCryptPasswordEncoder(4)));
	}

	@DynamicPropertySource
	static void dataDirectory(DynamicPropertyRegistry registry) {
		registry.add("keysmith.data-dir", DATA_DIR::toString);
		registry.add("keysmith.vault.master-key", () -> "");
		registry.add("keysmith.security.admin-password", () -> ADMIN_PASSWORD);
		// the tests of one shared application export many keys as admin within the hour
		registry.add("keysmith.security.key-exports.per-hour", () -> "100000");
	}

	/**
	 * The admin account's HTTP Basic credentials, as an API client sends them, with a
	 * reason for the key exports among its requests (as a script that exports keys states
	 * one; the tests of the reason itself sign in without this).
	 */
	protected static RequestPostProcessor admin() {
		RequestPostProcessor basic = httpBasic("admin", ADMIN_PASSWORD);
		return (request) -> {
			request.addHeader(KeyExportReason.HEADER, "test of " + request.getRequestURI());
			return basic.postProcessRequest(request);
		};
	}

	/** {@code POST} of a JSON body to the API as the admin account. */
	protected MvcTestResult postJson(String uri, String json) {
		return this.mvc.post().uri(uri).contentType(MediaType.APPLICATION_JSON).content(json).with(admin()).exchange();
	}

	/** {@code PUT} of a JSON body to the API as the admin account. */
	protected MvcTestResult putJson(String uri, String json) {
		return this.mvc.put().uri(uri).contentType(MediaType.APPLICATION_JSON).content(json).with(admin()).exchange();
	}

	/** {@code GET} from the API as the admin account. */
	protected MvcTestResult getAsAdmin(String uri) {
		return this.mvc.get().uri(uri).with(admin()).exchange();
	}

	/**
	 * The {@code id} of what a {@code 201 Created} answer describes (fails unless it is
	 * one).
	 */
	protected static String createdId(MvcTestResult result) {
		assertThat(result).hasStatus(HttpStatus.CREATED);
		try {
			return JsonPath.read(result.getResponse().getContentAsString(), "$.id");
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Path newDataDir() {
		try {
			return Files.createTempDirectory("keysmith-test-");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
