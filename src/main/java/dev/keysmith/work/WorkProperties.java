package dev.keysmith.work;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The threads Keysmith runs background work on.
 *
 * @param jobThreads long jobs running at once (verification runs and the like; each holds
 * a DTLS connector and mostly waits on the network)
 * @param jobQueue jobs that may wait for a thread; beyond that a caller is told Keysmith
 * is busy
 * @param schedulerThreads threads for periodic tasks (heartbeats, checks, following
 * stored runs)
 * @param batchThreads devices of batches worked on at once by this instance; a pool of
 * their own, because a batch item waits for its verification job, which must never wait
 * for a batch item
 */
@ConfigurationProperties("keysmith.work")
public record WorkProperties(int jobThreads, int jobQueue, int schedulerThreads, int batchThreads) {

	@ConstructorBinding
	public WorkProperties(@DefaultValue("4") int jobThreads, @DefaultValue("100") int jobQueue,
			@DefaultValue("2") int schedulerThreads, @DefaultValue("16") int batchThreads) {
		this.jobThreads = jobThreads;
		this.jobQueue = jobQueue;
		this.schedulerThreads = schedulerThreads;
		this.batchThreads = batchThreads;
	}

	public WorkProperties(int jobThreads, int jobQueue, int schedulerThreads) {
		this(jobThreads, jobQueue, schedulerThreads, 16);
	}

}
