package dev.keysmith.batch;

import java.util.List;

/**
 * The input of a batch has bad rows: each with its line and reason. Nothing was created.
 */
class BatchRefusedException extends RuntimeException {

	private final List<RowProblem> rows;

	BatchRefusedException(String message, List<RowProblem> rows) {
		super(message);
		this.rows = List.copyOf(rows);
	}

	List<RowProblem> rows() {
		return this.rows;
	}

}
