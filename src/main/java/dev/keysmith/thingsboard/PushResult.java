package dev.keysmith.thingsboard;

/**
 * A push that ThingsBoard confirmed: the credentials it stores hash to the credentialsId
 * Keysmith computed.
 * @param created whether the device was created by this push (else its credentials were updated)
 */
public record PushResult(String thingsboardDeviceId, String credentialsId, boolean verified, boolean created) {

}
