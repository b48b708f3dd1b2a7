package dev.keysmith.verify;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.UUID;

import dev.keysmith.KeysmithTestSupport;
import dev.keysmith.device.Device;
import dev.keysmith.device.DeviceService;
import dev.keysmith.pki.KeyType;
import dev.keysmith.thingsboard.ServerSettings;
import dev.keysmith.thingsboard.ThingsBoardServerService;
import dev.keysmith.work.BusyException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

/**
 * Keysmith takes one job at a time here: a second verification is refused as busy before
 * anything is stored, never recorded as a run that failed for a reason that is not the
 * device's.
 */
@SpringBootTest(properties = { "keysmith.work.job-threads=1", "keysmith.work.job-queue=0",
		"keysmith.verify.dtls-retransmission-timeout=5s" })
class VerificationBusyTests extends KeysmithTestSupport {

	/**
	 * Takes UDP datagrams and never answers, so a handshake with it keeps its job busy
	 * for a while.
	 */
	static DatagramSocket silent;

	@Autowired
	DeviceService devices;

	@Autowired
	ThingsBoardServerService servers;

	@Autowired
	VerificationService verifications;

	@BeforeAll
	static void start() throws Exception {
		silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
	}

	@AfterAll
	static void stop() {
		silent.close();
	}

	@Test
	void startWhenEveryPlaceTakenThenBusyAnswerAndNoRunStored() throws Exception {
		UUID serverId = this.servers
			.create(new ServerSettings("busy-" + UUID.randomUUID(), "http://127.0.0.1:9", "tenant@thingsboard.org",
					"tenant", null, "127.0.0.1", silent.getLocalPort(), null, false, null, null))
			.getId();
		Device first = this.devices.create("busy-first-" + UUID.randomUUID(), KeyType.EC_P256, 30, "admin");
		Device second = this.devices.create("busy-second-" + UUID.randomUUID(), KeyType.EC_P256, 30, "admin");
		this.verifications.start(first.getId(), serverId, null, "admin");

		assertThatExceptionOfType(BusyException.class)
			.isThrownBy(() -> this.verifications.start(second.getId(), serverId, null, "admin"));
		assertThat(this.mvc.post()
			.uri("/api/devices/" + second.getId() + "/verifications")
			.with(httpBasic("admin", ADMIN_PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"serverId\":\"" + serverId + "\"}")).hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
			.hasHeader("Retry-After", "5")
			.bodyJson()
			.hasPathSatisfying("$.detail", (v) -> v.assertThat().asString().contains("try again shortly"));
		assertThat(this.verifications.recent(second.getId())).isEmpty();
		assertThat(this.verifications.recent(first.getId())).hasSize(1);
	}

}
