package dev.keysmith.lifecycle;

import java.util.UUID;

import dev.keysmith.device.Device;
import dev.keysmith.device.DeviceCredential;
import dev.keysmith.device.DeviceService;
import dev.keysmith.thingsboard.ThingsBoardServerService;
import dev.keysmith.thingsboard.client.ThingsBoardException;
import dev.keysmith.thingsboard.client.dto.TbCredentials;

/**
 * Says which certificate a ThingsBoard device holds now, in words, after a rollback that
 * failed: what the operator must know to act.
 */
final class TbCredentialsReader {

	private final ThingsBoardServerService servers;

	private final DeviceService devices;

	TbCredentialsReader(ThingsBoardServerService servers, DeviceService devices) {
		this.servers = servers;
		this.devices = devices;
	}

	String describe(UUID serverId, UUID deviceId, DeviceCredential next, DeviceCredential old) {
		Device device = this.devices.get(deviceId);
		String tbDeviceId = device.placement().map(Device.Placement::deviceId).orElse("?");
		try {
			TbCredentials held = this.servers.client(this.servers.get(serverId)).operation().credentials(tbDeviceId);
			if (held.holdCertificate(next.getCredentialsId())) {
				return "ThingsBoard now holds the NEW certificate " + describe(next)
						+ ": a device with the old one is refused from new addresses; put the new key on it.";
			}
			if (held.holdCertificate(old.getCredentialsId())) {
				return "ThingsBoard holds the OLD certificate " + describe(old) + ": devices with it keep working.";
			}
			return "ThingsBoard holds neither certificate: its credentials are of type " + held.credentialsType()
					+ " with credentialsId " + held.credentialsId() + ".";
		}
		catch (ThingsBoardException ex) {
			return "ThingsBoard could not be asked which certificate it holds (" + ex.getMessage()
					+ "): it holds either the new certificate " + describe(next) + " or the old one " + describe(old)
					+ "; look at the credentials of ThingsBoard device " + tbDeviceId + ".";
		}
	}

	private static String describe(DeviceCredential credential) {
		return credential.getSerialNumber() + " (SHA-256 " + credential.getSha256Fingerprint() + ", credentialsId "
				+ credential.getCredentialsId() + ")";
	}

}
