package dev.keysmith.account;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A personal API token as stored: whose it is, its name, the SHA-256 of the token (never
 * the token), the roles it may use, when it expires, when it was last used (to the
 * minute) and whether it was revoked.
 */
@Entity
@Table(name = "api_token")
class ApiToken {

	static final int NAME_LENGTH = 100;

	@Id
	private UUID id;

	@Column(length = 255)
	private String username;

	@Column(length = NAME_LENGTH)
	private String name;

	@Column(length = 64)
	private String tokenHash;

	@Column(length = 128)
	private String roles;

	private Instant createdAt;

	private Instant expiresAt;

	private Instant lastUsedAt;

	private Instant revokedAt;

	protected ApiToken() {
	}

	ApiToken(UUID id, String username, String name, String tokenHash, Set<Role> roles, Instant createdAt,
			Instant expiresAt) {
		this.id = id;
		this.username = username;
		this.name = name;
		this.tokenHash = tokenHash;
		this.roles = Role.format(roles);
		this.createdAt = createdAt;
		this.expiresAt = expiresAt;
	}

	UUID getId() {
		return this.id;
	}

	String getUsername() {
		return this.username;
	}

	String getName() {
		return this.name;
	}

	String getTokenHash() {
		return this.tokenHash;
	}

	Set<Role> getRoles() {
		return Role.parse(this.roles);
	}

	Instant getCreatedAt() {
		return this.createdAt;
	}

	Instant getExpiresAt() {
		return this.expiresAt;
	}

	Instant getLastUsedAt() {
		return this.lastUsedAt;
	}

	Instant getRevokedAt() {
		return this.revokedAt;
	}

	boolean isExpiredAt(Instant now) {
		return !now.isBefore(this.expiresAt);
	}

	void revoke(Instant at) {
		if (this.revokedAt == null) {
			this.revokedAt = at;
		}
	}

}
