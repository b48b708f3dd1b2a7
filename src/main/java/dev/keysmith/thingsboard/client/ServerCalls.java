package dev.keysmith.thingsboard.client;

import java.util.function.BiFunction;

import org.springframework.web.client.RestClient;

/**
 * How one call to a ThingsBoard server is made: within its deadline (its own, or the one
 * its operation shares), with the session's authorization, renewing an expired token
 * once, and explaining a refused API key.
 */
final class ServerCalls {

	private static final String CA_DOWNLOAD = "/api/device-connectivity/coaps/certificate/download";

	private final Retrying retrying;

	private final ThingsBoardSession session;

	private final ThingsBoardProperties properties;

	private final String serverName;

	/** The deadline all calls share, or {@code null}: each call has its own. */
	private final Deadline deadline;

	ServerCalls(Retrying retrying, ThingsBoardClient.Credentials credentials, ThingsBoardProperties properties,
			String serverName) {
		this(retrying, new ThingsBoardSession(credentials, retrying, serverName), properties, serverName, null);
	}

	private ServerCalls(Retrying retrying, ThingsBoardSession session, ThingsBoardProperties properties,
			String serverName, Deadline deadline) {
		this.retrying = retrying;
		this.session = session;
		this.properties = properties;
		this.serverName = serverName;
		this.deadline = deadline;
	}

	/** The same calls, sharing one deadline that starts now. */
	ServerCalls operation() {
		return new ServerCalls(this.retrying, this.session, this.properties, this.serverName,
				Deadline.after(this.properties.operationTimeout()));
	}

	boolean sharesDeadline() {
		return this.deadline != null;
	}

	boolean usesApiKey() {
		return this.session.usesApiKey();
	}

	void signIn() {
		this.session.signIn(deadline());
	}

	/**
	 * The call with the session's authorization; an expired token is renewed and the call
	 * made once more.
	 */
	<T> T call(Retrying.Kind kind, BiFunction<RestClient, String, T> call) {
		Deadline deadline = deadline();
		String authorization = this.session.authorization(deadline);
		try {
			return this.retrying.call(kind, deadline, (rest) -> call.apply(rest, authorization));
		}
		catch (ThingsBoardException ex) {
			if (ex.getHttpStatus() != 401) {
				throw ex;
			}
			if (this.session.usesApiKey()) {
				throw refusedApiKey(ex, deadline);
			}
			if (!ex.isExpiredToken()) {
				throw ex;
			}
			String renewed = this.session.renew(deadline, authorization);
			return this.retrying.call(kind, deadline, (rest) -> call.apply(rest, renewed));
		}
	}

	/** The public download of the DTLS server's CA, without authentication. */
	CaDownload downloadServerCa() {
		return downloadServerCa(deadline());
	}

	private CaDownload downloadServerCa(Deadline deadline) {
		try {
			return CaDownload.published(this.retrying.call(Retrying.Kind.READ, deadline,
					(rest) -> rest.get().uri(CA_DOWNLOAD).retrieve().body(String.class)), this.serverName);
		}
		catch (ThingsBoardException ex) {
			return CaDownload.failed(ex, this.serverName);
		}
	}

	/**
	 * A refused API key, explained: ThingsBoard before 4.3 has no API keys and answers
	 * them as a bad token; such a server also asks for a token at the CA download, which
	 * 4.x serves to anyone.
	 */
	private ThingsBoardException refusedApiKey(ThingsBoardException ex, Deadline deadline) {
		boolean older = downloadServerCa(deadline).outcome() == CaDownload.Outcome.NOT_IN_THIS_VERSION;
		String why = older
				? ": API keys need ThingsBoard 4.3 or later, and this server is older. Sign in with a "
						+ "tenant administrator's username and password instead."
				: " (" + ex.getServerMessage() + "): check that it is complete and has not expired or been revoked.";
		return new ThingsBoardException(401, ex.getErrorCode(), ex.getServerMessage(),
				"ThingsBoard (" + this.serverName + ") refused the API key" + why);
	}

	private Deadline deadline() {
		return (this.deadline != null) ? this.deadline : Deadline.after(this.properties.operationTimeout());
	}

}
