package dev.keysmith.batch;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import dev.keysmith.ca.CaRetiredException;
import dev.keysmith.common.ConflictException;
import dev.keysmith.common.InvalidRequestException;
import dev.keysmith.device.CredentialOrigin;
import dev.keysmith.device.Device;
import dev.keysmith.device.DeviceService;
import dev.keysmith.device.ImportRequest;
import dev.keysmith.pki.Certificates;
import dev.keysmith.pki.CsrReader;
import dev.keysmith.pki.Fingerprints;
import dev.keysmith.pki.KeyType;
import dev.keysmith.pki.PkiException;
import dev.keysmith.push.PushException;
import dev.keysmith.push.PushFailure;
import dev.keysmith.push.PushService;
import dev.keysmith.thingsboard.ThingsBoardServerService;
import dev.keysmith.thingsboard.client.ThingsBoardClient;
import dev.keysmith.thingsboard.client.ThingsBoardException;
import dev.keysmith.thingsboard.client.dto.TbDevice;
import dev.keysmith.vault.KeyVault;
import dev.keysmith.verify.Cause;
import dev.keysmith.verify.RunStatus;
import dev.keysmith.verify.RunView;
import dev.keysmith.verify.VerificationService;
import dev.keysmith.work.BusyException;

import org.springframework.stereotype.Component;

/**
 * The three stages of one item, each safe to run again after a crash: an issue that may
 * have happened is recognised by the device it left, a push whose answer was lost by the
 * credentialsId ThingsBoard holds under that name, and a verification simply runs again.
 */
@Component
class ItemStages {

	/** The longest a verification may take before the item stops waiting for it. */
	static final Duration VERDICT_WAIT = Duration.ofMinutes(5);

	private final DeviceService devices;

	private final PushService push;

	private final VerificationService verifications;

	private final ThingsBoardServerService servers;

	private final KeyVault vault;

	private final BatchProperties properties;

	ItemStages(DeviceService devices, PushService push, VerificationService verifications,
			ThingsBoardServerService servers, KeyVault vault, BatchProperties properties) {
		this.devices = devices;
		this.push = push;
		this.verifications = verifications;
		this.servers = servers;
		this.vault = vault;
		this.properties = properties;
	}

	/**
	 * @param resumed whether an earlier try of this stage began (it may have created the
	 * device)
	 * @param batchCreatedAt when the batch was made: a device made by an earlier try is
	 * younger
	 */
	Outcome issue(BatchItem item, BatchOptions options, String actor, boolean resumed, Instant batchCreatedAt) {
		if (item.deviceId != null) {
			return Outcome.issued(item.deviceId, null);
		}
		Optional<Device> existing = this.devices.findByName(item.name);
		if (existing.isPresent()) {
			Device device = existing.get();
			if (resumed && madeByEarlierTry(device, item, actor, batchCreatedAt)) {
				return Outcome.issued(device.getId(), null);
			}
			return switch (options.onExistingName()) {
				case SKIP -> Outcome.skipped("NAME_TAKEN", device.getId(),
						"A Keysmith device of this name exists: left as it is");
				case REUSE -> Outcome.issued(device.getId(), "A Keysmith device of this name exists: reused");
				case FAIL -> Outcome.failed("NAME_TAKEN", false, "A Keysmith device of this name exists");
			};
		}
		try {
			if (item.csrPem != null) {
				return Outcome.issued(this.devices
					.createFromCsr(bytes(item.csrPem), item.name, options.validityDays(), options.caId(), actor)
					.device()
					.getId(), null);
			}
			if (item.certificatePem != null) {
				byte[] key = (item.sealedKey != null) ? this.vault.open(item.sealedKey, item.keyContext()) : null;
				Device device = this.devices
					.importDevice(new ImportRequest(bytes(item.certificatePem), key, item.name), actor)
					.device();
				return Outcome.issued(device.getId(), null);
			}
			KeyType keyType = (options.keyType() != null) ? options.keyType() : KeyType.EC_P256;
			return Outcome.issued(
					this.devices.createWithWarnings(item.name, keyType, options.validityDays(), options.caId(), actor)
						.device()
						.getId(),
					null);
		}
		catch (CaRetiredException ex) {
			return Outcome.failed("CA_RETIRED", false, ex.getMessage());
		}
		catch (ConflictException ex) {
			// taken by someone else between the look and the write: look again on the
			// next try
			return Outcome.failed("NAME_TAKEN", true, ex.getMessage());
		}
		catch (InvalidRequestException | PkiException ex) {
			return Outcome.failed("INVALID_ROW", false, ex.getMessage());
		}
	}

