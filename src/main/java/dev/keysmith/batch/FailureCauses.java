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
	private static final Map<String, String> BATCH_CAUSES = Map.of("NAME_TAKEN",
			"A Keysmith device of this name already exists.", "INVALID_ROW",
			"Keysmith refused the row's name, certificate or key.", "EXISTS_IN_THINGSBOARD",
			"ThingsBoard already has a device of this name with other credentials.", "KEYSMITH_BUSY",
			"Keysmith had no free place for the verification in time.");

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
