package dev.keysmith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * The whole application on a file H2 database and master key file in a fresh temporary
 * data directory, shared by the test classes that extend this (one cached context).
 */
@SpringBootTest
@AutoConfigureMockMvc
public abstract class KeysmithTestSupport {

	public static final String ADMIN_PASSWORD = "test-admin-password";

	protected static final Path DATA_DIR = newDataDir();

	@Autowired
	protected MockMvcTester mvc;

	@DynamicPropertySource
	static void dataDirectory(DynamicPropertyRegistry registry) {
		registry.add("keysmith.data-dir", DATA_DIR::toString);
		registry.add("keysmith.vault.master-key", () -> "");
		registry.add("keysmith.security.admin-password", () -> ADMIN_PASSWORD);
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
