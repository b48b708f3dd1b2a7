package dev.keysmith.pki;

import java.util.Map;

/**
 * One {@code -----BEGIN label-----} … {@code -----END label-----} block: its label, its
 * RFC 1421 headers (only legacy encrypted keys have any) and its decoded content.
 */
public record PemBlock(String label, Map<String, String> headers, byte[] content) {

	public PemBlock(String label, byte[] content) {
		this(label, Map.of(), content);
	}

}
