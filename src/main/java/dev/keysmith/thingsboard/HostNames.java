package dev.keysmith.thingsboard;

import java.util.regex.Pattern;

import dev.keysmith.common.InvalidRequestException;
import dev.keysmith.common.PrintableText;

/**
 * The rule for the hosts Keysmith stores and prints into commands: a DNS name (labels of
 * letters, digits, hyphens and underscores, as Docker service names have them; 1 to 63
 * characters each, no hyphen at either end, 253 in all) or an IP literal (IPv4 dotted
 * quad, IPv6 with or without brackets, kept without them). Nothing else reaches a shell
 * or a URL.
 */
public final class HostNames {

	static final int MAX_LENGTH = 253;

	private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?");

	private static final Pattern IPV4 = Pattern
		.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");

	private static final Pattern HEX_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");

	private HostNames() {
	}

	/**
	 * The host as Keysmith keeps it (an IPv6 literal without brackets).
	 * @param field the input at fault when it is refused
	 * @param what how the message names it, e.g. "CoAP host"
	 */
	public static String check(String field, String what, String host) {
		String literal = (host != null && host.startsWith("[") && host.endsWith("]") && host.contains(":"))
				? host.substring(1, host.length() - 1) : host;
		if (literal == null || !(isIpv6(literal) || isIpv4(literal) || isDnsName(literal))) {
			throw new InvalidRequestException(field, "The %s '%s' is not a host name or an IP address".formatted(what,
					PrintableText.oneLine(String.valueOf(host))));
		}
		return literal;
	}

	static boolean isIpv4(String host) {
		return IPV4.matcher(host).matches();
	}

	private static boolean isDnsName(String host) {
		if (host.isEmpty() || host.length() > MAX_LENGTH) {
			return false;
		}
		String[] labels = host.split("\\.", -1);
		for (String label : labels) {
			if (!LABEL.matcher(label).matches()) {
				return false;
			}
		}
		// an all-digit last label is an IP address or nothing (RFC 1123): 1.2.3.256 is no
		// name
		return !labels[labels.length - 1].chars().allMatch(Character::isDigit);
	}

	private static boolean isIpv6(String host) {
		if (!host.contains(":")) {
			return false;
		}
		int gap = host.indexOf("::");
		if (gap >= 0 && host.indexOf("::", gap + 1) >= 0) {
			return false;
		}
		if (gap < 0) {
			return groups(host, true) == 8;
		}
		int head = (gap == 0) ? 0 : groups(host.substring(0, gap), false);
		int tail = (gap + 2 == host.length()) ? 0 : groups(host.substring(gap + 2), true);
		return head >= 0 && tail >= 0 && head + tail <= 7;
	}

	/**
	 * How many 16-bit groups the colon-separated part holds, or -1. An IPv4 address may
	 * end the whole literal, and counts two.
	 */
	private static int groups(String part, boolean last) {
		String[] pieces = part.split(":", -1);
		int count = 0;
		for (int i = 0; i < pieces.length; i++) {
			if (last && i == pieces.length - 1 && isIpv4(pieces[i])) {
				count += 2;
			}
			else if (HEX_GROUP.matcher(pieces[i]).matches()) {
				count++;
			}
			else {
				return -1;
			}
		}
		return count;
	}

}
