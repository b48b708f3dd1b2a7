package dev.keysmith.thingsboard;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.keysmith.account.TestAccounts;
import dev.keysmith.thingsboard.client.ThingsBoardClient;
import dev.keysmith.thingsboard.client.ThingsBoardException;
import dev.keysmith.thingsboard.client.dto.EntityId;
import dev.keysmith.thingsboard.client.dto.TbProfile;
import dev.keysmith.web.ApiSliceTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * The servers API controller alone, its service mocked: requests in, service calls and
 * answers out, ThingsBoard's failures as problems; {@link ServerApiTests} runs the whole
 * application.
 */
@WebMvcTest(ServerApiController.class)
class ServerApiControllerTests extends ApiSliceTestSupport {

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	ThingsBoardServerService servers;

	@Test
	void profilesWhenThingsBoardAnswersThenItsProfilesAsJson() {
		ThingsBoardServer server = new ThingsBoardServer("lab", Instant.now(), false);
		ThingsBoardClient client = clientOf(server);
		given(client.deviceProfiles())
			.willReturn(List.of(new TbProfile(new EntityId("DEVICE_PROFILE", "c4835830-ea88-11f1-a25e-61a2599407a3"),
					"default", "DEFAULT", "DEFAULT")));

		assertThat(this.mvc.get()
			.uri("/api/thingsboard/servers/{id}/profiles", server.getId())
			.with(TestAccounts.everyRole("operator"))).hasStatus(200)
			.bodyJson()
			.hasPathSatisfying("$[0].name", (name) -> assertThat(name).isEqualTo("default"))
			.hasPathSatisfying("$[0].transportType", (type) -> assertThat(type).isEqualTo("DEFAULT"));
	}

	@Test
	void profilesWhenThingsBoardRefusesThen502ProblemWithWhatItSaid() {
		ThingsBoardServer server = new ThingsBoardServer("lab", Instant.now(), false);
		ThingsBoardClient client = clientOf(server);
		given(client.deviceProfiles()).willThrow(new ThingsBoardException(401, 10, "Authentication failed",
				"ThingsBoard (lab) refused the credentials: Authentication failed"));

		assertThat(this.mvc.get()
			.uri("/api/thingsboard/servers/{id}/profiles", server.getId())
			.with(TestAccounts.everyRole("operator"))).hasStatus(502)
			.bodyJson()
			.hasPathSatisfying("$.detail",
					(detail) -> assertThat(detail)
						.isEqualTo("ThingsBoard (lab) refused the credentials: Authentication failed"))
			.hasPathSatisfying("$.thingsboardStatus", (status) -> assertThat(status).isEqualTo(401))
			.hasPathSatisfying("$.thingsboardErrorCode", (code) -> assertThat(code).isEqualTo(10));
	}

	@Test
	void getWhenNoSuchServerThen404Problem() {
		UUID id = UUID.randomUUID();
		given(this.servers.get(id)).willThrow(new ServerNotFoundException(id));

		assertThat(this.mvc.get().uri("/api/thingsboard/servers/{id}", id).with(TestAccounts.everyRole("operator")))
			.hasStatus(404)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.hasPathSatisfying("$.detail", (detail) -> assertThat(detail).asString().contains(id.toString()));
	}

	@Test
	void deleteWhenSignedInThen204AndTheServiceDeletesIt() {
		UUID id = UUID.randomUUID();
		assertThat(this.mvc.delete().uri("/api/thingsboard/servers/{id}", id).with(TestAccounts.everyRole("operator")))
			.hasStatus(204);
		verify(this.servers).delete(id);
	}

	@Test
	void createWhenPortIsNotANumberThen400NamingTheFieldAndTheServiceIsNotCalled() {
		assertThat(this.mvc.post()
			.uri("/api/thingsboard/servers")
			.with(TestAccounts.everyRole("operator"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"lab\",\"url\":\"http://tb.example\",\"coapPort\":\"five\"}")).hasStatus(400)
			.bodyJson()
			.hasPathSatisfying("$.detail", (detail) -> assertThat(detail).asString().contains("coapPort"));
		verifyNoInteractions(this.servers);
	}

	@Test
	void anyWhenNotSignedInThen401AndNothingReachesTheService() {
		assertThat(this.mvc.get().uri("/api/thingsboard/servers")).hasStatus(401);
		verifyNoInteractions(this.servers);
	}

	/** The server is known to the service, and its client is a mock. */
	private ThingsBoardClient clientOf(ThingsBoardServer server) {
		ThingsBoardClient client = mock(ThingsBoardClient.class);
		given(this.servers.get(server.getId())).willReturn(server);
		given(this.servers.client(server)).willReturn(client);
		return client;
	}

}
