package dev.keysmith.device;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import dev.keysmith.KeysmithTestSupport;
import dev.keysmith.account.TestAccounts;
import dev.keysmith.pki.CertificateIssuer;
import dev.keysmith.pki.IssuedCredential;
import dev.keysmith.pki.KeyType;
import dev.keysmith.pki.PemCodec;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

class DevicePagesTests extends KeysmithTestSupport {

	@Autowired
	DeviceRepository repository;

	private final CertificateIssuer issuer = new CertificateIssuer();

	@Test
	void createWhenFormValidThenDetailShowsCertificateFactsAndAudit() {
		String location = createDevice("page-create-1", "EC_P384", "90");
		Device device = this.repository.findAll()
			.stream()
			.filter((d) -> d.getName().equals("page-create-1"))
			.findFirst()
			.orElseThrow();
		assertThat(location).isEqualTo("/devices/" + device.getId());

		assertThat(this.mvc.get().uri(location).with(TestAccounts.everyRole("admin"))).hasStatusOk()
			.bodyText()
			.contains("page-create-1")
			.contains("CN=page-create-1")
			.contains(device.getSha256Fingerprint())
			.contains(device.getCredentialsId())
			.contains("EC P-384")
			.contains("Held by Keysmith, encrypted")
			.contains("89 days left")
			.contains("created");
	}

	@Test
	void listWhenSearchedThenOnlyMatchingNamesAndHtmxGetsFragment() {
		createDevice("search-alpha-boiler", "EC_P256", "30");
		createDevice("search-beta-pump", "EC_P256", "30");
		assertThat(this.mvc.get().uri("/devices?q=BOILER").with(TestAccounts.everyRole("admin"))).hasStatusOk()
			.bodyText()
			.contains("search-alpha-boiler")
			.doesNotContain("search-beta-pump")
			.contains("<html");
		assertThat(this.mvc.get()
			.uri("/devices?q=pump")
			.header("HX-Request", "true")
			.with(TestAccounts.everyRole("admin"))).hasStatusOk()
			.bodyText()
			.contains("search-beta-pump")
			.doesNotContain("search-alpha-boiler")
			.doesNotContain("<html");
		assertThat(this.mvc.get().uri("/devices?q=no-such-thing-zzz").with(TestAccounts.everyRole("admin"))).bodyText()
			.contains("No device name contains");
	}

	@Test
	void listWhenMoreThanOnePageThenPaginated() {
		for (int i = 0; i < 21; i++) {
			this.repository.save(sample("paged-%02d".formatted(i)));
		}
		assertThat(this.mvc.get().uri("/devices?q=paged-").with(TestAccounts.everyRole("admin"))).bodyText()
			.contains("paged-00")
			.doesNotContain("paged-20")
			.contains("Page 1 of 2 (21 devices)");
		assertThat(this.mvc.get().uri("/devices?q=paged-&page=1").with(TestAccounts.everyRole("admin"))).bodyText()
			.contains("paged-20")
			.doesNotContain("paged-00");
	}

