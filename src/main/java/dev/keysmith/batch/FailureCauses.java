package dev.keysmith.batch;

import java.util.Map;

import dev.keysmith.push.PushFailure;
import dev.keysmith.verify.Cause;

/**
 * Each cause a batch item can fail with, in the plain words the batch page shows beside
 * its count.
 */
final class FailureCauses {

	/**
	 * The batch's own causes; a push's and a verification's say themselves what they
	 * mean.
	 */
	private static final Map<String, String> BATCH_CAUSES = Map.ofEntries(
			Map.entry("NAME_TAKEN", "A Keysmith device of this name already exists."),
			Map.entry("INVALID_ROW", "Keysmith refused the row's name, certificate or key."),
			Map.entry("EXISTS_IN_THINGSBOARD", "ThingsBoard already has a device of this name with other credentials."),
			Map.entry("KEYSMITH_BUSY", "Keysmith had no free place for the verification in time."),
			// a renewal's: its lifecycle run's causes (INTERRUPTED and KEYSMITH_ERROR
			// are a verification's too), and the batch's own
			Map.entry("PUSH_FAILED",
					"The new certificate could not be pushed: ThingsBoard keeps the old one, which still works."),
			Map.entry("VERIFICATION_FAILED",
					"The new certificate was pushed but did not verify: rolled back, "
							+ "ThingsBoard holds the old certificate again."),
			Map.entry("ROLLBACK_FAILED",
					"The new certificate did not work and putting the old one back failed too: "
							+ "the item's run says which certificate ThingsBoard holds now. Look at it first."),
			Map.entry("BUSY", "Keysmith had no room for the renewal: the new certificate waits, PENDING."),
			Map.entry("RUN_GOING_ON", "Another renewal or revocation of the device was going on."),
			Map.entry("CANNOT_RENEW",
					"Keysmith cannot renew it this way (no key to keep, or a key type it does not generate)."),
			Map.entry("NOT_PUSHED", "Never pushed to ThingsBoard: there is nothing to activate."),
			Map.entry("REVOKED", "Its certificate was revoked: there is nothing to renew."),
			Map.entry("DEVICE_GONE", "The device was deleted from Keysmith."),
			Map.entry("NOTHING_PREPARED", "No new certificate was waiting to be activated: prepare first."),
			Map.entry("NO_LONGER_EXPIRING", "Renewed since the batch began: left alone."),
			Map.entry("KEY_NOT_HELD", "Its key is on the device or with the operator: Keysmith does not replace it."),
			Map.entry("CA_RETIRED", "The CA chosen is retired: it issues no more certificates."));

	private FailureCauses() {
	}

	static String explain(String cause) {
		if (BATCH_CAUSES.containsKey(cause)) {
			return BATCH_CAUSES.get(cause);
		}
		for (PushFailure failure : PushFailure.values()) {
			if (failure.name().equals(cause)) {
				return failure.summary();
			}
		}
		for (Cause verification : Cause.values()) {
			if (verification.name().equals(cause)) {
				return verification.summary();
			}
		}
		return "See each item's detail.";
	}

}
