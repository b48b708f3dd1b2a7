package dev.keysmith.push;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.keysmith.device.Device;
import dev.keysmith.device.DeviceService;
import dev.keysmith.pki.CertificateSize;
import dev.keysmith.pki.Certificates;
import dev.keysmith.pki.Fingerprints;
import dev.keysmith.pki.PemCodec;
import dev.keysmith.thingsboard.ThingsBoardServer;
import dev.keysmith.thingsboard.ThingsBoardServerService;
import dev.keysmith.thingsboard.client.ThingsBoardClient;
import dev.keysmith.thingsboard.client.ThingsBoardException;
import dev.keysmith.thingsboard.client.dto.TbCredentials;
import dev.keysmith.thingsboard.client.dto.TbDevice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Makes a device's certificate its X.509 credentials on a ThingsBoard server, and proves
 * it: success is reported only once ThingsBoard's stored credentialsId equals the one
 * computed here (SHA3-256 of the one-line Base64, see the contract).
 */
@Service
public class PushService {

	private static final Logger log = LoggerFactory.getLogger(PushService.class);

	private final DeviceService devices;

	private final ThingsBoardServerService servers;

	private final Clock clock;

	private final PushMetrics metrics;

	PushService(DeviceService devices, ThingsBoardServerService servers, Clock clock, PushMetrics metrics) {
		this.devices = devices;
		this.servers = servers;
		this.clock = clock;
		this.metrics = metrics;
	}

	public PushResult push(UUID deviceId, UUID serverId, String profileId, String actor) {
		try {
			PushResult result = pushAndProve(deviceId, serverId, profileId, actor);
			this.metrics.pushed();
			return result;
		}
		catch (PushException ex) {
			this.metrics.failed(ex.getFailure());
			throw ex;
		}
	}

	private PushResult pushAndProve(UUID deviceId, UUID serverId, String profileId, String actor) {
		Device device = this.devices.get(deviceId);
		if (device.isRevoked()) {
			throw new PushException(PushFailure.CERTIFICATE_REVOKED, "The certificate of '" + device.getName()
					+ "' is revoked: it is never pushed again. Create a new device to put it back into service.");
		}
		ThingsBoardServer server = this.servers.get(serverId);
		X509Certificate certificate = Certificates.fromPem(device.getCertificatePem());
		refuseOutsideValidity(device, certificate);
		String expectedId = Fingerprints.thingsBoardCredentialsId(certificate);
		// exactly one certificate, in the canonical PEM that ThingsBoard hashes as the
		// transport does
		String pem = PemCodec.certificate(certificate);
		String profile = (profileId != null && !profileId.isBlank()) ? profileId.strip() : server.getDefaultProfileId();
		// one deadline for the whole push
		ThingsBoardClient client = this.servers.client(server).operation();
		try {
			Optional<TbDevice> existing = client.findDeviceByName(device.getName());
			boolean created = existing.isEmpty();
			TbDevice tbDevice = existing.map((d) -> updateCredentials(client, d, pem))
				.orElseGet(() -> create(client, device.getName(), profile, pem));
			String tbDeviceId = tbDevice.id().id();
			TbCredentials stored = client.credentials(tbDeviceId);
			if (!stored.holdCertificate(expectedId)) {
				throw new PushException(PushFailure.CREDENTIALS_MISMATCH,
						("ThingsBoard (%s) stored credentials that do not match this certificate: "
								+ "type %s, credentialsId %s, expected %s. The device would be refused (4.01).")
							.formatted(server.getName(), stored.credentialsType(), stored.credentialsId(), expectedId));
			}
			this.devices.recordPush(deviceId, serverId, tbDeviceId, server.getName(), actor);
			log.info("Pushed device '{}' to {} as ThingsBoard device {} (credentialsId {} verified)", device.getName(),
					server.getName(), tbDeviceId, expectedId);
			return new PushResult(tbDeviceId, expectedId, true, created,
					CertificateSize.warning(certificate, server.getDtlsDatagramLimit()).stream().toList());
		}
		catch (ThingsBoardException ex) {
			throw translate(ex, device, server, expectedId);
		}
	}