	@Test
	void createWhenNameTakenOrInvalidThenFormShowsErrorAndNothingStored() {
		createDevice("taken-name", "EC_P256", "30");
		long before = this.repository.count();
		assertThat(postCreate("taken-name", "EC_P256", "30")).hasStatusOk()
			.bodyText()
			.contains("A device named &#39;taken-name&#39; already exists");
		assertThat(postCreate("bad\u0007name", "EC_P256", "30")).hasStatusOk()
			.bodyText()
			.contains("cannot contain control characters");
		assertThat(postCreate("x".repeat(256), "EC_P256", "30")).bodyText().contains("at most 64 characters");
		assertThat(postCreate("x".repeat(65), "EC_P256", "30")).bodyText().contains("at most 64 characters");
		assertThat(postCreate("lone\ud800", "EC_P256", "30")).bodyText().contains("U+D800");
		assertThat(postCreate("   ", "EC_P256", "30")).bodyText().contains("A device name is required");
		assertThat(postCreate("ok-name", "EC_P256", "0")).bodyText().contains("between 1 and 3650 days");
		assertThat(postCreate("ok-name", "EC_P256", "99999")).bodyText().contains("between 1 and 3650 days");
		assertThat(postCreate("ok-name", "EC_P256", "1.5")).hasStatusOk()
			.bodyText()
			.contains("Validity must be a whole number of days, not &#39;1.5&#39;");
		assertThat(postCreate("ok-name", "EC_P256", "ten")).hasStatusOk()
			.bodyText()
			.contains("Validity must be a whole number of days, not &#39;ten&#39;");
		assertThat(postCreate("ok-name", "DSA_1024", "30")).bodyText()
			.contains("Unknown key type &#39;DSA_1024&#39;. Choose a key type Keysmith generates");
		assertThat(this.repository.count()).isEqualTo(before);
	}

	@Test
	void createAndImportWhenRefusedThenEachErrorBesideTheFieldItNamesAndClashesAboveTheForm() {
		assertThat(postCreate("ok-name", "EC_P256", "1.5")).bodyText()
			.contains("<small class=\"field-error\">Validity must be a whole number of days, not &#39;1.5&#39;"
					+ "</small>");
		assertThat(postCreate("ok-name", "EC_P256", "0")).bodyText()
			.contains("<small class=\"field-error\">Validity must be between 1 and 3650 days, not 0</small>");
		assertThat(postCreate("   ", "EC_P256", "30")).bodyText()
			.contains("<small class=\"field-error\">A device name is required</small>");
		assertThat(postCreate("ok-name", "DSA_1024", "30")).bodyText()
			.contains("<small class=\"field-error\">Unknown key type &#39;DSA_1024&#39;");
		postCreate("beside-taken", "EC_P256", "30");
		assertThat(postCreate("beside-taken", "EC_P256", "30")).bodyText()
			.contains("<p>A device named &#39;beside-taken&#39; already exists</p>")
			.doesNotContain("field-error\">A device named");
		IssuedCredential credential = this.issuer.issue(KeyType.EC_P256, "beside-import", 30);
		assertThat(this.mvc.post()
			.uri("/devices/import")
			.with(TestAccounts.everyRole("admin"))
			.with(csrf())
			.param("name", "n".repeat(256))
			.param("certificateText", PemCodec.certificate(credential.certificate()))).bodyText()
			.contains(
					"<small class=\"field-error\">A device name has at most 255 characters; this one has 256</small>");
		// what is wrong with the certificate itself names no field: above the form
		assertThat(postImport("not a certificate", null)).bodyText().contains("<div class=\"flash flash-error\"");
	}

	@Test
	void importWhenPastedWithCrlfAndKeyThenStoredWithWarningsShown() {
		IssuedCredential credential = this.issuer.issue(KeyType.EC_P256, "pasted-import", 20);
		String cert = PemCodec.certificate(credential.certificate()).replace("\n", "\r\n\t ");
		MvcTestResult result = this.mvc.post()
			.uri("/devices/import")
			.with(TestAccounts.everyRole("admin"))
			.with(csrf())
			.param("certificateText", cert)
			.param("keyText", PemCodec.privateKey(credential))
			.exchange();
		assertThat(result).hasStatus(HttpStatus.FOUND);
		String location = result.getResponse().getRedirectedUrl();
		assertThat(result.getMvcResult().getFlashMap().get("warnings")).asString().contains("expires in 19 days");
		assertThat(this.mvc.get().uri(location).with(TestAccounts.everyRole("admin"))).bodyText()
			.contains("pasted-import")
			.contains("Held by Keysmith, encrypted")
			.contains("imported");
	}

