/**
 * The registry of running Keysmith processes that share a database: each one registers at
 * start, beats a heartbeat while it runs and leaves on a clean stop. Work a process owns
 * (a verification run, later batch leases) names it by
 * {@link dev.keysmith.instance.Instances#currentInstanceId()}, and any process can ask
 * whether an owner is still alive, to take over or close what a gone one left. Depends on
 * {@code work} only (for its heartbeat).
 */
package dev.keysmith.instance;
