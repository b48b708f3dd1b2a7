/**
 * Web plumbing shared by every feature: security (form login, HTTP Basic for the API,
 * login throttling, CSRF and cross-site checks, proxy headers), error answers for pages
 * and the API, the accounts, the layout's model, and the one mapping of the features'
 * typed failures ({@code PushFailure}, {@code ThingsBoardException.Kind},
 * {@code BusyException}) to HTTP statuses; sign-ins and sign-outs go to {@code audit}.
 * Features never depend on it. {@code PackageDependenciesTests} holds every package to
 * what its package-info allows.
 */
package dev.keysmith.web;