	@Test
	void importWhenPastedOnOneLineAsWebFormsDoThenStored() {
		IssuedCredential credential = this.issuer.issue(KeyType.EC_P384, "one-line-page", 60);
		MvcTestResult result = this.mvc.post()
			.uri("/devices/import")
			.with(TestAccounts.everyRole("admin"))
			.with(csrf())
			.param("certificateText", PemCodec.certificate(credential.certificate()).replace("\n", " "))
			.param("keyText", PemCodec.pkcs8PrivateKey(credential).replace("\n", ""))
			.exchange();
		assertThat(result).hasStatus(HttpStatus.FOUND);
		assertThat(this.mvc.get().uri(result.getResponse().getRedirectedUrl()).with(TestAccounts.everyRole("admin")))
			.bodyText()
			.contains("one-line-page")
			.contains("Held by Keysmith, encrypted");
	}

	@Test
	void importWhenFileUploadWithoutKeyThenCertificateOnly() {
		IssuedCredential credential = this.issuer.issue(KeyType.RSA_2048, "uploaded-rsa", 200);
		MvcTestResult result = this.mvc.post()
			.uri("/devices/import")
			.multipart()
			.file(new MockMultipartFile("certificateFile", "cert.der", "application/octet-stream",
					PemCodec.der(credential.certificate())))
			.param("name", "renamed-on-import")
			.with(TestAccounts.everyRole("admin"))
			.with(csrf())
			.exchange();
		assertThat(result).hasStatus(HttpStatus.FOUND);
		assertThat(this.mvc.get().uri(result.getResponse().getRedirectedUrl()).with(TestAccounts.everyRole("admin")))
			.bodyText()
			.contains("renamed-on-import")
			.contains("Not held")
			.doesNotContain("id=\"download-key\"");
	}

	@Test
	void importWhenBadInputThenFormSaysWhyAndNothingStored() {
		IssuedCredential one = this.issuer.issue(KeyType.EC_P256, "bad-import", 30);
		IssuedCredential two = this.issuer.issue(KeyType.EC_P256, "other", 30);
		String cert = PemCodec.certificate(one.certificate());
		Instant past = Instant.now().minus(Duration.ofDays(100));
		String expired = PemCodec
			.certificate(new CertificateIssuer(new SecureRandom(), Clock.fixed(past, ZoneOffset.UTC))
				.issue(KeyType.EC_P256, "expired", 30)
				.certificate());
		long before = this.repository.count();

		assertThat(postImport(cert + PemCodec.certificate(two.certificate()), null)).bodyText().contains("a chain");
		assertThat(postImport(cert, PemCodec.privateKey(two))).bodyText().contains("does not match the certificate");
		assertThat(postImport(expired, null)).bodyText().contains("The certificate expired on");
		assertThat(postImport(cert.substring(0, cert.length() - 30), null)).bodyText().contains("cut off");
		assertThat(postImport("", null)).bodyText().contains("No certificate was given");
		assertThat(postImport(cert.replace("\n", "\n!"), null)).bodyText().contains("not valid Base64");
		// the pasted certificate comes back so the operator can fix it; a pasted key
		// never does
		assertThat(postImport(cert, PemCodec.privateKey(two))).bodyText()
			.contains(cert.lines().skip(1).findFirst().orElseThrow())
			.doesNotContain("EC PRIVATE KEY-----\n");
		assertThat(this.repository.count()).isEqualTo(before);
	}

