package dev.keysmith.device;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * What a new device may not share with the devices Keysmith holds (its name, its
 * certificate) and what it had better not resemble (a name people would confuse with
 * its).
 */
class DeviceClashes {

	private static final int LOOK_ALIKES_NAMED = 5;

	private final DeviceRepository devices;

	DeviceClashes(DeviceRepository devices) {
		this.devices = devices;
	}

	static DeviceConflictException nameTaken(String name) {
		return new DeviceConflictException("A device named '" + name + "' already exists");
	}

	/**
	 * The devices whose ACTIVE or PENDING credential is this certificate: they hold it.
	 */
	List<Device> holdersOf(String credentialsId) {
		return this.devices.findByCredentialsId(credentialsId,
				EnumSet.of(CredentialState.ACTIVE, CredentialState.PENDING));
	}

	void refuseTakenName(String name) {
		if (this.devices.existsByName(name)) {
			throw nameTaken(name);
		}
	}

	/**
	 * ThingsBoard takes one certificate as the credentials of one device only. A holder
	 * of the same name (stored by a concurrent request since the name was checked) is a
	 * taken name.
	 */
	void refuseHeldCertificate(Device device) {
		holdersOf(device.getCredentialsId()).stream().findFirst().ifPresent((holder) -> {
			if (holder.getName().equals(device.getName())) {
				throw nameTaken(device.getName());
			}
			throw new DeviceConflictException("This certificate is already held by device '" + holder.getName()
					+ "': ThingsBoard takes one certificate as one device's credentials only");
		});
	}

	/**
	 * A warning naming the other devices whose names people would take for this one's, if
	 * any.
	 */
	Optional<String> lookAlikeWarning(Device device) {
		List<String> names = this.devices
			.findTop6ByNameKeyAndIdNotOrderByName(LookAlikes.key(device.getName()), device.getId())
			.stream()
			.map((other) -> "'" + LookAlikes.visible(other.getName()) + "'")
			.toList();
		if (names.isEmpty()) {
			return Optional.empty();
		}
		String listed = String.join(", ", names.subList(0, Math.min(names.size(), LOOK_ALIKES_NAMED)))
				+ ((names.size() > LOOK_ALIKES_NAMED) ? " and more" : "");
		return Optional.of(("The name '%s' looks like that of %s %s: they differ only by case, invisible characters or "
				+ "letters of other scripts that look the same, and people will confuse them")
			.formatted(LookAlikes.visible(device.getName()), (names.size() == 1) ? "device" : "devices", listed));
	}

}
