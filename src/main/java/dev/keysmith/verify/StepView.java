package dev.keysmith.verify;

/**
 * One step of a run as the page and the API show it.
 *
 * @param detail what happened, in plain words
 * @param evidence the raw facts (alert, response code and payload, server certificate…),
 * or {@code null}
 */
public record StepView(int position, String name, StepStatus status, Long durationMs, String detail, String evidence) {

	StepView with(StepStatus status, Long durationMs, String detail, String evidence) {
		return new StepView(this.position, this.name, status, durationMs, detail, evidence);
	}

}
