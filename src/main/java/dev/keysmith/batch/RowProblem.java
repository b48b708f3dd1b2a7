package dev.keysmith.batch;

/**
 * Why one row of the input cannot become a device.
 *
 * @param line the row's line in the file (its position for a pattern or a list of
 * devices)
 * @param field the column at fault
 */
record RowProblem(int line, String field, String reason) {

}
