package dev.keysmith.push;

import java.util.List;

/**
 * A push that ThingsBoard confirmed: the credentials it stores hash to the credentialsId
 * Keysmith computed.
 *
 * @param created whether the device was created by this push (else its credentials were
 * updated)
 * @param warnings what the operator should know, e.g. a certificate too large for the
 * server's datagrams
 */
public record PushResult(String thingsboardDeviceId, String credentialsId, boolean verified, boolean created,
		List<String> warnings) {

}
