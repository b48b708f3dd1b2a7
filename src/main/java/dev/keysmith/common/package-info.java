/**
 * The few types every feature shares: the kinds of refusal that the web layer maps to
 * HTTP statuses and pages. Depends on nothing.
 */
package dev.keysmith.common;
