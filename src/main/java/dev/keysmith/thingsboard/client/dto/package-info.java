/**
 * ThingsBoard's JSON, as records: only the members Keysmith reads or must send back.
 */
package dev.keysmith.thingsboard.client.dto;