	@Test
	void importWhenRefusedWithAKeyPastedInTheCertificateFieldThenTheCertificateComesBackButNeverTheKey()
			throws Exception {
		Instant past = Instant.now().minus(Duration.ofDays(100));
		IssuedCredential expired = new CertificateIssuer(new SecureRandom(), Clock.fixed(past, ZoneOffset.UTC))
			.issue(KeyType.EC_P256, "expired-with-key", 30);
		IssuedCredential one = this.issuer.issue(KeyType.EC_P256, "echo-one", 30);
		IssuedCredential rsa = this.issuer.issue(KeyType.RSA_2048, "echo-rsa", 30);
		String cert = PemCodec.certificate(one.certificate());
		String rsaKey = PemCodec.privateKey(rsa);
		String pkcs8 = PemCodec.pkcs8PrivateKey(rsa);
		long before = this.repository.count();

		assertEchoedWithoutKey(PemCodec.certificate(expired.certificate()) + PemCodec.privateKey(expired),
				PemCodec.certificate(expired.certificate()), PemCodec.privateKey(expired), "expired on");
		assertEchoedWithoutKey(cert + pkcs8, cert, pkcs8, "they do not belong together");
		assertEchoedWithoutKey(pkcs8 + cert, cert, pkcs8, "they do not belong together");
		// cut off: a key without its END line, and one without its BEGIN line
		String cutEnd = rsaKey.substring(0, rsaKey.length() - 40);
		assertEchoedWithoutKey(cert + cutEnd, cert, cutEnd, "cut off");
		String cutStart = rsaKey.substring(40);
		assertEchoedWithoutKey(cutStart + cert, cert, cutStart, "cut off");
		// a key alone, as PEM or as bare Base64: nothing comes back
		assertEchoedWithoutKey(pkcs8, null, pkcs8, "only a private key");
		String bare = pkcs8.lines().filter((line) -> !line.startsWith("-----")).collect(Collectors.joining("\n"));
		assertEchoedWithoutKey(bare, null, bare, "not a valid X.509 certificate");
		assertThat(this.repository.count()).isEqualTo(before);
	}

	private void assertEchoedWithoutKey(String pasted, String certificate, String key, String reason) throws Exception {
		String html = postImport(pasted, null).getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(html).contains(reason);
		Matcher textarea = Pattern.compile("<textarea name=\"certificateText\"[^>]*>(.*?)</textarea>", Pattern.DOTALL)
			.matcher(html);
		assertThat(textarea.find()).isTrue();
		String echoed = textarea.group(1);
		assertThat(echoed).doesNotContain("PRIVATE KEY");
		if (certificate != null) {
			assertThat(echoed).contains(certificate.strip());
		}
		else {
			assertThat(echoed).isBlank();
		}
		key.lines()
			.filter((line) -> !line.startsWith("-----") && line.length() > 8)
			.forEach((line) -> assertThat(html).doesNotContain(line));
	}

	@Test
	void listWhenPageNumberHugeThenBadRequestPageNamingIt() {
		for (String page : new String[] { "2147483647", "99999999999", "abc" }) {
			assertThat(this.mvc.get().uri("/devices?page=" + page).with(TestAccounts.everyRole("admin"))).as(page)
				.hasStatus(HttpStatus.BAD_REQUEST)
				.bodyText()
				.contains("page");
			assertThat(this.mvc.get()
				.uri("/devices?page=" + page)
				.header("HX-Request", "true")
				.with(TestAccounts.everyRole("admin"))).hasStatusOk()
				.bodyText()
				.contains("flash-error")
				.contains("page");
		}
	}

	@Test
	void importWhenSubjectLongerThanItsColumnThenFormSaysSoNotAlreadyExists() {
		IssuedCredential credential = new dev.keysmith.testkit.TestCa("page long subject")
			.clientCredential(new org.bouncycastle.asn1.x500.X500NameBuilder()
				.addRDN(org.bouncycastle.asn1.x500.style.BCStyle.CN, "page-long-subject")
				.addRDN(org.bouncycastle.asn1.x500.style.BCStyle.OU, "u".repeat(1100))
				.build(), java.math.BigInteger.TWO);
		long before = this.repository.count();
		assertThat(postImport(PemCodec.certificate(credential.certificate()), null)).bodyText()
			.contains("subject")
			.contains("1024")
			.doesNotContain("already exists");
		assertThat(this.repository.count()).isEqualTo(before);
	}

