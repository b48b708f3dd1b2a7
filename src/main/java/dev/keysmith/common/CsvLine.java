package dev.keysmith.common;

import java.util.List;

/**
 * The one CSV rule of Keysmith's downloads: cells separated by commas, lines ended by
 * CRLF; a cell with a delimiter, a quote or a line break is quoted, its quotes doubled.
 */
public final class CsvLine {

	private CsvLine() {
	}

	/** One CSV line of these cells. */
	public static String of(List<String> cells) {
		StringBuilder line = new StringBuilder();
		for (String cell : cells) {
			if (!line.isEmpty()) {
				line.append(',');
			}
			boolean quote = cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0
					|| cell.indexOf('\r') >= 0 || cell.indexOf(';') >= 0;
			line.append(quote ? '"' + cell.replace("\"", "\"\"") + '"' : cell);
		}
		return line.append("\r\n").toString();
	}

	/**
	 * {@link #of}, for cells that others typed: a cell a spreadsheet would take for a
	 * formula (it starts with {@code = + - @}, a tab or a carriage return) gets a leading
	 * {@code '}, so that it opens as the text it is.
	 */
	public static String inert(List<String> cells) {
		return of(cells.stream().map(CsvLine::inertCell).toList());
	}

	static String inertCell(String cell) {
		if (!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0) {
			return "'" + cell;
		}
		return cell;
	}

}
