package dev.keysmith.thingsboard.client;

import dev.keysmith.common.InvalidRequestException;

/**
 * What ThingsBoard's public CoAP DTLS certificate download answered, without
 * authentication: the PEM, "none configured" (404, 4.x), "no such download in this
 * version" (401: 3.x asks for a token there and then has none), no answer, or a refusal
 * of another kind.
 *
 * @param pem the certificate(s) when published, else {@code null}
 * @param failure what went wrong when ThingsBoard did not answer or refused, else
 * {@code null}
 */
public record CaDownload(Outcome outcome, String pem, ThingsBoardException failure, String serverName) {

	/**
	 * Said wherever Keysmith has no CA to download, with what the operator can do
	 * instead.
	 */
	static final String INSTEAD = "paste it, or trust the certificate the server presents in a DTLS handshake after "
			+ "checking its fingerprint";

	public enum Outcome {

		PUBLISHED, NOT_CONFIGURED, NOT_IN_THIS_VERSION, NO_ANSWER, REFUSED

	}

	static CaDownload published(String pem, String serverName) {
		return (pem != null && !pem.isBlank()) ? new CaDownload(Outcome.PUBLISHED, pem, null, serverName)
				: new CaDownload(Outcome.NOT_CONFIGURED, null, null, serverName);
	}

	static CaDownload failed(ThingsBoardException ex, String serverName) {
		Outcome outcome;
		if (ex.getHttpStatus() == 0) {
			outcome = Outcome.NO_ANSWER;
		}
		else if (ex.isNotFound()) {
			outcome = Outcome.NOT_CONFIGURED;
		}
		else if (ex.getHttpStatus() == 401
				&& Integer.valueOf(ThingsBoardException.AUTHENTICATION_FAILED).equals(ex.getErrorCode())) {
			outcome = Outcome.NOT_IN_THIS_VERSION;
		}
		else {
			outcome = Outcome.REFUSED;
		}
		return new CaDownload(outcome, null, ex, serverName);
	}

	/** Whether ThingsBoard answered the download at all (whatever it said). */
	public boolean answered() {
		return this.outcome != Outcome.NO_ANSWER;
	}

	/**
	 * Why there is no CA to take, in plain words with what to do instead; {@code null}
	 * when there is one.
	 */
	public String explanation() {
		return switch (this.outcome) {
			case PUBLISHED -> null;
			case NOT_CONFIGURED -> "ThingsBoard (" + this.serverName + ") publishes no CoAP DTLS certificate "
					+ "(DEVICE_CONNECTIVITY_COAPS_CA_ROOT_CERT is not configured there): " + INSTEAD;
			case NOT_IN_THIS_VERSION ->
				"This ThingsBoard version does not publish its CoAP DTLS certificate: " + INSTEAD;
			case NO_ANSWER, REFUSED -> this.failure.getMessage();
		};
	}

	/**
	 * The published PEM; otherwise the refusal as a bad request when ThingsBoard has none
	 * to give, or the failure itself when it did not answer or failed.
	 */
	public String pemOrThrow() {
		return switch (this.outcome) {
			case PUBLISHED -> this.pem;
			case NOT_CONFIGURED, NOT_IN_THIS_VERSION -> throw new InvalidRequestException(null, explanation());
			case NO_ANSWER, REFUSED -> throw this.failure;
		};
	}

}
