package dev.keysmith.batch;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV text as RFC 4180 has it, with what spreadsheets add: a UTF-8 byte order mark,
 * {@code ,} or {@code ;} as delimiter (whichever the header line uses), CRLF or LF line
 * ends, and quoted fields that hold delimiters, doubled quotes and line breaks. Each
 * record knows the line it starts on; blank lines are passed over.
 */
final class CsvReader {

	private final String text;

	private final char delimiter;

	private int position;

	private int line = 1;

	/** A record and the line of the file it starts on. */
	record Record(int line, List<String> fields) {
	}

	/** A record that cannot be read (an open quote, text after a closing quote). */
	static final class MalformedException extends Exception {

		private final int line;

		MalformedException(int line, String message) {
			super(message);
			this.line = line;
		}

		int line() {
			return this.line;
		}

	}

	CsvReader(String text) {
		this.text = text.startsWith("\uFEFF") ? text.substring(1) : text;
		this.delimiter = delimiterOf(this.text);
	}

	char delimiter() {
		return this.delimiter;
	}

	/** The next record, or {@code null} at the end. */
	Record next() throws MalformedException {
		while (this.position < this.text.length() && lineEndAt(this.position) > 0) {
			this.position += lineEndAt(this.position); // a blank line
			this.line++;
		}
		if (this.position >= this.text.length()) {
			return null;
		}
		int startLine = this.line;
		List<String> fields = new ArrayList<>();
		while (true) {
			fields.add(field(startLine));
			if (this.position >= this.text.length()) {
				return new Record(startLine, fields);
			}
			char c = this.text.charAt(this.position);
			if (c == this.delimiter) {
				this.position++;
				continue;
			}
			int end = lineEndAt(this.position);
			this.position += end;
			this.line++;
			return new Record(startLine, fields);
		}
	}

	private String field(int startLine) throws MalformedException {
		if (this.position < this.text.length() && this.text.charAt(this.position) == '"') {
			return quoted(startLine);
		}
		int start = this.position;
		while (this.position < this.text.length()) {
			char c = this.text.charAt(this.position);
			if (c == this.delimiter || lineEndAt(this.position) > 0) {
				break;
			}
			if (c == '"') {
				throw new MalformedException(this.line,
						"A quote inside a field that does not start with one: quote the whole field and double the quote");
			}
			this.position++;
		}
		return this.text.substring(start, this.position);
	}

	private String quoted(int startLine) throws MalformedException {
		StringBuilder value = new StringBuilder();
		this.position++;
		while (true) {
			if (this.position >= this.text.length()) {
				throw new MalformedException(startLine, "A quoted field is never closed");
			}
			char c = this.text.charAt(this.position);
			if (c == '"') {
				if (this.position + 1 < this.text.length() && this.text.charAt(this.position + 1) == '"') {
					value.append('"');
					this.position += 2;
					continue;
				}
				this.position++;
				if (this.position < this.text.length() && this.text.charAt(this.position) != this.delimiter
						&& lineEndAt(this.position) == 0) {
					throw new MalformedException(this.line, "Text after the closing quote of a field");
				}
				return value.toString();
			}
			int end = lineEndAt(this.position);
			if (end > 0) {
				value.append('\n');
				this.position += end;
				this.line++;
				continue;
			}
			value.append(c);
			this.position++;
		}
	}

	/** The length of the line end at the position (CRLF 2, LF or CR 1), or 0. */
	private int lineEndAt(int at) {
		char c = this.text.charAt(at);
		if (c == '\n') {
			return 1;
		}
		if (c == '\r') {
			return (at + 1 < this.text.length() && this.text.charAt(at + 1) == '\n') ? 2 : 1;
		}
		return 0;
	}

	/**
	 * {@code ;} when the header line has more of them than commas outside quotes, else
	 * {@code ,}.
	 */
	private static char delimiterOf(String text) {
		int commas = 0;
		int semicolons = 0;
		boolean quoted = false;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '"') {
				quoted = !quoted;
			}
			else if (!quoted && (c == '\n' || c == '\r')) {
				break;
			}
			else if (!quoted && c == ',') {
				commas++;
			}
			else if (!quoted && c == ';') {
				semicolons++;
			}
		}
		return (semicolons > commas) ? ';' : ',';
	}

}
