package dev.keysmith.expiry;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.keysmith.account.TestAccounts;
import dev.keysmith.device.DeviceFixtures;
import dev.keysmith.pki.IssuedCredential;
import dev.keysmith.testkit.TestCa;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's counts by expiry window and server, read from the clock's now (moved on
 * by the tests), and the device list filtered and sorted the way the dashboard links to
 * it, in the API and on the page.
 */
class ExpiryDashboardTests extends ExpiryTestSupport {

	@Autowired
	ApplicationContext context;

	@Test
	void dashboardWhenDevicesInEveryWindowThenCountsEachWindowPerServerAndInAll() {
		Map<String, Integer> before = totals();
		UUID server = UUID.randomUUID();
		Fleet fleet = fleet(server);

		MvcTestResult result = getAsAdmin("/api/dashboard/expiry");
		assertThat(result).hasStatusOk();
		assertThat(this.<Map<String, Object>>serverCounts(result, server)).containsEntry("expired", 1)
			.containsEntry("within7Days", 1)
			.containsEntry("within30Days", 1)
			.containsEntry("within90Days", 1)
			.containsEntry("later", 1)
			.containsEntry("pushed", true);
		Map<String, Integer> after = totals();
		// one in each window pushed to the server, and the one not pushed in fewer than 7
		// days
		Map<String, Integer> added = Map.of("expired", 1, "within7Days", 2, "within30Days", 1, "within90Days", 1,
				"later", 1);
		added
			.forEach((window, count) -> assertThat(after.get(window) - before.get(window)).as(window).isEqualTo(count));
		assertThat(fleet.devices()).hasSize(5);
	}

	@Test
	void dashboardWhenTheClockMovesOnThenCertificatesMoveToNearerWindows() {
		UUID server = UUID.randomUUID();
		fleet(server);

		CLOCK.advance(Duration.ofDays(14));

		Map<String, Object> counts = serverCounts(getAsAdmin("/api/dashboard/expiry"), server);
		// expired and 3 days: expired; 20 days: 6 left; 60: 46 left; 365: 351 left
		assertThat(counts).containsEntry("expired", 2)
			.containsEntry("within7Days", 1)
			.containsEntry("within30Days", 0)
			.containsEntry("within90Days", 1)
			.containsEntry("later", 1);
	}

	@Test
	void listWhenFilteredByWindowAndServerThenExactlyTheDevicesTheDashboardCounts() {
		UUID server = UUID.randomUUID();
		Fleet fleet = fleet(server);
		String base = "/api/devices?serverId=" + server + "&sort=daysLeft";

		assertThat(names(getAsAdmin(base))).containsExactly(fleet.expired(), fleet.in3(), fleet.in20(), fleet.in60(),
				fleet.in365());
		assertThat(names(getAsAdmin(base + "&expiresWithinDays=0"))).containsExactly(fleet.expired());
		assertThat(names(getAsAdmin(base + "&expiresAfterDays=0&expiresWithinDays=7"))).containsExactly(fleet.in3());
		assertThat(names(getAsAdmin(base + "&expiresAfterDays=7&expiresWithinDays=30"))).containsExactly(fleet.in20());
		assertThat(names(getAsAdmin(base + "&expiresAfterDays=30&expiresWithinDays=90"))).containsExactly(fleet.in60());
		assertThat(names(getAsAdmin(base + "&expiresAfterDays=90"))).containsExactly(fleet.in365());
		assertThat(names(getAsAdmin(base + "&expiresWithinDays=30"))).containsExactly(fleet.expired(), fleet.in3(),
				fleet.in20());
		// without a server the filter still holds, and the unpushed device is among them
		assertThat(names(getAsAdmin("/api/devices?size=200&sort=daysLeft&expiresWithinDays=7")))
			.contains(fleet.expired(), fleet.in3(), fleet.unpushed())
			.doesNotContain(fleet.in20());
		// each link of the dashboard page is one of these filters
		for (ExpiryWindow window : ExpiryWindow.values()) {
			String href = DashboardView.href(window, server);
			assertThat(names(getAsAdmin("/api" + href))).as(href).hasSize(1);
		}
	}

	@Test
	void listWhenSortedByNameThenByNameAndDaysLeftShownOnThePage() {
		UUID server = UUID.randomUUID();
		Fleet fleet = fleet(server);

		assertThat(names(getAsAdmin("/api/devices?serverId=" + server))).isSorted();
		MvcTestResult page = this.mvc.get()
			.uri("/devices?serverId={server}&sort=daysLeft&expiresWithinDays=30", server)
			.with(TestAccounts.everyRole("admin"))
			.exchange();
		assertThat(page).hasStatusOk();
		String html = body(page);
		assertThat(html).contains("Days left")
			.contains("Certificates that end within 30 days, expired ones included, "
					+ "on a server Keysmith no longer knows: 3");
		assertThat(html.indexOf(fleet.expired())).isPositive()
			.isLessThan(html.indexOf(fleet.in3()))
			.isLessThan(html.indexOf(fleet.in20()));
		assertThat(html).doesNotContain(fleet.in60()).doesNotContain(fleet.in365());
	}

