package dev.keysmith.thingsboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.keysmith.audit.AuditLog;
import dev.keysmith.audit.AuditObject;
import dev.keysmith.vault.KeyVault;

/**
 * A server's settings as the audit log sees them: which of them an edit changed, by name,
 * so that an entry says "url, password" and never a secret's value.
 */
final class ServerChanges {

	static final String CREATED = "SERVER_CREATED";

	static final String UPDATED = "SERVER_UPDATED";

	static final String DELETED = "SERVER_DELETED";

	private ServerChanges() {
	}

	/** The names of the settings that differ, in the order of the server form. */
	static List<String> between(Snapshot before, Snapshot after, boolean secretChanged) {
		List<String> changed = new ArrayList<>();
		note(changed, "name", before.name(), after.name());
		note(changed, "url", before.url(), after.url());
		note(changed, "authentication", before.authType(), after.authType());
		note(changed, "username", before.username(), after.username());
		if (secretChanged) {
			// named, its value never recorded
			changed.add((after.authType() == ThingsBoardServer.AuthType.API_KEY) ? "apiKey" : "password");
		}
		note(changed, "coapHost", before.coapHost(), after.coapHost());
		note(changed, "coapPort", before.coapPort(), after.coapPort());
		note(changed, "dtlsDatagramLimit", before.dtlsDatagramLimit(), after.dtlsDatagramLimit());
		note(changed, "defaultProfileId", before.defaultProfileId(), after.defaultProfileId());
		note(changed, "verifyHostName", before.verifyHostName(), after.verifyHostName());
		note(changed, "pinnedServerSha256", before.pinnedServerSha256(), after.pinnedServerSha256());
		note(changed, "serverCa", before.serverCaPem(), after.serverCaPem());
		note(changed, "pendingServerCa", before.pendingCaPem(), after.pendingCaPem());
		return changed;
	}

	/** Records what happened to the server, as the signed-in account (or the system). */
	static void record(AuditLog audit, String action, ThingsBoardServer server, String detail) {
		audit.record(AuditLog.currentActor(), action,
				new AuditObject("server", server.getId().toString(), server.getName()), detail);
	}

	private static void note(List<String> changed, String name, Object before, Object after) {
		if (!Objects.equals(before, after)) {
			changed.add(name);
		}
	}

	/** The settings of a server at one moment; the secret as sealed, to compare only. */
	record Snapshot(String name, String url, ThingsBoardServer.AuthType authType, String username,
			KeyVault.Sealed secret, String coapHost, Integer coapPort, Integer dtlsDatagramLimit,
			String defaultProfileId, Boolean verifyHostName, String pinnedServerSha256, String serverCaPem,
			String pendingCaPem) {

		static Snapshot of(ThingsBoardServer server) {
			return new Snapshot(server.getName(), server.getBaseUrl(), server.getAuthType(), server.getUsername(),
					server.sealedSecret(), server.getCoapHost(), server.getCoapPort(), server.getDtlsDatagramLimit(),
					server.getDefaultProfileId(), server.isVerifyHostName(), server.getPinnedServerSha256(),
					server.getServerCaPem(), server.getPendingCaPem());
		}

	}

}
