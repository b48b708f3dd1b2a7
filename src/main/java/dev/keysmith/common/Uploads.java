package dev.keysmith.common;

/**
 * How much Keysmith takes in one uploaded file: the one limit that the multipart settings, the
 * import checks, the error messages and the forms all use.
 */
public final class Uploads {

	/** A certificate or a key is a few KB: more is not one. */
	public static final int MAX_FILE_BYTES = 64 * 1024;

	/** A form or request carries a few files and fields. */
	public static final int MAX_REQUEST_BYTES = 4 * MAX_FILE_BYTES;

	private Uploads() {
	}

	/** "64 KB": how messages and pages name the limit. */
	public static String describe() {
		return (MAX_FILE_BYTES / 1024) + " KB";
	}

}
