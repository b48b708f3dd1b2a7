package dev.keysmith.thingsboard;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A server as the JSON API shows it: never its password or API key. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServerJson(UUID id, String name, String url, String authType, String username, String coapHost,
		int coapPort, String defaultProfileId, boolean verifyHostName, boolean fromEnvironment, Ca serverCa,
		Ca pendingCa, String pinnedServerSha256, int dtlsDatagramLimit) {

	public static ServerJson of(ThingsBoardServer server) {
		return new ServerJson(server.getId(), server.getName(), server.getBaseUrl(), server.getAuthType().name(),
				server.getUsername(), server.getCoapHost(), server.getCoapPort(), server.getDefaultProfileId(),
				server.isVerifyHostName(), server.isFromEnvironment(),
				Ca.of(server.getServerCaPem(), server.getServerCaConfirmedAt()), Ca.of(server.getPendingCaPem(), null),
				server.getPinnedServerSha256(), server.getDtlsDatagramLimit());
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Ca(String subject, String sha256Fingerprint, int certificates, Instant confirmedAt) {

		static Ca of(String pem, Instant confirmedAt) {
			CaCertificates.Summary summary = CaCertificates.Summary.of(pem);
			return (summary != null)
					? new Ca(summary.subject(), summary.sha256Fingerprint(), summary.certificates(), confirmedAt)
					: null;
		}

	}

}
