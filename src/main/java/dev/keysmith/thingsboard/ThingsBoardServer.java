package dev.keysmith.thingsboard;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import dev.keysmith.common.Columns;
import dev.keysmith.common.InvalidRequestException;
import dev.keysmith.pki.CertificateSize;
import dev.keysmith.vault.KeyVault;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A ThingsBoard server as the operator configured it. The password or API key is sealed
 * by the vault and never leaves this object except to authenticate.
 */
@Entity
@Table(name = "thingsboard_server")
public class ThingsBoardServer {

	public static final int DEFAULT_COAP_PORT = 5684;

	/**
	 * The largest datagram Keysmith sends over DTLS by default: ThingsBoard's DTLS server
	 * reads little more with its defaults ({@code COAP_DTLS_MAX_FRAGMENT_LENGTH} = 1024).
	 */
	public static final int DEFAULT_DTLS_DATAGRAM_LIMIT = CertificateSize.THINGSBOARD_DEFAULT_DATAGRAM_LIMIT;

	/** ThingsBoard's smallest fragment length, and what any IPv4 path carries. */
	public static final int MIN_DTLS_DATAGRAM_LIMIT = 512;

	/** The largest DTLS record. */
	public static final int MAX_DTLS_DATAGRAM_LIMIT = 16384;

	// the lengths of the columns fed from input, as the migrations create them
	static final int NAME_LENGTH = 255;

	static final int URL_LENGTH = 2048;

	static final int USERNAME_LENGTH = 255;

	static final int SEALED_SECRET_LENGTH = 4096;

	static final int COAP_HOST_LENGTH = 255;

	static final int PROFILE_ID_LENGTH = 64;

	static final int CA_PEM_LENGTH = 65536;

	static final int PINNED_SHA256_LENGTH = 95;

	@Id
	private UUID id;

	@Column(length = NAME_LENGTH)
	private String name;

	@Column(length = URL_LENGTH)
	private String baseUrl;

	@Enumerated(EnumType.STRING)
	private AuthType authType;

	@Column(length = USERNAME_LENGTH)
	private String username;

	@Column(length = SEALED_SECRET_LENGTH)
	private String sealedSecret;

	@Column(length = 16)
	private String vaultKeyId;

	@Column(length = COAP_HOST_LENGTH)
	private String coapHost;

	private int coapPort;

	private int dtlsDatagramLimit;

	@Column(length = PROFILE_ID_LENGTH)
	private String defaultProfileId;

	@Column(length = CA_PEM_LENGTH)
	private String serverCaPem;

	private Instant serverCaConfirmedAt;

	@Column(length = CA_PEM_LENGTH)
	private String pendingCaPem;

	@Column(name = "pinned_server_sha256", length = PINNED_SHA256_LENGTH)
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
		this.name = Columns.fit("name", "The server name", name, NAME_LENGTH);
		this.createdAt = createdAt;
		this.fromEnvironment = fromEnvironment;
		this.verifyHostName = true;
		this.dtlsDatagramLimit = DEFAULT_DTLS_DATAGRAM_LIMIT;
	}

	/** The vault context binding the sealed secret to this server. */
	String secretContext() {
		return "keysmith:thingsboard-secret:" + this.id;
	}

	void rename(String name) {
		this.name = Columns.fit("name", "The server name", name, NAME_LENGTH);
	}

	void connectTo(URI baseUrl, String coapHost, int coapPort) {
		this.baseUrl = Columns.fit("url", "The URL", baseUrl.toString(), URL_LENGTH);
		this.coapHost = Columns.fit("coapHost", "The CoAP host", coapHost, COAP_HOST_LENGTH);
		this.coapPort = coapPort;
	}

	void limitDtlsDatagrams(int limit) {
		this.dtlsDatagramLimit = limit;
	}

	void authenticateWith(AuthType type, String username, KeyVault.Sealed secret) {
		String field = (type == AuthType.API_KEY) ? "apiKey" : "password";
		if (secret.ciphertext().length() > SEALED_SECRET_LENGTH) {
			throw new InvalidRequestException(field,
					"The %s is too long: Keysmith stores at most %d bytes (UTF-8)".formatted(
							(type == AuthType.API_KEY) ? "API key" : "password",
							KeyVault.maxPlaintextBytes(SEALED_SECRET_LENGTH)));
		}
		this.authType = type;
		this.username = (type == AuthType.PASSWORD) ? Columns.fit("username", "The username", username, USERNAME_LENGTH)
				: null;
		this.sealedSecret = secret.ciphertext();
		this.vaultKeyId = secret.keyId();
	}

	KeyVault.Sealed sealedSecret() {
		return new KeyVault.Sealed(this.vaultKeyId, this.sealedSecret);
	}

	void useDefaultProfile(String profileId) {
		this.defaultProfileId = Columns.fit("defaultProfileId", "The default profile id", profileId, PROFILE_ID_LENGTH);
	}

	void checkHostName(boolean verify) {
		this.verifyHostName = verify;
	}

	void proposeServerCa(String pem) {
		this.pendingCaPem = Columns.fit("serverCaPem", "The server CA (as PEM)", pem, CA_PEM_LENGTH);
	}

	void trustServerCa(String pem, Instant at) {
		this.serverCaPem = Columns.fit("serverCaPem", "The server CA (as PEM)", pem, CA_PEM_LENGTH);
		this.serverCaConfirmedAt = at;
		this.pendingCaPem = null;
	}

	void pinServerCertificate(String sha256Fingerprint) {
		this.pinnedServerSha256 = Columns.fit("pinnedServerSha256", "The pinned fingerprint", sha256Fingerprint,
				PINNED_SHA256_LENGTH);
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

	/** The largest UDP datagram Keysmith's DTLS client sends to this server. */
	public int getDtlsDatagramLimit() {
		return this.dtlsDatagramLimit;
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

	/**
	 * SHA-256 of the one server certificate to accept, when the operator pinned it; or
	 * {@code null}.
	 */
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
