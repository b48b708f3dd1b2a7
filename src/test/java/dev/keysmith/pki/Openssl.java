package dev.keysmith.pki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the openssl CLI, the independent checker of what Keysmith writes. */
public final class Openssl {

	private Openssl() {
	}

	/**
	 * Runs {@code openssl args…} in {@code dir}; returns its stdout; fails on a non-zero
	 * exit.
	 */
	public static String run(Path dir, String... args) {
		Result result = exec(dir, args);
		if (result.exitCode() != 0) {
			throw new AssertionError("openssl " + String.join(" ", args) + " exited " + result.exitCode() + ":\n"
					+ result.output() + result.errors());
		}
		return result.output();
	}

	public static Result exec(Path dir, String... args) {
		List<String> command = new ArrayList<>();
		command.add("openssl");
		command.addAll(List.of(args));
		try {
			Path errors = Files.createTempFile("openssl", ".err");
			Process process = new ProcessBuilder(command).directory(dir.toFile())
				.redirectError(errors.toFile())
				.start();
			process.getOutputStream().close();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new AssertionError("openssl " + String.join(" ", args) + " did not finish");
			}
			String errorText = Files.readString(errors);
			Files.delete(errors);
			return new Result(process.exitValue(), output, errorText);
		}
		catch (IOException ex) {
			throw new AssertionError("openssl cannot be run: the test command installs it", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	public record Result(int exitCode, String output, String errors) {
	}

}
