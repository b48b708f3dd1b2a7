/**
 * A device certificate's life after its first push: renewal (prepare a new credential;
 * activate it by a push to the same ThingsBoard device, proven by read-back and by
 * verifications from new addresses, with a proven rollback on any failure) and revocation
 * (an access token in place of the certificate, or the ThingsBoard device deleted; proven
 * by a 4.01 from a new address; the key destroyed on request). Each is a run of steps,
 * stored, audited and followed live like a verification run, and every kind of run reads
 * at {@code /api/runs/{runId}}. Depends on {@code device}, {@code push}, {@code verify},
 * {@code progress}, {@code thingsboard} and its client, {@code work}, {@code instance}.
 */
package dev.keysmith.lifecycle;
