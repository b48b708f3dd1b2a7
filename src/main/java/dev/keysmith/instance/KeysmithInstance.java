package dev.keysmith.instance;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One running (or lately running) Keysmith process. */
@Entity
@Table(name = "keysmith_instance")
class KeysmithInstance {

	@Id
	private UUID id;

	private String host;

	private long pid;

	private Instant startedAt;

	private Instant heartbeatAt;

	private Instant aliveUntil;

	protected KeysmithInstance() {
	}

	KeysmithInstance(UUID id, String host, long pid, Instant startedAt, Instant aliveUntil) {
		this.id = id;
		this.host = host;
		this.pid = pid;
		this.startedAt = startedAt;
		this.heartbeatAt = startedAt;
		this.aliveUntil = aliveUntil;
	}

	UUID getId() {
		return this.id;
	}

	String getHost() {
		return this.host;
	}

	long getPid() {
		return this.pid;
	}

	Instant getHeartbeatAt() {
		return this.heartbeatAt;
	}

	/**
	 * Until when it counts as running without another heartbeat: it said so itself, by
	 * its own interval.
	 */
	Instant getAliveUntil() {
		return this.aliveUntil;
	}

}
