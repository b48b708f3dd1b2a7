/**
 * Keysmith: puts IoT devices into service on ThingsBoard with X.509 certificates over
 * CoAP/DTLS. One package per reason to change; they depend downwards: {@code web} and the
 * features above {@code progress}, {@code work}, {@code instance}, {@code storage},
 * {@code audit}, {@code vault}, {@code pki} and {@code common}.
 */
package dev.keysmith;
