package dev.keysmith.expiry;

import java.util.UUID;

/** A window a credential entered: what the scan records once. */
record EntryKey(UUID credentialId, ExpiryWindow window) {

}
