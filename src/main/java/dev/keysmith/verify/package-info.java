/**
 * One-click verification runs: Keysmith connects as the device and goes step by step
 * (resolve, handshake, telemetry, read-back, observe, round trip, clean-up); each failure
 * gets a {@code Cause} and a plain-words diagnosis; runs are stored, owned by an
 * instance, and followed live through a {@code progress.Feed}. Depends on {@code device},
 * {@code thingsboard}, {@code dtls}, {@code progress}, {@code work}, {@code instance}.
 */
package dev.keysmith.verify;
