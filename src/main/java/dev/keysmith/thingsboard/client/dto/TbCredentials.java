package dev.keysmith.thingsboard.client.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * ThingsBoard's DeviceCredentials; sent back whole (id, deviceId, version) to update
 * them.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TbCredentials(IdRef id, Long createdTime, EntityId deviceId, String credentialsType, String credentialsId,
		String credentialsValue, Long version) {

	public static final String X509_CERTIFICATE = "X509_CERTIFICATE";

	public static final String ACCESS_TOKEN = "ACCESS_TOKEN";

	/**
	 * Whether these are the X.509 credentials of the certificate whose ThingsBoard
	 * credentialsId is given: the one proof that a device presenting it will be taken for
	 * this device.
	 */
	public boolean holdCertificate(String credentialsId) {
		return X509_CERTIFICATE.equals(this.credentialsType) && credentialsId.equals(this.credentialsId);
	}

	/** The same credentials turned into X.509 ones holding {@code pem}, for an update. */
	public TbCredentials withCertificate(String pem) {
		return new TbCredentials(this.id, this.createdTime, this.deviceId, X509_CERTIFICATE, null, pem, this.version);
	}

	/**
	 * The same credentials turned into an access token, for an update: the token is the
	 * credentialsId, and there is no value.
	 */
	public TbCredentials withAccessToken(String token) {
		return new TbCredentials(this.id, this.createdTime, this.deviceId, ACCESS_TOKEN, token, null, this.version);
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record IdRef(String id) {
	}

}
