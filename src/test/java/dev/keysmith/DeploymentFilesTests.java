package dev.keysmith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.keysmith.pki.Openssl;
import dev.keysmith.testkit.NeedsComposeClient;
import dev.keysmith.testkit.NeedsOpenssl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml, the Dockerfile and the DTLS certificate script, checked here where
 * no Docker engine runs: the compose client validates the file, and the parts that must
 * agree with Keysmith's settings and ThingsBoard's are read and compared.
 */
@NeedsOpenssl
class DeploymentFilesTests {

	private static final Path COMPOSE = Path.of("docker-compose.yml");

	/**
	 * The group of the user the thingsboard/tb-postgres container runs as (thingsboard,
	 * 799:799).
	 */
	private static final int THINGSBOARD_GID = 799;

	private static final int NOBODY = 65534;

	@TempDir
	Path dir;

	@NeedsComposeClient
	@Test
	void composeWhenValidatedByTheComposeClientThenAcceptedAndRequiresTheAdminPassword() throws Exception {
		Result ok = compose(Map.of("KEYSMITH_ADMIN_PASSWORD", "compose-check"), "config", "--quiet");
		assertThat(ok.exitCode()).as(ok.output()).isZero();
		Result missing = compose(Map.of(), "config", "--quiet");
		assertThat(missing.exitCode()).isNotZero();
		assertThat(missing.output()).contains("set KEYSMITH_ADMIN_PASSWORD");
	}

	@Test
	void composeWhenReadThenImagesPinnedPortsPublishedAndDtlsEnabled() throws Exception {
		Map<String, Map<String, Object>> services = services();
		assertThat(services).containsOnlyKeys("keysmith", "keysmith-db", "thingsboard");
		services.forEach((name, service) -> {
			String image = (String) service.get("image");
			assertThat(image).as(name).contains(":").doesNotEndWith(":latest");
		});
		assertThat(services.get("keysmith").get("build")).isNotNull();
		assertThat((String) services.get("thingsboard").get("image")).startsWith("thingsboard/tb-postgres:");

		Map<String, Object> thingsBoard = services.get("thingsboard");
		Map<String, Object> tbEnvironment = environment(thingsBoard);
		assertThat(tbEnvironment).containsEntry("COAP_DTLS_ENABLED", "true")
			.containsEntry("COAP_DTLS_BIND_PORT", "5684");
		assertThat(strings(thingsBoard.get("ports"))).contains("5684:5684/udp", "9090:9090");
		// the certificate and key ThingsBoard is told to use are in the folder mounted
		// for them
		List<String> volumes = strings(thingsBoard.get("volumes"));
		assertThat(volumes).contains("./dtls:/config/dtls:ro");
		assertThat((String) tbEnvironment.get("COAP_DTLS_PEM_CERT")).startsWith("/config/dtls/");
		assertThat((String) tbEnvironment.get("COAP_DTLS_PEM_KEY")).startsWith("/config/dtls/");
		assertThat(strings(services.get("keysmith").get("ports"))).contains("8080:8080");
	}

	@Test
	void composeWhenReadThenKeysmithEnvironmentMatchesItsSettingsAndTheOtherServices() throws Exception {
		Map<String, Map<String, Object>> services = services();
		Map<String, Object> keysmith = environment(services.get("keysmith"));
		String settings = Files.readString(Path.of("src/main/resources/application.yml"))
				+ Files.readString(Path.of("src/main/resources/application-postgres.yml"));
		for (String variable : keysmith.keySet()) {
			if (variable.startsWith("KEYSMITH_")) {
				assertThat(settings).as("Keysmith reads " + variable).contains("${" + variable + ":");
			}
		}
		assertThat(keysmith).containsEntry("SPRING_PROFILES_ACTIVE", "postgres");
		Map<String, Object> database = environment(services.get("keysmith-db"));
		assertThat((String) keysmith.get("KEYSMITH_DB_URL"))
			.isEqualTo("jdbc:postgresql://keysmith-db:5432/" + database.get("POSTGRES_DB"));
		assertThat(keysmith.get("KEYSMITH_DB_USER")).isEqualTo(database.get("POSTGRES_USER"));
		assertThat(keysmith.get("KEYSMITH_DB_PASSWORD")).isEqualTo(database.get("POSTGRES_PASSWORD"));
		// ThingsBoard inside the compose network: its service name, its container HTTP
		// port, its DTLS port
		assertThat(keysmith).containsEntry("KEYSMITH_TB_URL", "http://thingsboard:9090")
			.containsEntry("KEYSMITH_TB_COAP_HOST", "thingsboard")
			.containsEntry("KEYSMITH_TB_COAP_PORT",
					environment(services.get("thingsboard")).get("COAP_DTLS_BIND_PORT"));
		assertThat(keysmith).containsEntry("KEYSMITH_DATA_DIR", "/data");
		// served over HTTPS through a TLS-terminating proxy: its forwarded headers are
		// honoured
		assertThat(keysmith).containsEntry("KEYSMITH_BEHIND_PROXY", "true");
		assertThat(strings(services.get("keysmith").get("volumes"))).contains("keysmith-data:/data");
	}

