package dev.keysmith.batch;

/**
 * Where one device of a batch is: each stage done moves it on; FAILED and SKIPPED end it.
 */
enum ItemState {

	QUEUED, ISSUED, PUSHED, VERIFIED, RENEWED, FAILED, SKIPPED

}
