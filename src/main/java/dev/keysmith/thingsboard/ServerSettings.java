package dev.keysmith.thingsboard;

/**
 * What an operator enters for a server. On an update, an empty password or API key keeps
 * the stored one.
 *
 * @param serverCaPem the DTLS server's CA, pasted; trusted at once only when
 * {@code serverCaSha256} confirms its fingerprint, otherwise kept for confirmation
 * @param pinnedServerSha256 trust exactly the server certificate with this SHA-256 (when
 * no CA is trusted)
 * @param dtlsDatagramLimit the largest UDP datagram Keysmith sends over DTLS;
 * {@code null} keeps the server's (1,024 for a new one)
 */
public record ServerSettings(String name, String url, String username, String password, String apiKey, String coapHost,
		Integer coapPort, String defaultProfileId, Boolean verifyHostName, String serverCaPem, String serverCaSha256,
		String pinnedServerSha256, Integer dtlsDatagramLimit) {

	public ServerSettings(String name, String url, String username, String password, String apiKey, String coapHost,
			Integer coapPort, String defaultProfileId, Boolean verifyHostName, String serverCaPem,
			String serverCaSha256, String pinnedServerSha256) {
		this(name, url, username, password, apiKey, coapHost, coapPort, defaultProfileId, verifyHostName, serverCaPem,
				serverCaSha256, pinnedServerSha256, null);
	}

	public ServerSettings(String name, String url, String username, String password, String apiKey, String coapHost,
			Integer coapPort, String defaultProfileId, Boolean verifyHostName, String serverCaPem,
			String serverCaSha256) {
		this(name, url, username, password, apiKey, coapHost, coapPort, defaultProfileId, verifyHostName, serverCaPem,
				serverCaSha256, null);
	}

	boolean usesApiKey() {
		return present(this.apiKey) || (!present(this.password) && !present(this.username));
	}

	static boolean present(String value) {
		return value != null && !value.isBlank();
	}

}
