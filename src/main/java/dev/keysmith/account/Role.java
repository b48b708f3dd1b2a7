package dev.keysmith.account;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.core.GrantedAuthority;

/**
 * What an account may do. An account holds one or several; the first administrator holds
 * them all, so that a one-person installation works as one account.
 */
public enum Role {

	/** Accounts, ThingsBoard servers, CAs, settings and backups. */
	ADMIN("administrator", "accounts, servers, CAs, settings and backups"),

	/** Devices, pushes, verifications, batches, renewals and revocations. */
	OPERATOR("operator", "devices, pushes, verifications, batches and renewals"),

	/** May export private keys (key.pem, bundles with keys) and destroy keys. */
	CUSTODIAN("key custodian", "exports and destroys private keys"),

	/** Reads everything, the audit log included; changes nothing and exports no key. */
	AUDITOR("auditor", "reads everything and the audit log, changes nothing");

	private final String label;

	private final String summary;

	Role(String label, String summary) {
		this.label = label;
		this.summary = summary;
	}

	public String label() {
		return this.label;
	}

	public String summary() {
		return this.summary;
	}

	/** The authority Spring Security checks, {@code ROLE_} and the name. */
	public String authority() {
		return "ROLE_" + name();
	}

	/** A role by its name, in any case, or empty. */
	public static Optional<Role> named(String name) {
		if (name == null) {
			return Optional.empty();
		}
		String wanted = name.trim().toUpperCase(Locale.ROOT);
		return Arrays.stream(values()).filter((role) -> role.name().equals(wanted)).findFirst();
	}

	/** The roles among a signed-in principal's authorities ({@code ROLE_…}). */
	public static Set<Role> held(Collection<? extends GrantedAuthority> authorities) {
		Set<Role> roles = EnumSet.noneOf(Role.class);
		for (GrantedAuthority authority : authorities) {
			String name = authority.getAuthority();
			if (name != null && name.startsWith("ROLE_")) {
				named(name.substring("ROLE_".length())).ifPresent(roles::add);
			}
		}
		return roles;
	}

	/** The roles of a stored list ({@code ADMIN,OPERATOR}); unknown names are skipped. */
	static Set<Role> parse(String stored) {
		Set<Role> roles = EnumSet.noneOf(Role.class);
		if (stored != null) {
			for (String name : stored.split(",")) {
				named(name).ifPresent(roles::add);
			}
		}
		return roles;
	}

	/** The stored form of a set of roles, in declaration order. */
	static String format(Set<Role> roles) {
		return roles.stream().sorted().map(Role::name).collect(Collectors.joining(","));
	}

}
