/**
 * The few rules and types every feature shares, each in one place: the kinds of refusal
 * the web layer maps to HTTP statuses and pages, the name rule ({@code Names}), how a
 * moment is written ({@code Dates}), how a stored value is written into generated text
 * ({@code PrintableText}), column lengths ({@code Columns}), the upload limit
 * ({@code Uploads}) and form refusals on Spring's binding result ({@code FormErrors}).
 * Depends on nothing but Spring's validation types.
 */
package dev.keysmith.common;
