/**
 * Keysmith's data directory and the database in it, as the operator sees them: files kept
 * owner-only, and a failing disk or database told apart from a refused value, in plain
 * words (a full disk is not "already exists", a failed account lookup is not "wrong
 * password"). Depends on nothing of ours.
 */
package dev.keysmith.storage;
