package dev.keysmith.batch;

/** What to do with a row whose name a Keysmith device already has. */
enum OnExistingName {

	/** Leave the device alone: the item is SKIPPED. */
	SKIP,

	/** Take that device as it is and go on with the next stages. */
	REUSE,

	/** The item fails with cause NAME_TAKEN. */
	FAIL

}