	@Test
	void listWhenFilterValuesAreBadThen400NamingTheField() {
		assertThat(problemField(getAsAdmin("/api/devices?expiresWithinDays=-1"))).isEqualTo("expiresWithinDays");
		assertThat(problemField(getAsAdmin("/api/devices?expiresAfterDays=99999999"))).isEqualTo("expiresAfterDays");
		assertThat(problemField(getAsAdmin("/api/devices?expiresWithinDays=soon"))).isEqualTo("expiresWithinDays");
		assertThat(problemField(getAsAdmin("/api/devices?serverId=not-a-uuid"))).isEqualTo("serverId");
		assertThat(problemField(getAsAdmin("/api/devices?sort=age"))).isEqualTo("sort");
		MvcTestResult page = this.mvc.get().uri("/devices?sort=age").with(TestAccounts.everyRole("admin")).exchange();
		assertThat(page).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(body(page)).contains("sort must be &#39;name&#39; or &#39;daysLeft&#39;, not &#39;age&#39;");
	}

	@Test
	void dashboardWhenNotSignedInThenRefused() {
		assertThat(this.mvc.get().uri("/api/dashboard/expiry")).hasStatus(HttpStatus.UNAUTHORIZED)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(this.mvc.get().uri("/")).hasStatus(HttpStatus.FOUND);
	}

	@Test
	void homePageWhenSignedInThenTheDashboardWithLinksIntoTheList() {
		UUID server = UUID.randomUUID();
		fleet(server);

		MvcTestResult page = this.mvc.get().uri("/").with(TestAccounts.everyRole("admin")).exchange();

		assertThat(page).hasStatusOk();
		assertThat(body(page)).contains("Certificates by time left")
			.contains("Fewer than 7 days")
			.contains("/devices?expiresAfterDays=7&amp;expiresWithinDays=30&amp;serverId=" + server
					+ "&amp;sort=daysLeft");
	}

	/**
	 * Six devices: one each in every window pushed to the server, and one in 3 days not
	 * pushed anywhere.
	 */
	private Fleet fleet(UUID server) {
		String prefix = unique("fleet");
		Instant now = CLOCK.instant();
		IssuedCredential old = new TestCa("expiry-test-ca").clientCredential(prefix + "-expired",
				now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(2)));
		UUID expired = DeviceFixtures.storeWithKey(this.context, prefix + "-expired", old).getId();
		UUID in3 = device(prefix + "-in3", 3);
		UUID in20 = device(prefix + "-in20", 20);
		UUID in60 = device(prefix + "-in60", 60);
		UUID in365 = device(prefix + "-in365", 365);
		device(prefix + "-unpushed", 3);
		for (UUID id : List.of(expired, in3, in20, in60, in365)) {
			pushedTo(id, server);
		}
		return new Fleet(prefix);
	}

	private Map<String, Integer> totals() {
		MvcTestResult result = getAsAdmin("/api/dashboard/expiry");
		return Map.of("expired", read(result, "$.expired"), "within7Days", read(result, "$.within7Days"),
				"within30Days", read(result, "$.within30Days"), "within90Days", read(result, "$.within90Days"), "later",
				read(result, "$.later"));
	}

	private <T> T serverCounts(MvcTestResult result, UUID server) {
		List<Map<String, Object>> rows = read(result, "$.byServer[?(@.serverId == '" + server + "')]");
		assertThat(rows).hasSize(1);
		@SuppressWarnings("unchecked")
		T row = (T) rows.get(0);
		return row;
	}

	private static List<String> names(MvcTestResult result) {
		assertThat(result).hasStatusOk();
		return read(result, "$.content[*].name");
	}

	private static String problemField(MvcTestResult result) {
		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		return read(result, "$.field");
	}

	record Fleet(String prefix) {

		String expired() {
			return this.prefix + "-expired";
		}

		String in3() {
			return this.prefix + "-in3";
		}

		String in20() {
			return this.prefix + "-in20";
		}

		String in60() {
			return this.prefix + "-in60";
		}

		String in365() {
			return this.prefix + "-in365";
		}

		String unpushed() {
			return this.prefix + "-unpushed";
		}

		List<String> devices() {
			return List.of(expired(), in3(), in20(), in60(), in365());
		}

	}

}
