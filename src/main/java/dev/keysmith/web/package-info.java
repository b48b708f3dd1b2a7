/**
 * Web plumbing shared by every feature: security (form login, HTTP Basic for the API, login
 * throttling, CSRF and cross-site checks, proxy headers), error answers for pages and the API,
 * the accounts, the layout's model. Features never depend on it.
 */
package dev.keysmith.web;
