package dev.keysmith.batch;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.keysmith.common.InvalidRequestException;
import dev.keysmith.common.Names;
import dev.keysmith.common.Uploads;
import dev.keysmith.pki.CertificateIssuer;
import dev.keysmith.pki.CredentialImporter;
import dev.keysmith.pki.CsrReader;
import dev.keysmith.pki.PkiException;

/**
 * The rows of a batch CSV, checked as a whole: a header naming the columns in any order
 * ({@code name} required; {@code label}, {@code profile}, {@code cert}, {@code key}
 * optional), then one device per row. A file that cannot be read at all is refused with
 * one reason; each bad row is listed with its line, column and reason. Certificates and
 * keys are checked by the same rules as a single import.
 */
final class CsvRows {

	static final List<String> COLUMNS = List.of("name", "label", "profile", "cert", "key", "csr");

	/** The longest CSR cell taken (an RSA 4096 CSR in PEM is under 2,000 characters). */
	static final int MAX_CSR_CHARACTERS = 16 * 1024;

	private final CredentialImporter importer;

	private final int maxRows;

	/**
	 * Profile ids and names of the server, lower case, to their id; {@code null} when
	 * none are checked.
	 */
	private final Map<String, String> profiles;

	/** Whether the batch names a CA, which a row with a CSR needs. */
	private final boolean withCa;

	CsvRows(CredentialImporter importer, int maxRows, Map<String, String> profiles, boolean withCa) {
		this.importer = importer;
		this.maxRows = maxRows;
		this.profiles = profiles;
		this.withCa = withCa;
	}

	Validation read(byte[] file) {
		if (file == null || file.length == 0) {
			throw refused("The file is empty: it needs a header row with a 'name' column, then one device per row");
		}
		if (file.length > Uploads.MAX_BATCH_FILE_BYTES) {
			throw refused("The file is %d MB: a batch CSV has at most %s".formatted(file.length / (1024 * 1024),
					Uploads.describeBatch()));
		}
		CsvReader reader = new CsvReader(text(file));
		try {
			CsvReader.Record header = reader.next();
			if (header == null) {
				throw refused("The file has no header row: the first line names the columns, 'name' among them");
			}
			Map<String, Integer> columns = columns(header);
			List<BatchRow> rows = new ArrayList<>();
			List<RowProblem> problems = new ArrayList<>();
			Map<String, Integer> names = new HashMap<>();
			int count = 0;
			for (CsvReader.Record record = reader.next(); record != null; record = reader.next()) {
				if (++count > this.maxRows) {
					throw refused("The file has more than %d rows: split it into batches of at most %d devices"
						.formatted(this.maxRows, this.maxRows));
				}
				row(record, header.fields().size(), columns, names, rows, problems);
			}
			if (count == 0) {
				throw refused("The file has a header row but no devices");
			}
			return new Validation(rows, problems);
		}
		catch (CsvReader.MalformedException ex) {
			throw new BatchRefusedException("The file is not valid CSV at line " + ex.line() + ": " + ex.getMessage(),
					List.of(new RowProblem(ex.line(), "file", ex.getMessage())));
		}
	}

	private void row(CsvReader.Record record, int width, Map<String, Integer> columns, Map<String, Integer> names,
			List<BatchRow> rows, List<RowProblem> problems) {
		int line = record.line();
		if (record.fields().size() != width) {
			problems.add(new RowProblem(line, "row",
					"The row has %d fields; the header has %d".formatted(record.fields().size(), width)));
			return;
		}
		String name = value(record, columns, "name");
		String cert = value(record, columns, "cert");
		String key = value(record, columns, "key");
		String profile = value(record, columns, "profile");
		String csr = value(record, columns, "csr");
		int before = problems.size();
		String nameProblem = Names.problem("A device name", name,
				(cert != null) ? BatchInput.MAX_NAME_LENGTH : CertificateIssuer.MAX_COMMON_NAME_LENGTH);
		if (nameProblem != null) {
			problems.add(new RowProblem(line, "name", nameProblem));
		}
		else {
			Integer earlier = names.putIfAbsent(name.strip(), line);
			if (earlier != null) {
				problems.add(new RowProblem(line, "name", "The same name as line " + earlier));
			}
		}
		String keyPem = (key != null && !key.contains("-----BEGIN")) ? pkcs8Pem(key) : key;
		if (key != null && cert == null) {
			problems.add(new RowProblem(line, "key", "A key needs its certificate in the 'cert' column"));
		}
		else if (cert != null) {
			credentialProblem(line, cert, keyPem).ifPresent(problems::add);
		}
		String csrPem = (csr != null && !csr.contains("-----BEGIN")) ? csrPem(csr) : csr;
		if (csr != null && csr.length() > MAX_CSR_CHARACTERS) {
			problems.add(new RowProblem(line, "csr",
					"The CSR has %d characters: a CSR has at most %d".formatted(csr.length(), MAX_CSR_CHARACTERS)));
		}
		else if (csr != null) {
			csrProblem(line, csrPem, cert != null || key != null).ifPresent(problems::add);
		}
		String profileId = null;
		if (profile != null && this.profiles != null) {
			profileId = this.profiles.get(profile.toLowerCase(Locale.ROOT));
			if (profileId == null) {
				problems.add(new RowProblem(line, "profile", "No device profile '" + profile + "' on the server"));
			}
		}
		else if (profile != null) {
			profileId = profile;
		}
		if (problems.size() == before) {
			rows.add(new BatchRow(line, name.strip(), value(record, columns, "label"), profileId, cert,
					(keyPem != null) ? keyPem.getBytes(StandardCharsets.US_ASCII) : null, null, csrPem));
		}
	}

