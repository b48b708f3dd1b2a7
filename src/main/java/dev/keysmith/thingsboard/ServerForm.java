package dev.keysmith.thingsboard;

/**
 * The server form of the pages: auth is chosen with a radio button, the checkbox is
 * absent when off.
 */
record ServerForm(String name, String url, String authType, String username, String password, String apiKey,
		String coapHost, Integer coapPort, String defaultProfileId, Boolean verifyHostName, String pinnedServerSha256,
		Integer dtlsDatagramLimit) {

	static ServerForm blank() {
		return new ServerForm("", "", "PASSWORD", "", "", "", "", ThingsBoardServer.DEFAULT_COAP_PORT, "", true, "",
				ThingsBoardServer.DEFAULT_DTLS_DATAGRAM_LIMIT);
	}

	static ServerForm of(ThingsBoardServer server) {
		return new ServerForm(server.getName(), server.getBaseUrl(), server.getAuthType().name(), server.getUsername(),
				"", "", server.getCoapHost(), server.getCoapPort(), server.getDefaultProfileId(),
				server.isVerifyHostName(), server.getPinnedServerSha256(), server.getDtlsDatagramLimit());
	}

	ServerSettings toSettings() {
		boolean apiKeyAuth = "API_KEY".equals(this.authType);
		return new ServerSettings(this.name, this.url, apiKeyAuth ? null : this.username,
				apiKeyAuth ? null : this.password, apiKeyAuth ? this.apiKey : null, this.coapHost, this.coapPort,
				this.defaultProfileId, Boolean.TRUE.equals(this.verifyHostName), null, null, this.pinnedServerSha256,
				this.dtlsDatagramLimit);
	}

	/** The form as it goes back to the browser: secrets are never sent back. */
	ServerForm withoutSecrets() {
		return new ServerForm(this.name, this.url, this.authType, this.username, "", "", this.coapHost, this.coapPort,
				this.defaultProfileId, this.verifyHostName, this.pinnedServerSha256, this.dtlsDatagramLimit);
	}

}
