package dev.keysmith.instance;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;

import javax.sql.DataSource;

import dev.keysmith.work.BackgroundWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;

/**
 * This process in the registry of running Keysmith processes. It registers when the
 * application starts (before the web server), beats every
 * {@code keysmith.instance.heartbeat-interval} and leaves when it stops (after the web
 * server). Each heartbeat renews its lease for {@link #MISSED_HEARTBEATS} of its own
 * intervals, so instances with different intervals judge each other right; another
 * instance is alive until its lease ends. On a database only this process can open
 * (embedded H2), no other process is.
 */
@Service
public class Instances implements SmartLifecycle {

	/** Heartbeats an instance may miss before it is taken for gone. */
	public static final int MISSED_HEARTBEATS = 3;

	private static final Logger log = LoggerFactory.getLogger(Instances.class);

	private final KeysmithInstanceRepository instances;

	private final DataSource dataSource;

	private final Clock clock;

	private final Duration interval;

	private final UUID id = UUID.randomUUID();

	private final String host = hostName();

	private final long pid = ProcessHandle.current().pid();

	private volatile boolean exclusiveDatabase;

	private final BackgroundWork work;

	private volatile ScheduledFuture<?> heartbeats;

	Instances(KeysmithInstanceRepository instances, InstanceProperties properties, DataSource dataSource, Clock clock,
			BackgroundWork work) {
		this.instances = instances;
		this.work = work;
		this.dataSource = dataSource;
		this.clock = clock;
		this.interval = properties.heartbeatInterval();
	}

	/** The id under which this process owns its work. */
	public UUID currentInstanceId() {
		return this.id;
	}

	/**
	 * Whether the instance of that id is running: this one always is; an unknown one is
	 * not.
	 */
	public boolean isAlive(UUID instanceId) {
		if (this.id.equals(instanceId)) {
			return true;
		}
		return instanceId != null && this.instances.findById(instanceId).filter(this::alive).isPresent();
	}

	private boolean alive(KeysmithInstance other) {
		if (this.exclusiveDatabase && (other.getPid() != this.pid || !other.getHost().equals(this.host))) {
			return false; // the database is locked to this process: the other one has
							// ended
		}
		return !other.getAliveUntil().isBefore(this.clock.instant());
	}

	private Instant leaseFrom(Instant now) {
		return now.plus(this.interval.multipliedBy(MISSED_HEARTBEATS));
	}

	@Override
	public void start() {
		this.exclusiveDatabase = exclusive(this.dataSource);
		this.instances.deleteExpired(this.clock.instant());
		register();
		this.heartbeats = this.work.every(this.interval, "The heartbeat of this Keysmith instance", this::beat);
		log.info("Keysmith instance {} (pid {} on {}) registered", this.id, this.pid, this.host);
	}

	private void register() {
		Instant now = this.clock.instant();
		this.instances.save(new KeysmithInstance(this.id, this.host, this.pid, now, leaseFrom(now)));
	}

	private void beat() {
		try {
			Instant now = this.clock.instant();
			if (this.instances.beat(this.id, now, leaseFrom(now)) == 0) {
				register(); // taken for gone (a long pause) and removed: back in the
							// registry
			}
		}
		catch (RuntimeException ex) {
			log.warn("The heartbeat of Keysmith instance {} could not be stored: {}", this.id, ex.toString());
		}
	}

	@Override
	public void stop() {
		ScheduledFuture<?> scheduled = this.heartbeats;
		this.heartbeats = null;
		if (scheduled != null) {
			scheduled.cancel(false);
		}
		try {
			this.instances.deleteById(this.id);
		}
		catch (RuntimeException ex) {
			log.warn("Keysmith instance {} could not leave the registry: {}", this.id, ex.toString());
		}
	}

	@Override
	public boolean isRunning() {
		return this.heartbeats != null;
	}

	/** Before the web server starts taking work, and after it has stopped. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 4096;
	}

	/**
	 * Embedded H2 (file or memory, not served to others): only this process can have it
	 * open.
	 */
	private static boolean exclusive(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			String url = connection.getMetaData().getURL().toLowerCase(Locale.ROOT);
			return url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:tcp:") && !url.startsWith("jdbc:h2:ssl:")
					&& !url.contains("auto_server=true");
		}
		catch (SQLException ex) {
			return false;
		}
	}

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return ManagementFactory.getRuntimeMXBean().getName();
		}
	}

}
