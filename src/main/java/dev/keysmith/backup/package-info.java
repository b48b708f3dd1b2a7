/**
 * Backups of an H2 installation and their restore. A backup is a zip of the database as
 * it was at one moment (H2's online {@code BACKUP}: private keys and passwords stay
 * sealed, the master key is not in it) and a manifest, sealed with an HMAC under a key
 * derived from the master key. {@code --keysmith.restore-from} restores one into an empty
 * data directory at start-up, after checking the whole file and the master key, before
 * anything is written.
 */
package dev.keysmith.backup;