	@Test
	void bundleWhenP12PasswordIsNotPrintableAsciiThenFlashErrorAndNoExport() {
		String location = createDevice("p12-page-" + java.util.UUID.randomUUID().toString().substring(0, 8), "EC_P256",
				"30");
		assertThat(this.mvc.post()
			.uri(location + "/bundle.zip")
			.param("p12Password", "\u043f\u0430\u0440\u043e\u043b\u044c-12345")
			.param("reason", "a reason")
			.with(TestAccounts.everyRole("admin"))
			.with(TestAccounts.justSignedIn())
			.with(csrf())).hasStatus(HttpStatus.FOUND)
			.flash()
			.hasEntrySatisfying("error", (message) -> assertThat(message).asString().contains("printable ASCII"));
		assertThat(this.mvc.get().uri(location).with(TestAccounts.everyRole("admin"))).bodyText()
			.doesNotContain("exported the bundle");
	}

	@Test
	void createAndImportWhenNameLooksLikeAnExistingOneThenFlashWarningsNameIt() {
		String tag = Long.toString(System.nanoTime(), 36);
		createDevice("pump" + tag, "EC_P256", "30");
		MvcTestResult created = postCreate("PUMP" + tag.toUpperCase(java.util.Locale.ROOT), "EC_P256", "30");
		assertThat(created).hasStatus(HttpStatus.FOUND);
		assertThat(created.getMvcResult().getFlashMap().get("warnings")).asString().contains("'pump" + tag + "'");

		IssuedCredential credential = this.issuer.issue(KeyType.EC_P256, "p\u0443mp" + tag, 60);
		MvcTestResult imported = this.mvc.post()
			.uri("/devices/import")
			.with(TestAccounts.everyRole("admin"))
			.with(csrf())
			.param("certificateText", PemCodec.certificate(credential.certificate()))
			.param("name", "pu\u200Bmp" + tag)
			.exchange();
		assertThat(imported).hasStatus(HttpStatus.FOUND);
		assertThat(imported.getMvcResult().getFlashMap().get("warnings")).asString()
			.contains("'pump" + tag + "'")
			.contains("'PUMP" + tag.toUpperCase(java.util.Locale.ROOT) + "'");
		assertThat(this.mvc.get()
			.uri(imported.getResponse().getRedirectedUrl())
			.flashAttrs(imported.getMvcResult().getFlashMap())
			.with(TestAccounts.everyRole("admin"))).bodyText()
			.contains("flash flash-warn")
			.contains("looks like that of devices");
	}

	@Test
	void importWhenAnotherDeviceHoldsTheCertificateThenFormNamesItAndNothingStored() {
		IssuedCredential credential = this.issuer.issue(KeyType.EC_P256, "page-held", 60);
		String cert = PemCodec.certificate(credential.certificate());
		String name = "page-holder-" + java.util.UUID.randomUUID();
		assertThat(this.mvc.post()
			.uri("/devices/import")
			.with(TestAccounts.everyRole("admin"))
			.with(csrf())
			.param("certificateText", cert)
			.param("name", name)).hasStatus(HttpStatus.FOUND);
		long before = this.repository.count();
		assertThat(postImport(cert, PemCodec.privateKey(credential))).bodyText()
			.contains("This certificate is already held by device &#39;" + name + "&#39;");
		assertThat(this.repository.count()).isEqualTo(before);
	}

	@Test
	void importWhenFileTooLargeThenClearErrorAndNothingStored() {
		// the servlet container's multipart limit is tested over real HTTP in
		// UploadLimitTests
		long before = this.repository.count();
		MvcTestResult result = this.mvc.post()
			.uri("/devices/import")
			.multipart()
			.file(new MockMultipartFile("certificateFile", "huge.pem", "text/plain", new byte[70 * 1024]))
			.with(TestAccounts.everyRole("admin"))
			.with(csrf())
			.exchange();
		assertThat(result).hasStatusOk().bodyText().contains("The certificate is 70 KB: Keysmith takes at most 64 KB");
		assertThat(this.repository.count()).isEqualTo(before);
	}

