package dev.keysmith.ca;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import dev.keysmith.KeysmithTestSupport;
import dev.keysmith.account.TestAccounts;
import dev.keysmith.device.DeviceCredential;
import dev.keysmith.device.DeviceCredentials;
import dev.keysmith.device.DeviceService;
import dev.keysmith.pki.Certificates;
import dev.keysmith.push.PushService;
import dev.keysmith.testkit.NeedsOpenssl;
import dev.keysmith.testkit.Shell;
import dev.keysmith.testkit.ThingsBoardDouble;
import dev.keysmith.testkit.ThingsBoardDoubleTest;
import dev.keysmith.testkit.TrustedServers;
import dev.keysmith.testkit.ZipFiles;
import dev.keysmith.thingsboard.ThingsBoardServerService;
import dev.keysmith.verify.RunStatus;
import dev.keysmith.verify.VerificationService;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * Device CAs: made by Keysmith or made by openssl and imported, issuing device
 * certificates that openssl verifies against them; a CA-issued device presents its chain
 * to the ThingsBoard double and verifies; renewals stay with the CA; a retired CA issues
 * nothing; every bad input is refused naming its field.
 */
@NeedsOpenssl
@ThingsBoardDoubleTest(publishServerCa = true)
class CaTests extends KeysmithTestSupport {

	static ThingsBoardDouble thingsBoard;

	@Autowired
	DeviceService devices;

	@Autowired
	DeviceCredentials credentials;

	@Autowired
	PushService push;

	@Autowired
	VerificationService verifications;

	@Autowired
	ThingsBoardServerService servers;

	@TempDir
	Path dir;

	@Test
	void createWhenAskedThenACaCertificateOpensslReadsAsOneAndItsKeyStaysHidden() throws Exception {
		String name = "Fleet CA " + suffix();
		MvcTestResult created = postJson("/api/cas",
				"{\"name\":\"" + name + "\",\"keyType\":\"EC_P384\",\"validityDays\":1000}");
		assertThat(created).hasStatus(HttpStatus.CREATED);
		String id = JsonPath.read(body(created), "$.id");
		assertThat(JsonPath.<String>read(body(created), "$.keyType")).isEqualTo("EC_P384");
		assertThat(body(created)).doesNotContain("PRIVATE");

		String pem = body(getAsAdmin("/api/cas/" + id + "/cert.pem"));
		Files.writeString(this.dir.resolve("ca.pem"), pem);
		String text = Shell.run(this.dir, "openssl x509 -in ca.pem -noout -text");
		assertThat(text).contains("CA:TRUE").contains("Certificate Sign").contains("CN = " + name).contains("P-384");
		assertThat(body(getAsAdmin("/api/cas"))).contains(id);
		assertThat(JsonPath.<Integer>read(body(getAsAdmin("/api/cas/" + id)), "$.issued")).isZero();
		assertThat(this.mvc.get().uri("/cas/" + id).with(TestAccounts.everyRole("admin")).exchange()).hasStatusOk()
			.bodyText()
			.contains(name)
			.doesNotContain("PRIVATE KEY");
	}

