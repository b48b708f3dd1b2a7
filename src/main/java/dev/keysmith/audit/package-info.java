/**
 * The application's audit log: one line per thing done (who, when, what, to which object,
 * and a detail in words), kept in the {@code audit_event} table. Features record through
 * {@link dev.keysmith.audit.AuditLog}; it knows nothing of them, so that any of them can
 * use it.
 */
package dev.keysmith.audit;
