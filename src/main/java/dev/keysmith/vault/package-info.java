/**
 * Secrets at rest: AES-256-GCM under the master key, each sealed value bound to its
 * record, and the start-up check that the master key is the one the stored data needs.
 * Depends on nothing of ours.
 */
package dev.keysmith.vault;