	@Test
	void downloadsWhenKeyExportedThenAuditedAndFilesComplete() throws Exception {
		String location = createDevice("download-me", "EC_P256", "30");
		assertThat(this.mvc.get().uri(location + "/cert.pem").with(TestAccounts.everyRole("admin"))).hasStatusOk()
			.hasHeader("Content-Disposition", "attachment; filename=\"cert.pem\"")
			.bodyText()
			.startsWith("-----BEGIN CERTIFICATE-----");
		assertThat(this.mvc.get().uri(location + "/key.pem").with(TestAccounts.everyRole("admin")))
			.hasStatus(HttpStatus.METHOD_NOT_ALLOWED);
		assertThat(this.mvc.post()
			.uri(location + "/key.pem")
			.param("reason", "flash the spare unit")
			.with(TestAccounts.everyRole("admin"))
			.with(TestAccounts.justSignedIn())
			.with(csrf())).hasStatusOk()
			.hasHeader("Cache-Control", "no-store")
			.bodyText()
			.startsWith("-----BEGIN EC PARAMETERS-----");

		MvcTestResult bundle = this.mvc.post()
			.uri(location + "/bundle.zip")
			.param("p12Password", "bundle-pass-1")
			.param("reason", "factory line 2")
			.with(TestAccounts.everyRole("operator-7"))
			.with(TestAccounts.justSignedIn())
			.with(csrf())
			.exchange();
		assertThat(bundle).hasStatusOk()
			.hasHeader("Content-Disposition", "attachment; filename=\"download-me-bundle.zip\"");
		assertThat(unzip(bundle.getResponse().getContentAsByteArray()).keySet()).containsExactlyInAnyOrder("key.pem",
				"key.pkcs8.pem", "cert.pem", "cert.der", "device.p12", "firmware/credentials.h", "README.txt");

		assertThat(this.mvc.post()
			.uri(location + "/bundle.zip")
			.param("p12Password", "short")
			.param("reason", "a reason")
			.with(TestAccounts.everyRole("admin"))
			.with(TestAccounts.justSignedIn())
			.with(csrf())).hasStatus(HttpStatus.FOUND)
			.flash()
			.containsEntry("error", "The PKCS#12 password must have at least 8 characters");

		assertThat(this.mvc.get().uri(location).with(TestAccounts.everyRole("admin"))).bodyText()
			.contains("exported the private key")
			.contains("exported the bundle with the private key")
			.contains("operator-7")
			.contains("bundle.zip with device.p12; reason: factory line 2")
			.contains("key.pem; reason: flash the spare unit");
	}

	@Test
	void keyExportWhenNoReasonOrSignInTooOldOrNotACustodianThenRefusedAndNothingExported() {
		String location = createDevice("guarded-" + java.util.UUID.randomUUID().toString().substring(0, 8), "EC_P256",
				"30");
		assertThat(this.mvc.post()
			.uri(location + "/key.pem")
			.with(TestAccounts.everyRole("admin"))
			.with(TestAccounts.justSignedIn())
			.with(csrf())).hasStatus(HttpStatus.FOUND)
			.hasRedirectedUrl(location)
			.flash()
			.containsEntry("error", "State why the private key is exported: the reason goes into the audit log.");
		assertThat(this.mvc.post()
			.uri(location + "/bundle.zip")
			.param("reason", "no recent sign-in")
			.with(TestAccounts.everyRole("admin"))
			.with(csrf())).hasStatus(HttpStatus.FOUND).hasRedirectedUrl("/account/confirm?next=" + location);
		assertThat(this.mvc.post()
			.uri(location + "/key.pem")
			.param("reason", "an operator tries")
			.with(TestAccounts.withRoles("operator-only", dev.keysmith.account.Role.OPERATOR,
					dev.keysmith.account.Role.AUDITOR))
			.with(TestAccounts.justSignedIn())
			.with(csrf())).hasStatus(HttpStatus.FORBIDDEN);
		assertThat(this.mvc.get().uri(location).with(TestAccounts.everyRole("admin"))).bodyText()
			.doesNotContain("exported the");
		assertThat(this.mvc.get()
			.uri(location)
			.with(TestAccounts.withRoles("operator-only", dev.keysmith.account.Role.OPERATOR))).bodyText()
			.doesNotContain("id=\"download-key\"")
			.contains("id=\"no-custodian\"");
	}

