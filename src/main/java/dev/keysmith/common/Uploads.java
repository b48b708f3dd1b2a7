package dev.keysmith.common;

/**
 * How much Keysmith takes in one uploaded file: the one limit that the multipart
 * settings, the import checks, the error messages and the forms all use.
 */
public final class Uploads {

	/** A certificate or a key is a few KB: more is not one. */
	public static final int MAX_FILE_BYTES = 64 * 1024;

	/** A form or request carries a few files and fields. */
	public static final int MAX_REQUEST_BYTES = 4 * MAX_FILE_BYTES;

	/** A batch CSV: 10,000 devices with certificate and key each fit. */
	public static final int MAX_BATCH_FILE_BYTES = 20 * 1024 * 1024;

	/** A batch upload: the CSV and the batch's options. */
	public static final int MAX_BATCH_REQUEST_BYTES = MAX_BATCH_FILE_BYTES + MAX_REQUEST_BYTES;

	private Uploads() {
	}

	/** "64 KB": how messages and pages name the limit. */
	public static String describe() {
		return (MAX_FILE_BYTES / 1024) + " KB";
	}

	/** "20 MB": how messages and pages name the batch CSV limit. */
	public static String describeBatch() {
		return (MAX_BATCH_FILE_BYTES / (1024 * 1024)) + " MB";
	}

	/** Whether a request path takes batch CSV uploads (the larger limit). */
	public static boolean isBatchUpload(String path) {
		return path.equals("/api/batches") || path.equals("/batches");
	}

	/** The most a multipart request to that path may carry. */
	public static long maxRequestBytes(String path) {
		return isBatchUpload(path) ? MAX_BATCH_REQUEST_BYTES : MAX_REQUEST_BYTES;
	}

}
