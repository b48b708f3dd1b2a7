package dev.keysmith.verify;

/** Why a run failed: the cause as a code, and in plain words with what to do. */
record Diagnosis(Cause cause, String text) {

}
