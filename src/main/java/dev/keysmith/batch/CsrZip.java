package dev.keysmith.batch;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import dev.keysmith.common.Names;
import dev.keysmith.common.Uploads;
import dev.keysmith.pki.CertificateIssuer;
import dev.keysmith.pki.CsrReader;
import dev.keysmith.pki.PkiException;

/**
 * A batch given as a zip of {@code .csr} files, one per device that keeps its key: each
 * device is named by the CN its CSR asks for (or, without one, by its file name), each
 * CSR checked as a single one is. The zip is read within bounds (entries, bytes per
 * entry, bytes in all), so that a small file cannot unpack into a large one.
 */
final class CsrZip {

	/** Where a zip begins: "PK\3\4". */
	private static final byte[] MAGIC = { 'P', 'K', 3, 4 };

	/** The most one CSR takes (an RSA 4096 CSR is under 2 KB). */
	private static final int MAX_ENTRY_BYTES = 16 * 1024;

	private final int maxRows;

	CsrZip(int maxRows) {
		this.maxRows = maxRows;
	}

	static boolean isZip(byte[] file) {
		if (file == null || file.length < MAGIC.length) {
			return false;
		}
		for (int i = 0; i < MAGIC.length; i++) {
			if (file[i] != MAGIC[i]) {
				return false;
			}
		}
		return true;
	}

	Validation read(byte[] zip) {
		List<BatchRow> rows = new ArrayList<>();
		List<RowProblem> problems = new ArrayList<>();
		Map<String, Integer> names = new HashMap<>();
		long total = 0;
		int line = 0;
		int entries = 0;
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
			for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				if (++entries > 2 * this.maxRows) {
					throw refused("The zip holds more than %d files".formatted(2 * this.maxRows));
				}
				// every entry is inflated to be passed over, a CSR or not: all count
				byte[] content = in.readNBytes(MAX_ENTRY_BYTES + 1);
				total = passOver(in, total + content.length);
				String file = entry.getName();
				if (entry.isDirectory() || !file.toLowerCase(Locale.ROOT).endsWith(".csr")) {
					continue;
				}
				line++;
				if (line > this.maxRows) {
					throw refused("The zip holds more than %d CSRs: a batch has at most %d devices"
						.formatted(this.maxRows, this.maxRows));
				}
				if (content.length > MAX_ENTRY_BYTES) {
					throw refused("'%s' is larger than a CSR can be: the zip is refused".formatted(file));
				}
				row(line, file, content, names, rows, problems);
			}
		}
		catch (IOException | IllegalArgumentException ex) {
			throw refused("The zip cannot be read: " + ex.getMessage());
		}
		if (line == 0) {
			throw refused("The zip holds no .csr file");
		}
		return new Validation(rows, problems);
	}

	/**
	 * Inflates what is left of the entry, without keeping it, and refuses the zip as soon
	 * as everything inflated so far passes the bound.
	 * @return the bytes inflated so far
	 */
	private static long passOver(ZipInputStream in, long inflated) throws IOException {
		byte[] buffer = new byte[8192];
		long total = inflated;
		for (int read = 0; read >= 0; read = in.read(buffer)) {
			total += read;
			if (total > Uploads.MAX_BATCH_FILE_BYTES) {
				throw refused("The zip unpacks to more than %s: it is refused".formatted(Uploads.describeBatch()));
			}
		}
		return total;
	}

	private static void row(int line, String file, byte[] content, Map<String, Integer> names, List<BatchRow> rows,
			List<RowProblem> problems) {
		CsrReader.Csr csr;
		try {
			csr = CsrReader.read(content);
		}
		catch (PkiException ex) {
			problems.add(new RowProblem(line, "csr", file + ": " + ex.getMessage()));
			return;
		}
		String base = file.substring(file.lastIndexOf('/') + 1);
		String name = csr.commonName().orElse(base.substring(0, base.length() - ".csr".length())).strip();
		String problem = Names.problem("A device name", name, CertificateIssuer.MAX_COMMON_NAME_LENGTH);
		if (problem != null) {
			problems.add(new RowProblem(line, "name", file + ": " + problem));
			return;
		}
		Integer earlier = names.putIfAbsent(name, line);
		if (earlier != null) {
			problems.add(new RowProblem(line, "name", file + ": the same name as CSR " + earlier));
			return;
		}
		rows.add(new BatchRow(line, name, null, null, null, null, null, CsrReader.pem(content)));
	}

	private static BatchRefusedException refused(String message) {
		return new BatchRefusedException(message, List.of(new RowProblem(0, "file", message)));
	}

}
