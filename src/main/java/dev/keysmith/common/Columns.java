package dev.keysmith.common;

/**
 * Refuses a value longer than the database column it is stored in, naming the input it
 * came from, before the database refuses it (which would read as a clash). The entities
 * declare their column lengths, as the migrations create them.
 */
public final class Columns {

	private Columns() {
	}

	/**
	 * @param field the input at fault (form field or API member)
	 * @param what the value as the message names it, e.g. "The certificate's subject"
	 * @return the value, when it fits
	 */
	public static String fit(String field, String what, String value, int length) {
		if (value != null && value.length() > length) {
			throw new InvalidRequestException(field,
					"%s has %d characters: Keysmith stores at most %d".formatted(what, value.length(), length));
		}
		return value;
	}

}