	@Test
	void dockerfileWhenReadThenBuildsWithMavenAndRunsTheJarOnAJreAsAnUnprivilegedUser() throws Exception {
		Map<String, Object> build = (Map<String, Object>) services().get("keysmith").get("build");
		List<String> lines = Files.readAllLines(Path.of((String) build.get("dockerfile")));
		List<String> from = lines.stream().filter((l) -> l.startsWith("FROM ")).toList();
		assertThat(from).hasSize(2);
		assertThat(from.get(0)).startsWith("FROM maven:").contains("temurin-17").endsWith(" AS build");
		assertThat(from.get(1)).startsWith("FROM eclipse-temurin:17").contains("jre");
		assertThat(lines).anyMatch((l) -> l.startsWith("USER ") && !l.contains("root"));
		assertThat(lines).anyMatch((l) -> l.startsWith("ENTRYPOINT [\"java\", "));
	}

	@Test
	void dockerfileWhenReadThenTheImageRunsTheExtractedJarWithAClassDataSharingArchiveTrainedOnItsOwnJvm()
			throws Exception {
		List<String> instructions = dockerfileInstructions();
		int runtimeStage = instructions.size() - 1;
		while (!instructions.get(runtimeStage).startsWith("FROM ")) {
			runtimeStage--;
		}
		List<String> build = instructions.subList(0, runtimeStage);
		List<String> runtime = instructions.subList(runtimeStage, instructions.size());
		assertThat(build).anyMatch(
				(i) -> i.startsWith("RUN ") && i.contains("java -Djarmode=tools -jar ") && i.contains(" extract "));
		// the training run is made by the JVM that runs the image: an archive only fits
		// the JVM that wrote it
		String training = runtime.stream()
			.filter((i) -> i.startsWith("RUN ") && i.contains("-XX:ArchiveClassesAtExit="))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no CDS training run in the runtime stage"));
		assertThat(training).contains("-Dspring.context.exit=onRefresh");
		// ACCP's classes out of the archive: OpenJDK 17 crashes dumping them
		assertThat(training).contains("--keysmith.crypto.provider=bc");
		String archive = valueAfter(training, "-XX:ArchiveClassesAtExit=");
		String jar = valueAfter(training, "-jar ");
		List<Object> entrypoint = new Yaml().load(runtime.stream()
			.filter((i) -> i.startsWith("ENTRYPOINT "))
			.findFirst()
			.orElseThrow()
			.substring("ENTRYPOINT ".length()));
		assertThat(entrypoint).containsExactly("java", "-XX:SharedArchiveFile=" + archive, "-jar", jar);
		// the training's database and master key do not stay in the image; a missing
		// archive fails the build
		String trainingData = valueAfter(training, "--keysmith.data-dir=");
		assertThat(training).contains("rm -rf " + trainingData).contains("test -s " + archive);
	}

	@Test
	void composeWhenComparedWithTheDocsThenSetsOnlyThingsBoardSettingsTheDocsDescribeAndAllThatDtlsNeeds()
			throws Exception {
		Map<String, Boolean> documented = documentedThingsBoardSettings();
		// positive control: the table is read, and it holds what a DTLS deployment is
		// known to need
		assertThat(documented).containsKeys("COAP_DTLS_MAX_TRANSMISSION_UNIT", "COAP_DTLS_MAX_FRAGMENT_LENGTH")
			.containsEntry("COAP_DTLS_ENABLED", true)
			.containsEntry("COAP_DTLS_PEM_CERT", true)
			.containsEntry("COAP_DTLS_PEM_KEY", true)
			.containsEntry("DEVICE_CONNECTIVITY_COAPS_CA_ROOT_CERT", true);
		Map<String, Object> thingsBoard = environment(services().get("thingsboard"));
		assertThat(documented.keySet())
			.as("ThingsBoard settings in docker-compose.yml that docs/thingsboard.md describes")
			.containsAll(thingsBoard.keySet());
		List<String> required = documented.entrySet()
			.stream()
			.filter(Map.Entry::getValue)
			.map(Map.Entry::getKey)
			.toList();
		assertThat(thingsBoard).as("settings docs/thingsboard.md says a DTLS deployment needs")
			.containsKeys(required.toArray(String[]::new));
	}

