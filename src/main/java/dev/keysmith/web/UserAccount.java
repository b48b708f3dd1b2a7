package dev.keysmith.web;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A Keysmith login. Only the password's hash is stored. */
@Entity
@Table(name = "app_user")
class UserAccount {

	@Id
	private String username;

	private String passwordHash;

	private Instant createdAt;

	protected UserAccount() {
	}

	UserAccount(String username, String passwordHash, Instant createdAt) {
		this.username = username;
		this.passwordHash = passwordHash;
		this.createdAt = createdAt;
	}

	String getUsername() {
		return this.username;
	}

	String getPasswordHash() {
		return this.passwordHash;
	}

	void changePasswordHash(String passwordHash) {
		this.passwordHash = passwordHash;
	}

}
