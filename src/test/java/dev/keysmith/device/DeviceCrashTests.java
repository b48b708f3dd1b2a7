package dev.keysmith.device;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.keysmith.testkit.KeysmithProcess;
import dev.keysmith.testkit.NeedsKeysmithProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Keysmith process killed with SIGKILL in the middle of a burst of creates and key
 * exports, then restarted on the same data directory: whatever it answered 201 (a device)
 * or 200 (a private key) must be there, with its audit record. Several rounds, since one
 * kill may by chance fall between two writes.
 */
@NeedsKeysmithProcess
class DeviceCrashTests {

	private static final int ROUNDS = 3;

	private static final int CREATORS = 3;

	/** Acknowledged creates per round before the kill: a few seconds of work. */
	private static final int CREATES_BEFORE_KILL = 40;

	private static final int EXPORTS_BEFORE_KILL = 10;

	private final JsonMapper json = JsonMapper.builder().build();

	@TempDir
	Path dataDir;

	/** Ids of the devices answered 201. */
	private final Set<String> created = ConcurrentHashMap.newKeySet();

	/**
	 * Most recent first: the exporter takes the newest device, whose records are the
	 * freshest.
	 */
	private final List<String> newest = new CopyOnWriteArrayList<>();

	/** Per device id, how many key.pem downloads were answered 200. */
	private final Map<String, AtomicInteger> exported = new ConcurrentHashMap<>();

	/**
	 * Devices created or exported since the last restart: what the next restart checks.
	 */
	private final Set<String> unchecked = ConcurrentHashMap.newKeySet();

	@Test
	void createsAndKeyExportsWhenKilledMidBurstThenEveryAcknowledgedOneSurvivesWithItsAudit() throws Exception {
		String masterKey = KeysmithProcess.newMasterKey();
		List<String> lost = new ArrayList<>();
		for (int round = 0; round < ROUNDS; round++) {
			try (KeysmithProcess keysmith = KeysmithProcess.start("crash", this.dataDir, masterKey)) {
				lost.addAll(missing(keysmith, round));
				burstThenKill(keysmith, round);
			}
		}
		try (KeysmithProcess keysmith = KeysmithProcess.start("crash", this.dataDir, masterKey)) {
			lost.addAll(missing(keysmith, ROUNDS));
		}
		int exports = this.exported.values().stream().mapToInt(AtomicInteger::get).sum();
		assertThat(lost)
			.as("of %d acknowledged devices and %d acknowledged key exports, after kill -9 and restart",
					this.created.size(), exports)
			.isEmpty();
		assertThat(this.created).hasSizeGreaterThanOrEqualTo(ROUNDS * CREATES_BEFORE_KILL);
	}

	private void burstThenKill(KeysmithProcess keysmith, int round) throws InterruptedException {
		AtomicBoolean stop = new AtomicBoolean();
		AtomicInteger createdNow = new AtomicInteger();
		AtomicInteger exportedNow = new AtomicInteger();
		ExecutorService writers = Executors.newFixedThreadPool(CREATORS + 1);
		for (int writer = 0; writer < CREATORS; writer++) {
			String prefix = "crash-%d-%d-".formatted(round, writer);
			writers.execute(() -> {
				for (int i = 0; !stop.get(); i++) {
					String id = create(keysmith, prefix + i);
					if (id != null) {
						this.created.add(id);
						this.unchecked.add(id);
						this.newest.add(0, id);
						createdNow.incrementAndGet();
					}
				}
			});
		}
		writers.execute(() -> {
			while (!stop.get()) {
				if (this.newest.isEmpty()) {
					Thread.onSpinWait();
					continue;
				}
				String id = this.newest.get(0);
				if (exportKey(keysmith, id)) {
					this.exported.computeIfAbsent(id, (key) -> new AtomicInteger()).incrementAndGet();
					this.unchecked.add(id);
					exportedNow.incrementAndGet();
				}
			}
		});
		long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
		while ((createdNow.get() < CREATES_BEFORE_KILL || exportedNow.get() < EXPORTS_BEFORE_KILL)
				&& System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		keysmith.kill();
		stop.set(true);
		writers.shutdown();
		assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
		assertThat(createdNow.get()).as("creates acknowledged in round %d", round)
			.isGreaterThanOrEqualTo(CREATES_BEFORE_KILL);
	}

	/**
	 * @return the new device's id when answered 201, else {@code null} (the process is
	 * being killed)
	 */
	private String create(KeysmithProcess keysmith, String name) {
		try {
			HttpResponse<String> response = keysmith.postJson("/api/devices",
					"{\"name\":\"" + name + "\",\"validityDays\":30}");
			if (response.statusCode() == 201) {
				return this.json.readTree(response.body()).get("id").asString();
			}
			return null;
		}
		catch (UncheckedIOException ex) {
			return null;
		}
	}

	private boolean exportKey(KeysmithProcess keysmith, String id) {
		try {
			HttpResponse<String> response = keysmith.get("/api/devices/" + id + "/key.pem");
			return response.statusCode() == 200 && response.body().contains("PRIVATE KEY");
		}
		catch (UncheckedIOException ex) {
			return false;
		}
	}

	/** What was acknowledged before the last kill and is not in the restarted process. */
	private List<String> missing(KeysmithProcess keysmith, int round) {
		List<String> missing = new ArrayList<>();
		List<String> ids = List.copyOf(this.unchecked);
		this.unchecked.clear();
		for (String id : ids) {
			HttpResponse<String> audit = keysmith.get("/api/devices/" + id + "/audit");
			if (audit.statusCode() != 200) {
				missing.add("after kill %d: device %s answered 201, now %d".formatted(round, id, audit.statusCode()));
				continue;
			}
			List<String> actions = new ArrayList<>();
			for (JsonNode line : this.json.readTree(audit.body())) {
				actions.add(line.get("action").asString());
			}
			if (!actions.contains("CREATED")) {
				missing.add("after kill %d: device %s has no CREATED audit record".formatted(round, id));
			}
			int exports = this.exported.getOrDefault(id, new AtomicInteger()).get();
			long recorded = actions.stream().filter("PRIVATE_KEY_EXPORTED"::equals).count();
			if (recorded < exports) {
				missing.add("after kill %d: device %s: %d key.pem answered 200, %d PRIVATE_KEY_EXPORTED records"
					.formatted(round, id, exports, recorded));
			}
		}
		return missing;
	}

}
