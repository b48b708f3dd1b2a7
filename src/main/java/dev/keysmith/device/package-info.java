/**
 * Devices and their credentials over time: create (generate) and import, list, delete,
 * the certificate history (one ACTIVE credential per device), each key sealed to its
 * credential record, the audit trail of each device (its entries in {@code audit}'s one
 * log), and the exports (files and bundle) with their audit records. Pages and JSON API
 * over the services. Depends on {@code pki}, {@code vault}, {@code common},
 * {@code storage}, {@code audit}.
 */
package dev.keysmith.device;
