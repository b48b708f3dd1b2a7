/**
 * Live progress of long-running work, whatever its kind: record it as it goes, hand its
 * events to watchers in order, replay it to whoever connects late, follow it through the
 * database when another Keysmith instance does the work, stream it as Server-Sent Events.
 * A kind of work describes itself with a {@link dev.keysmith.progress.ProgressModel}.
 * Depends on {@code work} only.
 */
package dev.keysmith.progress;
