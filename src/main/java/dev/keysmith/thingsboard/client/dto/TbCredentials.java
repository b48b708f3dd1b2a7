package dev.keysmith.thingsboard.client.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** ThingsBoard's DeviceCredentials; sent back whole (id, deviceId, version) to update them. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TbCredentials(IdRef id, Long createdTime, EntityId deviceId, String credentialsType,
		String credentialsId, String credentialsValue, Long version) {

	public static final String X509_CERTIFICATE = "X509_CERTIFICATE";

	/** The same credentials turned into X.509 ones holding {@code pem}, for an update. */
	public TbCredentials withCertificate(String pem) {
		return new TbCredentials(this.id, this.createdTime, this.deviceId, X509_CERTIFICATE, null, pem, this.version);
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record IdRef(String id) {
	}

}
