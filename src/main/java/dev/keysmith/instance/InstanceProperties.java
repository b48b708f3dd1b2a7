package dev.keysmith.instance;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param heartbeatInterval how often this process notes in the database that it is alive;
 * one that has missed {@link Instances#MISSED_HEARTBEATS} of them is taken for gone
 */
@ConfigurationProperties("keysmith.instance")
record InstanceProperties(@DefaultValue("10s") Duration heartbeatInterval) {

}
