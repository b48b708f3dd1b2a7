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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml, the Dockerfile and the DTLS certificate script, checked here where no
 * Docker engine runs: the compose client validates the file, and the parts that must agree
 * with Keysmith's settings and ThingsBoard's are read and compared.
 */
class DeploymentFilesTests {

	private static final Path COMPOSE = Path.of("docker-compose.yml");

	@TempDir
	Path dir;

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
		assertThat(tbEnvironment).containsEntry("COAP_DTLS_ENABLED", "true").containsEntry("COAP_DTLS_BIND_PORT", "5684");
		assertThat(strings(thingsBoard.get("ports"))).contains("5684:5684/udp", "9090:9090");
		// the certificate and key ThingsBoard is told to use are in the folder mounted for them
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
		// ThingsBoard inside the compose network: its service name, its container HTTP port, its DTLS port
		assertThat(keysmith).containsEntry("KEYSMITH_TB_URL", "http://thingsboard:9090")
			.containsEntry("KEYSMITH_TB_COAP_HOST", "thingsboard")
			.containsEntry("KEYSMITH_TB_COAP_PORT", environment(services.get("thingsboard")).get("COAP_DTLS_BIND_PORT"));
		assertThat(keysmith).containsEntry("KEYSMITH_DATA_DIR", "/data");
		// served over HTTPS through a TLS-terminating proxy: its forwarded headers are honoured
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
		assertThat(lines).contains("ENTRYPOINT [\"java\", \"-jar\", \"/app/keysmith.jar\"]");
	}

	@Test
	void dtlsCertificateScriptWhenRunThenOpensslVerifiesTheServerCertificateForTheComposeNames() throws Exception {
		Process process = new ProcessBuilder("bash", "src/main/docker/make-dtls-cert.sh", this.dir.toString())
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		Openssl.run(this.dir, "verify", "-CAfile", "ca.pem", "server.pem");
		String text = Openssl.run(this.dir, "x509", "-in", "server.pem", "-noout", "-text");
		assertThat(text).contains("DNS:thingsboard").contains("DNS:localhost").contains("IP Address:127.0.0.1")
			.contains("ecdsa-with-SHA256");
		assertThat(Openssl.run(this.dir, "pkey", "-in", "server_key.pem", "-pubout"))
			.isEqualTo(Openssl.run(this.dir, "x509", "-in", "server.pem", "-pubkey", "-noout"));
		assertThat(Files.readString(this.dir.resolve("server.pem"))).contains(Files.readString(this.dir.resolve("ca.pem")));
		// a second run keeps the certificate devices already trust
		Process again = new ProcessBuilder("bash", "src/main/docker/make-dtls-cert.sh", this.dir.toString()).start();
		assertThat(again.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(again.exitValue()).isNotZero();
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
		// ${NAME:-default} stands for its default here, as compose resolves it without the variable
		environment.forEach((key, value) -> resolved.put(key, String.valueOf(value).replaceAll("\\$\\{[A-Z_]+:-([^}]*)}", "$1")));
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
