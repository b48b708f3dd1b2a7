package dev.keysmith.preflight;

/** One line of a pre-flight check: what was checked, how it went, in plain words. */
public record Finding(String check, Status status, String detail) {

	public enum Status {

		OK, WARNING, FAILED, SKIPPED

	}

	static Finding ok(String check, String detail) {
		return new Finding(check, Status.OK, detail);
	}

	static Finding warning(String check, String detail) {
		return new Finding(check, Status.WARNING, detail);
	}

	static Finding failed(String check, String detail) {
		return new Finding(check, Status.FAILED, detail);
	}

	static Finding skipped(String check, String detail) {
		return new Finding(check, Status.SKIPPED, detail);
	}

}
