/**
 * The application's one audit log: one line per thing done (who, when, from where, what,
 * to which object, and a detail in words), kept in the {@code audit_event} table, each
 * line chained to the one before by a hash ({@code AuditChain}, {@code AuditHash}) and
 * sealed with a key derived from the master key ({@code AuditSeal}), read through the
 * API, the Audit page and its CSV, and checked ({@code AuditVerification}). Features
 * record through {@link dev.keysmith.audit.AuditLog}; it knows nothing of them, so that
 * any of them can use it. Depends on {@code common} and {@code vault}.
 */
package dev.keysmith.audit;
