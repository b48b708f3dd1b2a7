package dev.keysmith.batch;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

import dev.keysmith.pki.CertificateIssuer;
import dev.keysmith.pki.IssuedCredential;
import dev.keysmith.pki.KeyType;
import dev.keysmith.pki.PemCodec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The batch CSV: what it accepts, and every bad row and bad file it refuses, with line
 * and reason.
 */
class CsvRowsTests {

	private static final String PROFILE_ID = "c4835830-ea88-11f1-a25e-61a2599407a3";

	private final CertificateIssuer issuer = new CertificateIssuer();

	private final CsvRows rows = new CsvRows(new dev.keysmith.pki.CredentialImporter(Clock.systemUTC()), 10_000,
			Map.of(PROFILE_ID, PROFILE_ID, "default", PROFILE_ID), false);

	@Test
	void readWhenBomSemicolonsAndColumnsInAnyOrderThenRowsWithTheirLines() {
		Validation result = read("\uFEFFlabel;name;profile\r\nBoiler one;boiler-1;default\r\n\r\n;boiler-2;\r\n");
		assertThat(result.problems()).isEmpty();
		assertThat(result.rows()).extracting(BatchRow::line, BatchRow::name, BatchRow::label, BatchRow::profileId)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(2, "boiler-1", "Boiler one", PROFILE_ID),
					org.assertj.core.groups.Tuple.tuple(4, "boiler-2", null, null));
	}

	@Test
	void readWhenQuotedFieldsHoldDelimitersQuotesAndLineBreaksThenReadWhole() {
		Validation result = read("name,label\n\"a,b\",\"says \"\"hi\"\"\nand more\"\nnext,x\n");
		assertThat(result.problems()).isEmpty();
		assertThat(result.rows()).extracting(BatchRow::line, BatchRow::name, BatchRow::label)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(2, "a,b", "says \"hi\"\nand more"),
					org.assertj.core.groups.Tuple.tuple(4, "next", "x"));
	}

	@Test
	void readWhenCertificateAndKeyAsPemOrOneLineBase64ThenAccepted() {
		IssuedCredential one = this.issuer.issue(KeyType.EC_P256, "csv-cert-1", 30);
		IssuedCredential two = this.issuer.issue(KeyType.EC_P256, "csv-cert-2", 30);
		String oneLineCert = dev.keysmith.pki.Fingerprints.thingsBoardCredentialsValue(two.certificate());
		String oneLineKey = java.util.Base64.getEncoder().encodeToString(two.privateKey().getEncoded());
		String csv = "cert,key,name\n" + quoted(PemCodec.certificate(one.certificate())) + ","
				+ quoted(PemCodec.privateKey(one)) + ",csv-cert-1\n" + oneLineCert + "," + oneLineKey + ",csv-cert-2\n";
		Validation result = read(csv);
		assertThat(result.problems()).isEmpty();
		assertThat(result.rows()).hasSize(2).allSatisfy((row) -> {
			assertThat(row.certificatePem()).isNotBlank();
			assertThat(row.key()).isNotEmpty();
		});
	}

	@Test
	void readWhenRowsAreBadThenEachListedWithLineFieldAndReason() {
		IssuedCredential one = this.issuer.issue(KeyType.EC_P256, "good", 30);
		IssuedCredential other = this.issuer.issue(KeyType.EC_P256, "other", 30);
		String keyBad = "key-bad," + "," + quoted(PemCodec.certificate(one.certificate())) + ","
				+ quoted(PemCodec.privateKey(other)) + "\n";
		String keyAlone = "key-alone,,," + quoted(PemCodec.privateKey(other)) + "\n";
		String csv = "name,profile,cert,key\n" // line 1
				+ "good-1,,,\n" // 2: fine
				+ ",,,\n" // 3: empty name
				+ "x".repeat(65) + ",,,\n" // 4: too long for a generated device
				+ "bad\u0007name,,,\n" // 5: control character
				+ "good-1,,,\n" // 6: duplicate of line 2
				+ "cert-bad,,notacert,\n" // 7: certificate refused
				+ keyBad // 8: key does not match (a record over several lines)
				+ "profile-bad,nosuchprofile,,\n" // unknown profile
				+ keyAlone // key without certificate
				+ "short,,\n"; // too few fields
		// lines are the file's own, as an editor shows them: quoted PEM spans several
		int profileLine = 8 + lineBreaks(keyBad);
		int keyAloneLine = profileLine + 1;
		int shortLine = keyAloneLine + lineBreaks(keyAlone);
		Validation result = read(csv);
		assertThat(result.rows()).extracting(BatchRow::name).containsExactly("good-1");
		assertThat(result.problems()).extracting(RowProblem::line, RowProblem::field)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(3, "name"),
					org.assertj.core.groups.Tuple.tuple(4, "name"), org.assertj.core.groups.Tuple.tuple(5, "name"),
					org.assertj.core.groups.Tuple.tuple(6, "name"), org.assertj.core.groups.Tuple.tuple(7, "cert"),
					org.assertj.core.groups.Tuple.tuple(8, "key"),
					org.assertj.core.groups.Tuple.tuple(profileLine, "profile"),
					org.assertj.core.groups.Tuple.tuple(keyAloneLine, "key"),
					org.assertj.core.groups.Tuple.tuple(shortLine, "row"));
		assertThat(result.problems().get(0).reason()).contains("required");
		assertThat(result.problems().get(1).reason()).contains("at most 64");
		assertThat(result.problems().get(2).reason()).contains("control characters");
		assertThat(result.problems().get(3).reason()).isEqualTo("The same name as line 2");
		assertThat(result.problems().get(6).reason()).contains("nosuchprofile");
	}

	@Test
	void readWhenFileIsEmptyBinaryOrHeaderOnlyThenRefusedAsAWhole() {
		assertRefused(new byte[0], "empty");
		assertRefused(new byte[] { 'n', 'a', 'm', 'e', '\n', 0, 1, 2, (byte) 0xff, (byte) 0xfe }, "not UTF-8");
		assertRefused("name\nabc\u0000def\n".getBytes(StandardCharsets.UTF_8), "not text");
		assertRefused("name\n".getBytes(StandardCharsets.UTF_8), "no devices");
		assertRefused("label\nx\n".getBytes(StandardCharsets.UTF_8), "no 'name' column");
		assertRefused("name,colour\nx,red\n".getBytes(StandardCharsets.UTF_8), "Unknown column 'colour'");
		assertRefused("name\n\"open\n".getBytes(StandardCharsets.UTF_8), "never closed");
	}

	@Test
	void readWhenMoreThanTheMostRowsThenRefused() {
		StringBuilder csv = new StringBuilder("name\n");
		for (int i = 1; i <= 10_001; i++) {
			csv.append("dev-").append(i).append('\n');
		}
		assertRefused(csv.toString().getBytes(StandardCharsets.UTF_8), "more than 10000 rows");
		assertThat(read(csv.substring(0, csv.lastIndexOf("dev-10001"))).rows()).hasSize(10_000);
	}

	@Test
	void readWhenFileOverTwentyMegabytesThenRefused() {
		byte[] large = new byte[dev.keysmith.common.Uploads.MAX_BATCH_FILE_BYTES + 1];
		java.util.Arrays.fill(large, (byte) 'a');
		assertRefused(large, "at most 20 MB");
	}

	private Validation read(String csv) {
		return this.rows.read(csv.getBytes(StandardCharsets.UTF_8));
	}

	private void assertRefused(byte[] file, String reason) {
		assertThatExceptionOfType(BatchRefusedException.class).isThrownBy(() -> this.rows.read(file))
			.satisfies((ex) -> {
				assertThat(ex.getMessage()).contains(reason);
				assertThat(ex.rows()).singleElement().satisfies((row) -> assertThat(row.field()).isEqualTo("file"));
			});
	}

	private static int lineBreaks(String text) {
		return (int) text.chars().filter((c) -> c == '\n').count();
	}

	private static String quoted(String text) {
		return "\"" + text.replace("\"", "\"\"") + "\"";
	}

}
