package dev.keysmith.device;

import java.util.List;

/** An imported device and what the operator should know about its certificate. */
public record ImportOutcome(Device device, List<String> warnings) {

}
