package dev.keysmith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packages depend on each other only as their {@code package-info.java} says: a new
 * arrow between two packages is a design decision, made here and in the package-info, not
 * by an import slipped in.
 */
class PackageDependenciesTests {

	private static final Path SOURCES = Path.of("src/main/java/dev/keysmith");

	private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.keysmith\\.([a-z][a-z.]*?)\\.[A-Z]");

	/**
	 * What each package may use of Keysmith's own packages (its sub-packages are separate
	 * entries).
	 */
	private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(Map.entry("common", Set.of()),
			Map.entry("vault", Set.of()), Map.entry("storage", Set.of()), Map.entry("work", Set.of()),
			Map.entry("audit", Set.of("common", "vault")), Map.entry("instance", Set.of("work")),
			Map.entry("progress", Set.of("work")), Map.entry("crypto", Set.of()),
			Map.entry("pki", Set.of("common", "crypto")), Map.entry("dtls", Set.of("common", "pki")),
			Map.entry("thingsboard.client.dto", Set.of()),
			Map.entry("thingsboard.client", Set.of("common", "thingsboard.client.dto")),
			Map.entry("ca", Set.of("common", "pki", "vault", "audit")),
			Map.entry("device", Set.of("common", "pki", "vault", "storage", "audit", "ca")),
			Map.entry("thingsboard",
					Set.of("common", "pki", "vault", "dtls", "device", "thingsboard.client", "thingsboard.client.dto",
							"audit")),
			Map.entry("push",
					Set.of("common", "pki", "device", "thingsboard", "thingsboard.client", "thingsboard.client.dto")),
			Map.entry("preflight",
					Set.of("common", "pki", "dtls", "thingsboard", "thingsboard.client", "thingsboard.client.dto")),
			Map.entry("verify",
					Set.of("common", "pki", "dtls", "device", "thingsboard", "thingsboard.client",
							"thingsboard.client.dto", "progress", "work", "instance")),
			Map.entry("batch",
					Set.of("common", "pki", "vault", "device", "thingsboard", "thingsboard.client",
							"thingsboard.client.dto", "push", "verify", "lifecycle", "ca", "progress", "work",
							"instance", "audit")),
			Map.entry("lifecycle",
					Set.of("common", "device", "push", "verify", "progress", "thingsboard", "thingsboard.client",
							"thingsboard.client.dto", "work", "instance")),
			Map.entry("backup", Set.of("common", "vault", "audit")),
			Map.entry("expiry", Set.of("common", "device", "thingsboard", "vault", "audit", "work")),
			Map.entry("account", Set.of("common", "audit", "vault")),
			Map.entry("web",
					Set.of("common", "pki", "storage", "work", "push", "thingsboard.client", "account", "audit")),
			Map.entry("", Set.of()));

	@Test
	void packagesWhenCompiledThenEachUsesOnlyWhatItsPackageInfoAllows() throws IOException {
		Map<String, Set<String>> actual = dependencies();
		assertThat(actual.keySet()).as("packages without an entry in ALLOWED").isSubsetOf(ALLOWED.keySet());
		actual.forEach((pkg, uses) -> assertThat(uses).as("what %s uses", pkg).isSubsetOf(ALLOWED.get(pkg)));
	}

	@Test
	void packagesWhenEveryPackageHasAPackageInfoThenItSaysWhatItOwns() throws IOException {
		for (String pkg : dependencies().keySet()) {
			Path info = SOURCES.resolve(pkg.replace('.', '/')).resolve("package-info.java");
			assertThat(info).as("package-info of %s", pkg).exists();
			assertThat(Files.readString(info)).contains("/**");
		}
	}

	private static Map<String, Set<String>> dependencies() throws IOException {
		Map<String, Set<String>> dependencies = new TreeMap<>();
		List<Path> files;
		try (Stream<Path> walk = Files.walk(SOURCES)) {
			files = walk.filter((path) -> path.toString().endsWith(".java")).toList();
		}
		for (Path file : files) {
			String pkg = SOURCES.relativize(file.getParent()).toString().replace('/', '.');
			Set<String> uses = dependencies.computeIfAbsent(pkg, (key) -> new TreeSet<>());
			Matcher reference = REFERENCE.matcher(Files.readString(file));
			while (reference.find()) {
				if (!reference.group(1).equals(pkg)) {
					uses.add(reference.group(1));
				}
			}
		}
		return dependencies;
	}

}
