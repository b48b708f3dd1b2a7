package dev.keysmith.audit;

/**
 * What an audit entry is about: a type ({@code device}, {@code server}, {@code ca}, …),
 * an id, and a name that keeps the entry readable once the object is deleted. Any part
 * may be {@code null}.
 */
public record AuditObject(String type, String id, String name) {

	/** No object: the entry is about Keysmith itself, or about the actor. */
	public static final AuditObject NONE = new AuditObject(null, null, null);

}
