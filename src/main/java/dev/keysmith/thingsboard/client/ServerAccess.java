package dev.keysmith.thingsboard.client;

import java.util.UUID;
import java.util.function.Supplier;

/**
 * What the client needs of a configured server: who it is (id and settings version, so
 * that a changed server gets a new client), where it answers, and how to sign in. The
 * credentials are asked for only when a new client is made, so that a stored secret is
 * unsealed no more often.
 */
public record ServerAccess(UUID id, long version, String name, String baseUrl,
		Supplier<ThingsBoardClient.Credentials> credentials) {

}
