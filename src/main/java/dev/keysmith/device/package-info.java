/**
 * Devices and their credentials: create (generate) and import, list, delete, the audit trail of
 * each device, and the exports (files and bundle) with their audit records. Pages and JSON API
 * over one service. Depends on {@code pki}, {@code vault}, {@code common}, {@code storage}.
 */
package dev.keysmith.device;
