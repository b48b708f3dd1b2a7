package dev.keysmith.testkit;

/** Byte array searches for tests that look for a secret in what was written. */
public final class Bytes {

	private Bytes() {
	}

	/** Where {@code needle} first stands in {@code haystack}, or -1. */
	public static int indexOf(byte[] haystack, byte[] needle) {
		outer: for (int i = 0; i <= haystack.length - needle.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

}
