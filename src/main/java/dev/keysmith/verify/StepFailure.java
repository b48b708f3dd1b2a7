package dev.keysmith.verify;

/** A step that failed: what happened, the raw evidence, and the run's diagnosis. */
final class StepFailure extends Exception {

	private final String detail;

	private final String evidence;

	private final Diagnosis diagnosis;

	StepFailure(String detail, String evidence, Diagnosis diagnosis) {
		super(detail, null, false, false);
		this.detail = detail;
		this.evidence = evidence;
		this.diagnosis = diagnosis;
	}

	StepFailure(String detail, String evidence, Cause cause, String diagnosis) {
		this(detail, evidence, new Diagnosis(cause, diagnosis));
	}

	String detail() {
		return this.detail;
	}

	String evidence() {
		return this.evidence;
	}

	Diagnosis diagnosis() {
		return this.diagnosis;
	}

}
