package dev.keysmith.backup;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A refused restore ends the start with its plain reason and what to do, not a stack
 * trace.
 */
class RestoreFailureAnalyzer extends AbstractFailureAnalyzer<RestoreRefusedException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, RestoreRefusedException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
	}

}