	private Optional<RowProblem> csrProblem(int line, String csrPem, boolean withCredential) {
		if (withCredential) {
			return Optional.of(new RowProblem(line, "csr",
					"A row has either a CSR (the key stays on the device) or a certificate and key, not both"));
		}
		if (!this.withCa) {
			return Optional.of(new RowProblem(line, "csr",
					"A CSR needs a CA to issue its certificate: choose the batch's CA (caId)"));
		}
		try {
			CsrReader.read(csrPem.getBytes(StandardCharsets.US_ASCII));
			return Optional.empty();
		}
		catch (PkiException ex) {
			return Optional.of(new RowProblem(line, "csr", ex.getMessage()));
		}
	}

	/** A CSR given as one line of Base64 (its DER), as PEM. */
	private static String csrPem(String base64) {
		return "-----BEGIN CERTIFICATE REQUEST-----\n" + base64.replaceAll("\\s", "")
				+ "\n-----END CERTIFICATE REQUEST-----\n";
	}

	private Optional<RowProblem> credentialProblem(int line, String cert, String keyPem) {
		try {
			this.importer.read(cert, null);
		}
		catch (PkiException ex) {
			return Optional.of(new RowProblem(line, "cert", ex.getMessage()));
		}
		if (keyPem != null) {
			try {
				this.importer.read(cert, keyPem);
			}
			catch (PkiException ex) {
				return Optional.of(new RowProblem(line, "key", ex.getMessage()));
			}
		}
		return Optional.empty();
	}

	private static Map<String, Integer> columns(CsvReader.Record header) {
		Map<String, Integer> columns = new HashMap<>();
		for (int i = 0; i < header.fields().size(); i++) {
			String column = header.fields().get(i).strip().toLowerCase(Locale.ROOT);
			if (!COLUMNS.contains(column)) {
				throw refused("Unknown column '%s' in the header: the columns are %s".formatted(column,
						String.join(", ", COLUMNS)));
			}
			if (columns.putIfAbsent(column, i) != null) {
				throw refused("The column '" + column + "' appears twice in the header");
			}
		}
		if (!columns.containsKey("name")) {
			throw refused("The header has no 'name' column: the first line names the columns, 'name' among them");
		}
		return columns;
	}

	/**
	 * A field of the record, stripped; {@code null} when the column is absent or the
	 * field blank.
	 */
	private static String value(CsvReader.Record record, Map<String, Integer> columns, String column) {
		Integer index = columns.get(column);
		if (index == null) {
			return null;
		}
		String value = record.fields().get(index);
		return value.isBlank() ? null : value.strip();
	}

	private static String pkcs8Pem(String base64) {
		return "-----BEGIN PRIVATE KEY-----\n" + base64.replaceAll("\\s", "") + "\n-----END PRIVATE KEY-----\n";
	}

	private static String text(byte[] file) {
		try {
			String text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(file))
				.toString();
			if (text.indexOf('\0') >= 0) {
				throw refused("The file is not text (it holds NUL bytes): upload a CSV file");
			}
			return text;
		}
		catch (CharacterCodingException ex) {
			throw refused("The file is not UTF-8 text: upload a CSV file saved as UTF-8");
		}
	}

	private static BatchRefusedException refused(String reason) {
		return new BatchRefusedException(reason, List.of(new RowProblem(0, "file", reason)));
	}

	static InvalidRequestException noFile() {
		return new InvalidRequestException("file", "Send the CSV as the multipart part 'file'");
	}

}
