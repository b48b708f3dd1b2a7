package dev.keysmith.verify;

public enum RunStatus {

	RUNNING, PASSED, FAILED

}