	Outcome push(BatchItem item, BatchOptions options, String actor) {
		try {
			Device device = this.devices.get(item.deviceId);
			if (options.onExistingThingsBoardDevice() == OnExistingThingsBoardDevice.FAIL) {
				ThingsBoardClient client = this.servers.client(this.servers.get(options.serverId())).operation();
				Optional<TbDevice> there = client.findDeviceByName(device.getName());
				// a device there holding this very certificate is this batch's own push
				// whose answer was lost
				if (there.isPresent() && !device.getCredentialsId()
					.equals(client.credentials(there.get().id().id()).credentialsId())) {
					return Outcome.failed("EXISTS_IN_THINGSBOARD", false,
							"ThingsBoard already has a device of this name, with other credentials");
				}
			}
			String profile = (item.profileId != null) ? item.profileId : options.deviceProfileId();
			return Outcome
				.pushed(this.push.push(item.deviceId, options.serverId(), profile, actor).thingsboardDeviceId());
		}
		catch (PushException ex) {
			return pushFailed(ex.getFailure(), ex.getMessage());
		}
		catch (ThingsBoardException ex) {
			return pushFailed(PushFailure.of(ex), ex.getMessage());
		}
	}

	Outcome verify(BatchItem item, BatchOptions options, String actor, Consumer<UUID> started) {
		VerificationService.Launched launched;
		try {
			launched = this.verifications.verify(item.deviceId, options.serverId(), null, actor,
					this.properties.verifyWait(), options.verify());
		}
		catch (BusyException ex) {
			return Outcome.failed("KEYSMITH_BUSY", true, ex.getMessage());
		}
		UUID runId = launched.run().id();
		started.accept(runId);
		RunView run;
		try {
			run = launched.verdict().get(VERDICT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Outcome.failed("INTERRUPTED", true, "Keysmith stopped while the verification ran").withRun(runId);
		}
		catch (ExecutionException | TimeoutException ex) {
			return Outcome.failed("KEYSMITH_ERROR", true, "The verification did not end: " + ex).withRun(runId);
		}
		if (run.status() == RunStatus.PASSED) {
			return Outcome.verified(runId);
		}
		String cause = (run.cause() != null) ? run.cause().name() : "KEYSMITH_ERROR";
		boolean retryable = run.cause() == null || run.cause().isRetryable();
		Outcome failed = (run.cause() == Cause.SERVER_ERROR) ? Outcome.limited(cause, run.diagnosis())
				: Outcome.failed(cause, retryable, run.diagnosis());
		return failed.withRun(runId);
	}

	private static Outcome pushFailed(PushFailure failure, String message) {
		if (failure == PushFailure.RATE_LIMITED || failure == PushFailure.THINGSBOARD_FAILED) {
			return Outcome.limited(failure.name(), message);
		}
		return Outcome.failed(failure.name(), failure.isRetryable(), message);
	}

	/**
	 * Whether the device of that name is the one an earlier try of this item created
	 * before Keysmith stopped: the same certificate for an import; for a generated one,
	 * made by the same operator since the batch began.
	 */
	private static boolean madeByEarlierTry(Device device, BatchItem item, String actor, Instant batchCreatedAt) {
		if (item.certificatePem != null) {
			return device.getSha256Fingerprint().equals(Fingerprints.sha256(Certificates.fromPem(item.certificatePem)));
		}
		if (item.csrPem != null) {
			return device.getOrigin() == CredentialOrigin.CSR && Certificates.fromPem(device.getCertificatePem())
				.getPublicKey()
				.equals(CsrReader.read(bytes(item.csrPem)).publicKey());
		}
		return device.getOrigin() == CredentialOrigin.GENERATED && actor.equals(device.getCreatedBy())
				&& !device.getCreatedAt().isBefore(batchCreatedAt);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

}