	@Test
	void deleteWhenConfirmedThenGoneButAuditKept() {
		String location = createDevice("delete-me", "EC_P256", "30");
		java.util.UUID id = java.util.UUID.fromString(location.substring("/devices/".length()));
		assertThat(this.mvc.get().uri(location + "/delete").with(TestAccounts.everyRole("admin"))).hasStatusOk()
			.bodyText()
			.contains("Delete &#39;delete-me&#39;?");
		assertThat(this.repository.existsById(id)).isTrue();
		assertThat(this.mvc.post().uri(location + "/delete").with(TestAccounts.everyRole("admin")).with(csrf()))
			.hasStatus(HttpStatus.FOUND)
			.hasRedirectedUrl("/devices");
		assertThat(this.repository.existsById(id)).isFalse();
		assertThat(this.mvc.get().uri(location).with(TestAccounts.everyRole("admin"))).hasStatus(HttpStatus.NOT_FOUND)
			.bodyText()
			.contains("No device with id");
	}

	@Test
	void htmxRequestWhenItFailsThenErrorFragmentWith200SoHtmxShowsIt() {
		assertThat(this.mvc.get()
			.uri("/devices/" + java.util.UUID.randomUUID() + "/thingsboard")
			.header("HX-Request", "true")
			.with(TestAccounts.everyRole("admin"))).hasStatusOk()
			.bodyText()
			.contains("class=\"flash flash-error\"")
			.contains("No device with id")
			.doesNotContain("<html");
		assertThat(this.mvc.get()
			.uri("/devices/" + java.util.UUID.randomUUID() + "/thingsboard")
			.with(TestAccounts.everyRole("admin"))).hasStatus(HttpStatus.NOT_FOUND);
	}

	@Test
	void detailWhenIdMalformedThenNotFoundPage() {
		assertThat(this.mvc.get().uri("/devices/not-a-uuid").with(TestAccounts.everyRole("admin")))
			.hasStatus(HttpStatus.NOT_FOUND);
	}

	private String createDevice(String name, String keyType, String days) {
		MvcTestResult result = postCreate(name, keyType, days);
		assertThat(result).hasStatus(HttpStatus.FOUND);
		return result.getResponse().getRedirectedUrl();
	}

	private MvcTestResult postCreate(String name, String keyType, String days) {
		return this.mvc.post()
			.uri("/devices")
			.with(TestAccounts.everyRole("admin"))
			.with(csrf())
			.param("name", name)
			.param("keyType", keyType)
			.param("validityDays", days)
			.exchange();
	}

	private MvcTestResult postImport(String certificate, String key) {
		var request = this.mvc.post()
			.uri("/devices/import")
			.with(TestAccounts.everyRole("admin"))
			.with(csrf())
			.param("certificateText", certificate);
		if (key != null) {
			request.param("keyText", key);
		}
		MvcTestResult result = request.exchange();
		assertThat(result).hasStatusOk();
		return result;
	}

	private Device sample(String name) {
		IssuedCredential credential = this.issuer.issue(KeyType.EC_P256, name, 30);
		return new Device(name, KeyType.EC_P256, CredentialOrigin.IMPORTED, credential.certificate(), "test",
				Instant.now());
	}

	static Map<String, byte[]> unzip(byte[] zip) throws Exception {
		Map<String, byte[]> entries = new HashMap<>();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
			for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				entries.put(entry.getName(), in.readAllBytes());
			}
		}
		return entries;
	}

	static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

}
