package dev.keysmith.account;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A request signed in with a personal API token ({@code Authorization: Bearer ks_…}).
 * Before the check it carries the token as sent; after it, the account's name, the
 * token's id and the roles the request may use: the token's scope that the account still
 * holds. The token is erased once checked.
 */
public final class ApiTokenAuthentication extends AbstractAuthenticationToken {

	private final String username;

	private final UUID tokenId;

	private final Set<Role> roles;

	private String token;

	private ApiTokenAuthentication(String token) {
		super(List.of());
		this.username = null;
		this.tokenId = null;
		this.roles = Set.of();
		this.token = token;
	}

	private ApiTokenAuthentication(String username, UUID tokenId, Set<Role> roles,
			Collection<? extends GrantedAuthority> authorities) {
		super(authorities);
		this.username = username;
		this.tokenId = tokenId;
		this.roles = Set.copyOf(roles);
		setAuthenticated(true);
	}

	static ApiTokenAuthentication unchecked(String token) {
		return new ApiTokenAuthentication(token);
	}

	static ApiTokenAuthentication checked(String username, UUID tokenId, Set<Role> roles) {
		return new ApiTokenAuthentication(username, tokenId, roles,
				roles.stream().map((role) -> new SimpleGrantedAuthority(role.authority())).toList());
	}

	/** The id of the token (never the token). */
	public UUID getTokenId() {
		return this.tokenId;
	}

	/** The roles this request may use. */
	public Set<Role> getRoles() {
		return this.roles;
	}

	String getToken() {
		return this.token;
	}

	@Override
	public Object getCredentials() {
		return null;
	}

	@Override
	public Object getPrincipal() {
		return this.username;
	}

	@Override
	public String getName() {
		return (this.username != null) ? this.username : "";
	}

	@Override
	public void eraseCredentials() {
		super.eraseCredentials();
		this.token = null;
	}

}
