package dev.keysmith.account;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Keysmith roles a provider's roles claim grants. Without a configured mapping, a
 * value that names a Keysmith role grants it ({@code OPERATOR}). With a mapping, only the
 * values it lists grant roles: a provider's role that another application happens to call
 * {@code admin} must not make someone Keysmith's administrator. A claim is a list of
 * strings, or one string of values separated by commas or spaces.
 */
final class SsoRoles {

	private SsoRoles() {
	}

	static Set<Role> granted(Object claim, Map<String, String> mapping) {
		Set<Role> roles = EnumSet.noneOf(Role.class);
		for (String value : values(claim)) {
			String mapped = mapping.get(value);
			if (mapped != null) {
				roles.addAll(Role.parse(mapped));
			}
			else if (mapping.isEmpty()) {
				Role.named(value).ifPresent(roles::add);
			}
		}
		return roles;
	}

	private static List<String> values(Object claim) {
		List<String> values = new ArrayList<>();
		if (claim instanceof Collection<?> collection) {
			collection.stream()
				.filter((value) -> value != null)
				.forEach((value) -> values.add(value.toString().strip()));
		}
		else if (claim instanceof String text) {
			for (String value : text.split("[,\\s]+")) {
				if (!value.isEmpty()) {
					values.add(value);
				}
			}
		}
		return values;
	}

}
