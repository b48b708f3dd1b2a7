package dev.keysmith.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A command line run by bash in a folder, for the tests that run libcoap's tools as a
 * user would.
 */
public final class Shell {

	private Shell() {
	}

	/**
	 * What the command printed (standard output and error); it must end within a minute.
	 */
	public static String run(Path directory, String command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder("bash", "-c", command).directory(directory.toFile())
			.redirectErrorStream(true)
			.start();
		process.getOutputStream().close();
		byte[] output = process.getInputStream().readAllBytes();
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException("Still running after 60 s: " + command);
		}
		return new String(output, StandardCharsets.UTF_8);
	}

}
