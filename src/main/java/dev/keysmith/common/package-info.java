/**
 * The few types every feature shares: the kinds of refusal that the web layer maps to
 * HTTP statuses and pages, and how a stored value is written into generated text. Depends on
 * nothing.
 */
package dev.keysmith.common;
