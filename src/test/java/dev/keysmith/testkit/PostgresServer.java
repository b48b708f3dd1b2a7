package dev.keysmith.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for the tests of the {@code postgres} profile: Debian's
 * binaries, started once per test JVM on a free loopback port, data in a temporary
 * directory, stopped and deleted when the JVM ends. As root (CI), the server runs as the
 * {@code postgres} user, since PostgreSQL refuses to run as root.
 */
public final class PostgresServer {

	public static final String USER = "keysmith";

	private static PostgresServer shared;

	private final Path bin;

	private final Path dir;

	private final int port;

	private final boolean root;

	private PostgresServer() throws IOException, InterruptedException {
		this.bin = binaries();
		this.dir = Files.createTempDirectory("keysmith-postgres");
		this.port = freePort();
		this.root = "root".equals(System.getProperty("user.name"));
		if (this.root) {
			UserPrincipal postgres = this.dir.getFileSystem()
				.getUserPrincipalLookupService()
				.lookupPrincipalByName("postgres");
			Files.setOwner(this.dir, postgres);
		}
		Path data = this.dir.resolve("data");
		run(this.bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "-A", "trust", "-E", "UTF8",
				"--no-sync");
		run(this.bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
				this.dir.resolve("server.log").toString(), "-w", "-o",
				// every cached test context on PostgreSQL keeps a pool of ten connections
				// open (and the two-instance tests two each): more than the default 100
				"-p " + this.port + " -k " + this.dir + " -c listen_addresses=127.0.0.1 -c fsync=off "
						+ "-c synchronous_commit=off -c full_page_writes=off -c max_connections=400",
				"start");
	}

	/** The shared server, started on first use. */
	public static synchronized PostgresServer shared() {
		if (shared == null) {
			try {
				shared = new PostgresServer();
			}
			catch (IOException ex) {
				throw new IllegalStateException("PostgreSQL could not be started: " + ex.getMessage(), ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "postgres-stop"));
		}
		return shared;
	}

	/** Creates a new, empty database and returns its JDBC URL. */
	public String newDatabase(String name) {
		try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, "");
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
			return jdbcUrl(name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Database " + name + " could not be created: " + ex.getMessage(), ex);
		}
	}

	private final java.util.Map<String, String> databases = new java.util.concurrent.ConcurrentHashMap<>();

	/**
	 * Points a Spring test context at a database of its own on the shared server, with
	 * the {@code postgres} profile's settings.
	 */
	public static void register(org.springframework.test.context.DynamicPropertyRegistry registry, String database) {
		registry.add("spring.datasource.url",
				() -> shared().databases.computeIfAbsent(database, (name) -> shared().newDatabase(name)));
		registry.add("spring.datasource.username", () -> USER);
		registry.add("spring.datasource.password", () -> "");
	}

	/**
	 * A client program of this server's version, e.g. {@code pg_dump} or
	 * {@code pg_restore}.
	 */
	public Path binary(String name) {
		return this.bin.resolve(name);
	}

	/** The loopback port the server listens on. */
	public int port() {
		return this.port;
	}

	public String jdbcUrl(String database) {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/" + database;
	}

	private void stop() {
		try {
			run(this.bin.resolve("pg_ctl").toString(), "-D", this.dir.resolve("data").toString(), "-m", "immediate",
					"-w", "stop");
		}
		catch (IOException | InterruptedException | IllegalStateException ex) {
			// the JVM is ending anyway
		}
		try (Stream<Path> files = Files.walk(this.dir)) {
			files.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// best effort
		}
	}

	private void run(String... command) throws IOException, InterruptedException {
		List<String> full = new ArrayList<>();
		if (this.root) {
			full.addAll(List.of("runuser", "-u", "postgres", "--"));
		}
		full.addAll(List.of(command));
		Process process = new ProcessBuilder(full).directory(this.dir.toFile()).redirectErrorStream(true).start();
		process.getOutputStream().close();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IllegalStateException(String.join(" ", full) + " failed:\n" + output);
		}
	}

	private static Path binaries() throws IOException {
		Path root = Path.of("/usr/lib/postgresql");
		if (!Files.isDirectory(root)) {
			throw new IOException(
					"PostgreSQL is not installed (Debian package postgresql): the test command installs it");
		}
		try (Stream<Path> versions = Files.list(root)) {
			return versions.filter((v) -> Files.isExecutable(v.resolve("bin/initdb")))
				.max(Comparator
					.comparing((Path v) -> Integer.parseInt(v.getFileName().toString().replaceAll("\\D", "0"))))
				.map((v) -> v.resolve("bin"))
				.orElseThrow(() -> new IOException("No PostgreSQL server binaries under " + root));
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
