/**
 * Batch onboarding: many devices generated or imported, pushed and verified as one job
 * whose items are persisted one by one, claimed through the database by whichever
 * Keysmith instance has room (leases that end when an instance is gone), and resumed by
 * themselves after a crash. Depends on device, push, verify, thingsboard, progress, work,
 * instance and audit (a batch's creation and steering); nothing depends on it.
 */
package dev.keysmith.batch;
