package dev.keysmith.verify;

public enum StepStatus {

	PENDING, RUNNING, PASSED, FAILED, SKIPPED

}
