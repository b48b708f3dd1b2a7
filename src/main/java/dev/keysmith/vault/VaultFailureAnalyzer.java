package dev.keysmith.vault;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a master key problem at start-up into a plain message instead of a stack trace.
 */
class VaultFailureAnalyzer extends AbstractFailureAnalyzer<VaultException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, VaultException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Give Keysmith the master key its data was encrypted with (KEYSMITH_MASTER_KEY or the key file in "
						+ "the data directory).",
				cause);
	}

}
