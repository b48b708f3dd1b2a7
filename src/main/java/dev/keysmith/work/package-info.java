/**
 * Every background thread of Keysmith: a bounded pool for long jobs with admission before
 * anything is stored, an ordered event thread, and a scheduler for periodic tasks, sized
 * by {@code keysmith.work.*}. Depends on nothing of Keysmith's.
 */
package dev.keysmith.work;