	@Test
	void deviceWhenIssuedByCaThenChainVerifiesWithOpensslAndItsVerificationPresentsTheChain() throws Exception {
		String caId = createCa("Issuing CA " + suffix());
		String name = "ca-device-" + suffix();
		MvcTestResult created = postJson("/api/devices",
				"{\"name\":\"" + name + "\",\"validityDays\":200,\"caId\":\"" + caId + "\"}");
		assertThat(created).hasStatus(HttpStatus.CREATED);
		assertThat(JsonPath.<String>read(body(created), "$.caId")).isEqualTo(caId);
		UUID deviceId = UUID.fromString(JsonPath.read(body(created), "$.id"));

		Map<String, String> bundle = bundle(deviceId);
		Files.writeString(this.dir.resolve("ca.pem"), body(getAsAdmin("/api/cas/" + caId + "/cert.pem")));
		Files.writeString(this.dir.resolve("cert.pem"), bundle.get("cert.pem"));
		Files.writeString(this.dir.resolve("chain.pem"), bundle.get("chain.pem"));
		assertThat(Shell.run(this.dir, "openssl verify -CAfile ca.pem cert.pem")).contains("cert.pem: OK");
		assertThat(Shell.run(this.dir, "openssl crl2pkcs7 -nocrl -certfile chain.pem | openssl pkcs7 -print_certs"))
			.contains("subject=CN = " + name)
			.contains("subject=CN = Issuing CA");
		assertThat(bundle.get("README.txt")).contains("chain.pem");
		X509Certificate leaf = Certificates.fromPem(bundle.get("cert.pem"));
		X509Certificate ca = Certificates.fromPem(body(getAsAdmin("/api/cas/" + caId + "/cert.pem")));
		assertThat(leaf.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
		assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
		assertThat(leaf.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.2");
		assertThat(AuthorityKeyIdentifier.fromExtensions(new JcaX509CertificateHolder(leaf).getExtensions())
			.getKeyIdentifier())
			.isEqualTo(SubjectKeyIdentifier.fromExtensions(new JcaX509CertificateHolder(ca).getExtensions())
				.getKeyIdentifier());
		assertThat(new JcaX509CertificateHolder(leaf).getExtension(Extension.subjectKeyIdentifier)).isNotNull();
		assertThat(JsonPath.<Integer>read(body(getAsAdmin("/api/cas/" + caId)), "$.issued")).isEqualTo(1);

		UUID serverId = TrustedServers.add(this.servers, thingsBoard, "ca");
		this.push.push(deviceId, serverId, null, "admin");
		assertThat(this.verifications.verify(deviceId, serverId, null, "admin", Duration.ZERO).verdict().get().status())
			.isEqualTo(RunStatus.PASSED);
		// the CA is a self-signed root: the client leaves it out of the chain it
		// presents,
		// as TLS allows and Scandium does (an intermediate CA goes along: see the import)
		assertThat(thingsBoard.handshakes(leaf)).isNotEmpty()
			.allSatisfy((handshake) -> assertThat(handshake.chainLength()).isEqualTo(1));

		// a renewal stays with the CA, for a new key or the same one
		DeviceCredential next = this.credentials.prepare(deviceId, true, 100, "admin");
		X509Certificate renewed = Certificates.fromPem(next.getCertificatePem());
		assertThat(renewed.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
		assertThat(renewed.getPublicKey()).isEqualTo(leaf.getPublicKey());
		assertThat(next.getCaId()).hasToString(caId);
		renewed.verify(ca.getPublicKey());
	}

	@Test
	void importWhenOpensslMadeTheCaThenItIssuesAndBadInputIsRefusedNamingTheField() throws Exception {
		// an intermediate CA under a root, both made by openssl
		Files.writeString(this.dir.resolve("ext.cnf"), "basicConstraints=critical,CA:TRUE,pathlen:0\n"
				+ "keyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n");
		Shell.run(this.dir,
				"openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout root.key -out root.pem "
						+ "-days 800 -subj /CN=External-Root -addext basicConstraints=critical,CA:TRUE "
						+ "-addext keyUsage=critical,keyCertSign,cRLSign"
						+ " && openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ext-ca.key "
						+ "-out ext-ca.csr -subj '/CN=External CA " + suffix() + "'"
						+ " && openssl x509 -req -in ext-ca.csr -CA root.pem -CAkey root.key -CAcreateserial -days 400 "
						+ "-extfile ext.cnf -out ext-ca.pem"
						+ " && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout leaf.key "
						+ "-out leaf.pem -days 30 -subj /CN=not-a-ca -addext basicConstraints=critical,CA:FALSE"
						+ " && openssl ecparam -name prime256v1 -genkey -noout -out other.key");
		byte[] caPem = Files.readAllBytes(this.dir.resolve("ext-ca.pem"));
		byte[] caKey = Files.readAllBytes(this.dir.resolve("ext-ca.key"));

		assertRefused(importCa(caPem, null, null), "key");
		assertRefused(importCa(caPem, Files.readAllBytes(this.dir.resolve("other.key")), null), "key");
		assertRefused(importCa(Files.readAllBytes(this.dir.resolve("leaf.pem")),
				Files.readAllBytes(this.dir.resolve("leaf.key")), null), "cert");
		assertRefused(importCa("not a certificate".getBytes(StandardCharsets.US_ASCII), caKey, null), "cert");

		MvcTestResult imported = importCa(caPem, caKey, null);
		assertThat(imported).hasStatus(HttpStatus.CREATED);
		String caId = JsonPath.read(body(imported), "$.id");
		assertThat(JsonPath.<String>read(body(imported), "$.name")).startsWith("External CA ");
		assertThat(JsonPath.<String>read(body(imported), "$.origin")).isEqualTo("IMPORTED");
		assertThat(importCa(caPem, caKey, "again")).hasStatus(HttpStatus.CONFLICT);

		String name = "ext-device-" + suffix();
		MvcTestResult created = postJson("/api/devices", "{\"name\":\"" + name + "\",\"caId\":\"" + caId + "\"}");
		assertThat(created).hasStatus(HttpStatus.CREATED);
		Map<String, String> bundle = bundle(UUID.fromString(JsonPath.read(body(created), "$.id")));
		Files.writeString(this.dir.resolve("cert.pem"), bundle.get("cert.pem"));
		assertThat(Shell.run(this.dir, "openssl verify -CAfile root.pem -untrusted ext-ca.pem cert.pem"))
			.contains("cert.pem: OK");
		// the intermediate is no root: the device presents it with its own certificate
		UUID deviceId = UUID.fromString(JsonPath.read(body(created), "$.id"));
		UUID serverId = TrustedServers.add(this.servers, thingsBoard, "ca-import");
		this.push.push(deviceId, serverId, null, "admin");
		assertThat(this.verifications.verify(deviceId, serverId, null, "admin", Duration.ZERO).verdict().get().status())
			.isEqualTo(RunStatus.PASSED);
		assertThat(thingsBoard.handshakes(Certificates.fromPem(bundle.get("cert.pem")))).isNotEmpty()
			.allSatisfy((handshake) -> assertThat(handshake.chainLength()).as("the leaf, then its CA").isEqualTo(2));

		// longer than the CA, an unknown CA, a retired one
		assertRefused(postJson("/api/devices",
				"{\"name\":\"too-long-" + suffix() + "\",\"validityDays\":1000," + "\"caId\":\"" + caId + "\"}"),
				"validityDays");
		assertRefused(postJson("/api/devices",
				"{\"name\":\"unknown-ca-" + suffix() + "\",\"caId\":\"" + UUID.randomUUID() + "\"}"), "caId");
		assertThat(this.mvc.delete().uri("/api/cas/" + caId).with(admin()).exchange()).hasStatusOk();
		assertThat(JsonPath.<Boolean>read(body(getAsAdmin("/api/cas/" + caId)), "$.retired")).isTrue();
		assertThat(this.mvc.delete().uri("/api/cas/" + caId).with(admin()).exchange()).hasStatus(HttpStatus.CONFLICT);
		assertThat(postJson("/api/devices", "{\"name\":\"retired-ca-" + suffix() + "\",\"caId\":\"" + caId + "\"}"))
			.hasStatus(HttpStatus.CONFLICT);
		assertThat(this.devices.findByName(name)).isPresent();
	}

	@Test
	void createWhenBadThen400NamingTheFieldAndNoCaStored() {
		int before = this.cas().size();
		assertRefused(postJson("/api/cas", "{\"name\":\"\"}"), "name");
		assertRefused(postJson("/api/cas", "{\"name\":\"rsa " + suffix() + "\",\"keyType\":\"RSA_2048\"}"), "keyType");
		assertRefused(postJson("/api/cas", "{\"name\":\"long " + suffix() + "\",\"validityDays\":99999}"),
				"validityDays");
		String name = "twice " + suffix();
		assertThat(postJson("/api/cas", "{\"name\":\"" + name + "\"}")).hasStatus(HttpStatus.CREATED);
		assertThat(postJson("/api/cas", "{\"name\":\"" + name + "\"}")).hasStatus(HttpStatus.CONFLICT);
		assertThat(this.cas()).hasSize(before + 1);
		assertThat(getAsAdmin("/api/cas/" + UUID.randomUUID())).hasStatus(HttpStatus.NOT_FOUND);
	}

	@Test
	void pagesWhenOperatorMakesACaAndADeviceFromItThenBothShowIt() throws Exception {
		String name = "Page CA " + suffix();
		MvcTestResult made = this.mvc.post()
			.uri("/cas")
			.with(TestAccounts.everyRole("admin"))
			.with(csrf())
			.param("name", name)
			.param("keyType", "EC_P256")
			.param("validityDays", "365")
			.exchange();
		assertThat(made).hasStatus(HttpStatus.FOUND);
		String caId = made.getResponse().getRedirectedUrl().substring("/cas/".length());
		assertThat(this.mvc.get().uri("/devices/new").with(TestAccounts.everyRole("admin")).exchange()).hasStatusOk()
			.bodyText()
			.contains(name);
		MvcTestResult device = this.mvc.post()
			.uri("/devices")
			.with(TestAccounts.everyRole("admin"))
			.with(csrf())
			.param("name", "page-ca-device-" + suffix())
			.param("keyType", "EC_P256")
			.param("validityDays", "400")
			.param("caId", caId)
			.exchange();
		assertThat(device).as("longer than the CA").hasStatusOk().bodyText().contains("can last");
		assertThat(this.mvc.post()
			.uri("/devices")
			.with(TestAccounts.everyRole("admin"))
			.with(csrf())
			.param("name", "page-ca-device-" + suffix())
			.param("keyType", "EC_P256")
			.param("validityDays", "100")
			.param("caId", caId)
			.exchange()).hasStatus(HttpStatus.FOUND);
		assertThat(this.mvc.post()
			.uri("/cas/" + caId + "/retire")
			.with(TestAccounts.everyRole("admin"))
			.with(csrf())
			.exchange()).hasStatus(HttpStatus.FOUND);
		assertThat(this.mvc.get().uri("/cas/" + caId).with(TestAccounts.everyRole("admin")).exchange()).hasStatusOk()
			.bodyText()
			.contains("Retired")
			.contains("<td id=\"ca-issued\">1</td>");
	}

	private List<Object> cas() {
		return JsonPath.read(body(getAsAdmin("/api/cas")), "$");
	}

	private String createCa(String name) {
		MvcTestResult created = postJson("/api/cas", "{\"name\":\"" + name + "\"}");
		assertThat(created).hasStatus(HttpStatus.CREATED);
		return JsonPath.read(body(created), "$.id");
	}

	private MvcTestResult importCa(byte[] cert, byte[] key, String name) {
		var request = this.mvc.post()
			.uri("/api/cas/import")
			.multipart()
			.file(new MockMultipartFile("cert", "ca.pem", MediaType.TEXT_PLAIN_VALUE, cert));
		if (key != null) {
			request.file(new MockMultipartFile("key", "ca.key", MediaType.TEXT_PLAIN_VALUE, key));
		}
		if (name != null) {
			request.param("name", name);
		}
		return request.with(admin()).exchange();
	}

	private static void assertRefused(MvcTestResult result, String field) {
		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(JsonPath.<String>read(body(result), "$.field")).isEqualTo(field);
	}

	private Map<String, String> bundle(UUID deviceId) throws IOException {
		MvcTestResult result = getAsAdmin("/api/devices/" + deviceId + "/bundle.zip");
		assertThat(result).hasStatusOk();
		return ZipFiles.read(result.getResponse().getContentAsByteArray());
	}

	private static String body(MvcTestResult result) {
		try {
			return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String suffix() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

}
