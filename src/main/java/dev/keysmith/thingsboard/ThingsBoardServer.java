package dev.keysmith.thingsboard;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import dev.keysmith.vault.KeyVault;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A ThingsBoard server as the operator configured it. The password or API key is sealed by
 * the vault and never leaves this object except to authenticate.
 */
@Entity
@Table(name = "thingsboard_server")
public class ThingsBoardServer {

	public static final int DEFAULT_COAP_PORT = 5684;

	@Id
	private UUID id;

	private String name;

	private String baseUrl;

	@Enumerated(EnumType.STRING)
	private AuthType authType;

	private String username;

	private String sealedSecret;

	private String vaultKeyId;

	private String coapHost;

	private int coapPort;

	private String defaultProfileId;

	private String serverCaPem;

	private Instant serverCaConfirmedAt;

	private String pendingCaPem;

	@jakarta.persistence.Column(name = "pinned_server_sha256")
	private String pinnedServerSha256;

	private boolean verifyHostName;

	private boolean fromEnvironment;

	private Instant createdAt;

	@Version
	private long version;

	protected ThingsBoardServer() {
	}

	ThingsBoardServer(String name, Instant createdAt, boolean fromEnvironment) {
		this.id = UUID.randomUUID();
		this.name = name;
		this.createdAt = createdAt;
		this.fromEnvironment = fromEnvironment;
		this.verifyHostName = true;
	}

	/** The vault context binding the sealed secret to this server. */
	String secretContext() {
		return "keysmith:thingsboard-secret:" + this.id;
	}

	void rename(String name) {
		this.name = name;
	}

	void connectTo(URI baseUrl, String coapHost, int coapPort) {
		this.baseUrl = baseUrl.toString();
		this.coapHost = coapHost;
		this.coapPort = coapPort;
	}

	void authenticateWith(AuthType type, String username, KeyVault.Sealed secret) {
		this.authType = type;
		this.username = (type == AuthType.PASSWORD) ? username : null;
		this.sealedSecret = secret.ciphertext();
		this.vaultKeyId = secret.keyId();
	}

	KeyVault.Sealed sealedSecret() {
		return new KeyVault.Sealed(this.vaultKeyId, this.sealedSecret);
	}

	void useDefaultProfile(String profileId) {
		this.defaultProfileId = profileId;
	}

	void checkHostName(boolean verify) {
		this.verifyHostName = verify;
	}

	void proposeServerCa(String pem) {
		this.pendingCaPem = pem;
	}

	void trustServerCa(String pem, Instant at) {
		this.serverCaPem = pem;
		this.serverCaConfirmedAt = at;
		this.pendingCaPem = null;
	}

	void pinServerCertificate(String sha256Fingerprint) {
		this.pinnedServerSha256 = sha256Fingerprint;
	}

	void forgetServerCa() {
		this.serverCaPem = null;
		this.serverCaConfirmedAt = null;
		this.pendingCaPem = null;
	}

	public UUID getId() {
		return this.id;
	}

	public String getName() {
		return this.name;
	}

	public String getBaseUrl() {
		return this.baseUrl;
	}

	public AuthType getAuthType() {
		return this.authType;
	}

	public String getUsername() {
		return this.username;
	}

	public String getCoapHost() {
		return this.coapHost;
	}

	public int getCoapPort() {
		return this.coapPort;
	}

	public String getDefaultProfileId() {
		return this.defaultProfileId;
	}

	/** The confirmed CA of the DTLS server, or {@code null}. */
	public String getServerCaPem() {
		return this.serverCaPem;
	}

	public Instant getServerCaConfirmedAt() {
		return this.serverCaConfirmedAt;
	}

	/** A CA fetched or pasted but not yet confirmed by the operator, or {@code null}. */
	public String getPendingCaPem() {
		return this.pendingCaPem;
	}

	/** SHA-256 of the one server certificate to accept, when the operator pinned it; or {@code null}. */
	public String getPinnedServerSha256() {
		return this.pinnedServerSha256;
	}

	public boolean isVerifyHostName() {
		return this.verifyHostName;
	}

	public boolean isFromEnvironment() {
		return this.fromEnvironment;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	long getVersion() {
		return this.version;
	}

	/** ThingsBoard's own page for one of its devices. */
	public String deviceUrl(String thingsBoardDeviceId) {
		String base = this.baseUrl.endsWith("/") ? this.baseUrl.substring(0, this.baseUrl.length() - 1) : this.baseUrl;
		return base + "/entities/devices/" + thingsBoardDeviceId;
	}

	public enum AuthType {

		/** Tenant administrator username and password (JWT). */
		PASSWORD,

		/** An API key, ThingsBoard 4.3 and later. */
		API_KEY

	}

}