	@Test
	void dtlsCertificateScriptWhenRunThenOpensslVerifiesTheServerCertificateForTheComposeNames() throws Exception {
		Path dtls = this.dir.resolve("dtls");
		String output = makeDtlsCertificate(dtls);
		Openssl.run(dtls, "verify", "-CAfile", "ca.pem", "server.pem");
		String text = Openssl.run(dtls, "x509", "-in", "server.pem", "-noout", "-text");
		assertThat(text).contains("DNS:thingsboard")
			.contains("DNS:localhost")
			.contains("IP Address:127.0.0.1")
			.contains("ecdsa-with-SHA256");
		assertThat(Openssl.run(dtls, "pkey", "-in", "server_key.pem", "-pubout"))
			.isEqualTo(Openssl.run(dtls, "x509", "-in", "server.pem", "-pubkey", "-noout"));
		assertThat(Files.readString(dtls.resolve("server.pem"))).contains(Files.readString(dtls.resolve("ca.pem")));
		assertThat(output).contains(dtls.resolve("ca.pem").toString());
		// a second run keeps the certificate devices already trust
		Process again = new ProcessBuilder("bash", "src/main/docker/make-dtls-cert.sh", dtls.toString()).start();
		assertThat(again.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(again.exitValue()).isNotZero();
	}

	@Test
	void dtlsCertificateScriptWhenRunThenTheMountedFolderHoldsWhatComposeNamesAndNoCaKey() throws Exception {
		Path dtls = this.dir.resolve("dtls");
		makeDtlsCertificate(dtls);
		Map<String, Object> thingsBoard = services().get("thingsboard");
		String mounted = strings(thingsBoard.get("volumes")).stream()
			.filter((volume) -> volume.startsWith("./dtls:"))
			.map((volume) -> volume.split(":")[1] + "/")
			.findFirst()
			.orElseThrow();
		List<String> named = environment(thingsBoard).values()
			.stream()
			.map(String::valueOf)
			.filter((value) -> value.startsWith(mounted))
			.map((value) -> value.substring(mounted.length()))
			.toList();
		assertThat(named).contains("server.pem", "server_key.pem", "ca.pem");
		try (var files = Files.list(dtls)) {
			assertThat(files.map((file) -> file.getFileName().toString()).toList())
				.as("the folder mounted into ThingsBoard holds what compose names, and no other key")
				.containsExactlyInAnyOrderElementsOf(named);
		}
		// the CA file ThingsBoard's download serves is the CA of its server certificate
		Openssl.run(dtls, "verify", "-CAfile",
				environment(thingsBoard).get("DEVICE_CONNECTIVITY_COAPS_CA_ROOT_CERT")
					.toString()
					.substring(mounted.length()),
				"server.pem");
		Path caKey = this.dir.resolve("dtls-ca").resolve("ca_key.pem");
		assertThat(Openssl.run(caKey.getParent(), "pkey", "-in", "ca_key.pem", "-pubout"))
			.isEqualTo(Openssl.run(dtls, "x509", "-in", "ca.pem", "-pubkey", "-noout"));
		assertThat(permissions(caKey)).isEqualTo("rw-------");
		assertThat(permissions(caKey.getParent())).isEqualTo("rwx------");
	}

	@Test
	void dtlsCertificateScriptWhenRunThenTheServerKeyIsReadableByTheThingsBoardUserAndNotByEveryone() throws Exception {
		Path dtls = this.dir.resolve("dtls");
		String output = makeDtlsCertificate(dtls);
		Path key = dtls.resolve("server_key.pem");
		assertThat(permissions(key)).doesNotEndWith("r--").doesNotEndWith("rw-");
		assertThat(output).contains("799");
		if (isRoot()) {
			// given to the group of the container's user, so that it can read the key and
			// no one else can
			assertThat(Files.getAttribute(key, "unix:gid")).isEqualTo(THINGSBOARD_GID);
			assertThat(permissions(key)).isEqualTo("rw-r-----");
		}
		else {
			assertThat(permissions(key)).isEqualTo("rw-------");
			assertThat(output).contains("sudo chgrp 799 " + key).contains("chmod 640 " + key);
		}
	}

	@Test
	void dtlsCertificateScriptWhenNotRunAsRootThenKeepsTheKeyOwnerOnlyAndSaysHowToGiveItToTheContainer()
			throws Exception {
		Path dtls = this.dir.resolve("dtls");
		List<String> command = new ArrayList<>();
		if (isRoot()) {
			// the script as an ordinary user: nobody, who may write in a folder of its
			// own
			Path home = this.dir.resolve("nobody");
			Files.createDirectories(home);
			Files.setAttribute(home, "unix:uid", NOBODY);
			Files.setPosixFilePermissions(this.dir,
					java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
			dtls = home.resolve("dtls");
			command.addAll(List.of("runuser", "-u", "nobody", "--"));
		}
		command.addAll(List.of("bash", Path.of("src/main/docker/make-dtls-cert.sh").toAbsolutePath().toString(),
				dtls.toString()));
		Result result = run(command);
		assertThat(result.exitCode()).as(result.output()).isZero();
		Path key = dtls.resolve("server_key.pem");
		assertThat(permissions(key)).isEqualTo("rw-------");
		assertThat(result.output()).contains("sudo chgrp 799 " + key + " && chmod 640 " + key);
	}

	/**
	 * The Dockerfile's instructions, one per element, continuation lines joined, comments
	 * left out.
	 */
	@SuppressWarnings("unchecked")
	private static List<String> dockerfileInstructions() throws IOException {
		Map<String, Object> build = (Map<String, Object>) services().get("keysmith").get("build");
		String text = Files.readString(Path.of((String) build.get("dockerfile")));
		return text.lines()
			.filter((line) -> !line.strip().startsWith("#"))
			.collect(java.util.stream.Collectors.joining("\n"))
			.replaceAll("\\\\\n\\s*", " ")
			.lines()
			.filter((line) -> !line.isBlank())
			.toList();
	}

	private static String valueAfter(String text, String prefix) {
		int start = text.indexOf(prefix);
		assertThat(start).as(prefix + " in " + text).isNotNegative();
		return text.substring(start + prefix.length()).split("\\s")[0];
	}

	/**
	 * The ThingsBoard settings docs/thingsboard.md describes, each with whether a DTLS
	 * deployment needs it.
	 */
	private static Map<String, Boolean> documentedThingsBoardSettings() throws IOException {
		String doc = Files.readString(Path.of("docs/thingsboard.md"));
		int start = doc.indexOf("## Settings a deployment gives ThingsBoard");
		assertThat(start).as("docs/thingsboard.md has its settings section").isNotNegative();
		int end = doc.indexOf("\n## ", start + 3);
		Map<String, Boolean> settings = new java.util.LinkedHashMap<>();
		doc.substring(start, (end < 0) ? doc.length() : end)
			.lines()
			.filter((line) -> line.startsWith("| `"))
			.forEach((line) -> {
				String[] cells = line.split("\\|");
				String variable = cells[1].strip().replace("`", "");
				settings.put(variable, cells[cells.length - 1].strip().startsWith("required"));
			});
		return settings;
	}

	private String makeDtlsCertificate(Path out) throws Exception {
		Result result = run(List.of("bash", "src/main/docker/make-dtls-cert.sh", out.toString()));
		assertThat(result.exitCode()).as(result.output()).isZero();
		return result.output();
	}

	private static Result run(List<String> command) throws Exception {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return new Result(process.exitValue(), output);
	}

	private static String permissions(Path path) throws IOException {
		return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
	}

	private static boolean isRoot() {
		return "root".equals(System.getProperty("user.name"));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Map<String, Object>> services() throws IOException {
		Map<String, Object> compose = new Yaml().load(Files.readString(COMPOSE));
		return (Map<String, Map<String, Object>>) compose.get("services");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> environment(Map<String, Object> service) {
		Map<String, Object> environment = (Map<String, Object>) service.get("environment");
		Map<String, Object> resolved = new java.util.LinkedHashMap<>();
		// ${NAME:-default} stands for its default here, as compose resolves it without
		// the variable
		environment.forEach(
				(key, value) -> resolved.put(key, String.valueOf(value).replaceAll("\\$\\{[A-Z_]+:-([^}]*)}", "$1")));
		return resolved;
	}

	@SuppressWarnings("unchecked")
	private static List<String> strings(Object list) {
		return ((List<Object>) list).stream().map(String::valueOf).toList();
	}

	private static Result compose(Map<String, String> environment, String... args) throws Exception {
		List<String> command = new ArrayList<>();
		if (works("docker", "compose", "version")) {
			command.addAll(List.of("docker", "compose"));
		}
		else {
			command.add("docker-compose");
		}
		command.addAll(List.of("-f", COMPOSE.toString()));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().remove("KEYSMITH_ADMIN_PASSWORD");
		builder.environment().putAll(environment);
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return new Result(process.exitValue(), output);
	}

	private static boolean works(String... command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			process.getInputStream().readAllBytes();
			return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
		}
		catch (IOException | InterruptedException ex) {
			return false;
		}
	}

	private record Result(int exitCode, String output) {
	}

}
