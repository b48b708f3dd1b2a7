package dev.keysmith.instance;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import dev.keysmith.KeysmithTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The registry of running Keysmith instances, on H2: this process holds the database
 * alone.
 */
@SpringBootTest(properties = "keysmith.instance.heartbeat-interval=1s")
class InstancesTests extends KeysmithTestSupport {

	@Autowired
	Instances instances;

	@Autowired
	KeysmithInstanceRepository registry;

	/** Whether another process may share this database (and so be alive). */
	boolean databaseShared() {
		return false;
	}

	@Test
	void startWhenApplicationUpThenRegisteredAsThisProcessAndBeating() {
		KeysmithInstance self = this.registry.findById(this.instances.currentInstanceId()).orElseThrow();
		assertThat(self.getPid()).isEqualTo(ProcessHandle.current().pid());
		Instant firstSeen = self.getHeartbeatAt();

		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.registry.findById(self.getId()).orElseThrow().getHeartbeatAt().isAfter(firstSeen));
		assertThat(this.instances.isAlive(self.getId())).isTrue();
	}

	@Test
	void isAliveWhenUnknownOrSilentThenNotWhenBeatingThenAlive() throws Exception {
		String host = InetAddress.getLocalHost().getHostName();
		long pid = ProcessHandle.current().pid();
		UUID silent = register(host, pid, Instant.now().minus(Duration.ofSeconds(4)));
		UUID beating = register(host, pid, Instant.now());
		// beats every 10 s (the default), so its last heartbeat 5 s ago is no news: its
		// lease runs 30 s
		UUID slower = register(host, pid, Instant.now().minus(Duration.ofSeconds(5)), Duration.ofSeconds(30));

		assertThat(this.instances.isAlive(null)).isFalse();
		assertThat(this.instances.isAlive(UUID.randomUUID())).isFalse();
		// three heartbeats of 1 s missed
		assertThat(this.instances.isAlive(silent)).isFalse();
		// as another application context of this very process would be
		assertThat(this.instances.isAlive(beating)).isTrue();
		assertThat(this.instances.isAlive(slower)).isTrue();
	}

	@Test
	void isAliveWhenAnotherProcessBeatsThenAliveOnlyIfItCanShareTheDatabase() throws Exception {
		UUID otherProcess = register(InetAddress.getLocalHost().getHostName(), ProcessHandle.current().pid() + 1,
				Instant.now());
		UUID otherHost = register("elsewhere.example", ProcessHandle.current().pid(), Instant.now());

		assertThat(this.instances.isAlive(otherProcess)).isEqualTo(databaseShared());
		assertThat(this.instances.isAlive(otherHost)).isEqualTo(databaseShared());
	}

	/**
	 * An instance that beats every second, as this context does: leased for three
	 * heartbeats.
	 */
	private UUID register(String host, long pid, Instant heartbeat) {
		return register(host, pid, heartbeat, Duration.ofSeconds(3));
	}

	private UUID register(String host, long pid, Instant heartbeat, Duration lease) {
		UUID id = UUID.randomUUID();
		this.registry.save(new KeysmithInstance(id, host, pid, heartbeat, heartbeat.plus(lease)));
		return id;
	}

}