	/**
	 * Makes one of the device's credentials (whatever its state) the X.509 credentials of
	 * the ThingsBoard device it was pushed to, the same device, and proves it by reading
	 * the credentialsId back. Keysmith's records do not change: the caller records what
	 * the replacement means.
	 * @throws PushException when it failed or could not be proven
	 */
	public PushResult replace(UUID deviceId, UUID credentialId, String actor) {
		Device device = this.devices.get(deviceId);
		Device.Placement placement = device.placement()
			.orElseThrow(() -> new PushException(PushFailure.THINGSBOARD_REFUSED,
					"'" + device.getName() + "' was never pushed to ThingsBoard: there is nothing to replace"));
		ThingsBoardServer server = this.servers.get(placement.serverId());
		X509Certificate certificate = Certificates
			.fromPem(this.devices.credential(device, credentialId).getCertificatePem());
		String expectedId = Fingerprints.thingsBoardCredentialsId(certificate);
		ThingsBoardClient client = this.servers.client(server).operation();
		try {
			TbCredentials current = client.credentials(placement.deviceId());
			// held already (a rollback after a push that never changed anything): nothing
			// to write, whatever its validity
			if (!current.holdCertificate(expectedId)) {
				refuseOutsideValidity(device, certificate);
				client.updateCredentials(current.withCertificate(PemCodec.certificate(certificate)));
			}
			TbCredentials stored = client.credentials(placement.deviceId());
			if (!stored.holdCertificate(expectedId)) {
				throw new PushException(PushFailure.CREDENTIALS_MISMATCH,
						("ThingsBoard (%s) holds credentials that do not match this certificate: type %s, "
								+ "credentialsId %s, expected %s.")
							.formatted(server.getName(), stored.credentialsType(), stored.credentialsId(), expectedId));
			}
			log.info("Replaced the credentials of '{}' on {} (ThingsBoard device {}) by certificate {} for {}",
					device.getName(), server.getName(), placement.deviceId(), expectedId, actor);
			return new PushResult(placement.deviceId(), expectedId, true, false,
					CertificateSize.warning(certificate, server.getDtlsDatagramLimit()).stream().toList());
		}
		catch (ThingsBoardException ex) {
			throw translate(ex, device, server, expectedId);
		}
	}

	private static TbDevice create(ThingsBoardClient client, String name, String profileId, String pem) {
		try {
			return client.createDeviceWithCredentials(name, profileId, pem);
		}
		catch (ThingsBoardException ex) {
			if (!ex.isUnanswered()) {
				throw ex;
			}
			// no answer to a write: look, rather than repeat it blindly
			return client.findDeviceByName(name).orElseThrow(() -> ex);
		}
	}

	private static TbDevice updateCredentials(ThingsBoardClient client, TbDevice device, String pem) {
		TbCredentials current = client.credentials(device.id().id());
		client.updateCredentials(current.withCertificate(pem));
		return device;
	}

	private void refuseOutsideValidity(Device device, X509Certificate certificate) {
		Instant now = this.clock.instant();
		String problem = "The certificate of '" + device.getName() + "' "
				+ Certificates.outsideValidity(certificate, now);
		switch (Certificates.validity(certificate, now)) {
			case EXPIRED -> throw new PushException(PushFailure.CERTIFICATE_EXPIRED,
					problem + ": ThingsBoard would end every handshake with BAD_CERTIFICATE. Issue a new one.");
			case NOT_YET_VALID -> throw new PushException(PushFailure.CERTIFICATE_NOT_YET_VALID,
					problem + ": ThingsBoard would refuse it until then.");
			case VALID -> {
			}
		}
	}

	private PushException translate(ThingsBoardException ex, Device device, ThingsBoardServer server,
			String credentialsId) {
		if (ex.isCredentialsTaken()) {
			String holders = this.devices.findByCredentialsId(credentialsId)
				.stream()
				.filter((other) -> !other.getId().equals(device.getId()))
				.map((other) -> "'" + other.getName() + "'")
				.collect(Collectors.joining(", "));
			String hint = holders.isEmpty() ? "" : " In Keysmith the same certificate belongs to " + holders + ".";
			return new PushException(PushFailure.CREDENTIALS_TAKEN,
					"This certificate is already the credentials of another device on " + server.getName() + "." + hint,
					ex);
		}
		return new PushException(PushFailure.of(ex), ex.getMessage(), ex);
	}

}
