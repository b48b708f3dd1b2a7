package dev.keysmith.work;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The threads Keysmith runs background work on.
 * @param jobThreads long jobs running at once (verification runs and the like; each holds a DTLS
 * connector and mostly waits on the network)
 * @param jobQueue jobs that may wait for a thread; beyond that a caller is told Keysmith is busy
 * @param schedulerThreads threads for periodic tasks (heartbeats, checks, following stored runs)
 */
@ConfigurationProperties("keysmith.work")
public record WorkProperties(@DefaultValue("4") int jobThreads, @DefaultValue("100") int jobQueue,
		@DefaultValue("2") int schedulerThreads) {

}
