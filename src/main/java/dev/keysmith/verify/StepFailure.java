package dev.keysmith.verify;

/** A step that failed: what happened, the raw evidence, and the run's diagnosis in plain words. */
final class StepFailure extends Exception {

	private final String detail;

	private final String evidence;

	private final String diagnosis;

	StepFailure(String detail, String evidence, String diagnosis) {
		super(detail, null, false, false);
		this.detail = detail;
		this.evidence = evidence;
		this.diagnosis = diagnosis;
	}

	String detail() {
		return this.detail;
	}

	String evidence() {
		return this.evidence;
	}

	String diagnosis() {
		return this.diagnosis;
	}

}
