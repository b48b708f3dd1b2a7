package dev.keysmith.batch;

import java.util.List;

/**
 * The input of a batch checked as a whole.
 *
 * @param rows the rows that can become devices
 * @param problems every bad row, with its line and reason
 */
record Validation(List<BatchRow> rows, List<RowProblem> problems) {

}
