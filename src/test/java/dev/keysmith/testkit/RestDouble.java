package dev.keysmith.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The REST half of the ThingsBoard double: a real HTTP server on loopback answering as
 * ThingsBoard CE 4.3 does (as recorded from a real server), error model and quirks
 * included; or as CE 3.9.1 does, where it differs (no API keys, no CoAP DTLS certificate
 * download, no duplicated key in the device JSON). What it answers is {@link #routes()
 * one table}; its JSON bodies are fixtures ({@link JsonFixture}).
 */
final class RestDouble {

	private static final String COAPS_DOWNLOAD = "/api/device-connectivity/coaps/certificate/download";

	private final Clock clock;

	private final boolean version39;

	private final JsonMapper json = JsonMapper.builder().build();

	private final HttpServer server;

	private final List<Route> routes;

	final RestAuth auth;

	volatile Duration delay = Duration.ZERO;

	/** While set, requests are taken and never answered (until it is counted down). */
	volatile CountDownLatch silence;

	volatile String serverCaPem;

	final Deque<Fault> faults = new ConcurrentLinkedDeque<>();

	final List<String> requests = Collections.synchronizedList(new ArrayList<>());

	RestDouble(TbState state, Clock clock, boolean version39) throws IOException {
		this.clock = clock;
		this.version39 = version39;
		this.auth = new RestAuth(clock, version39);
		this.routes = routes(this.auth, new RestDevices(state, clock, version39));
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.setExecutor(Executors.newFixedThreadPool(4, (r) -> {
			Thread thread = new Thread(r, "tb-double-http");
			thread.setDaemon(true);
			return thread;
		}));
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	/**
	 * Everything the double answers: method, path ({@code {id}} stands for one segment),
	 * whether a token or API key is needed, and who answers. Any other path is answered
	 * 404 (after authentication) as the version answers an unknown path.
	 */
	private List<Route> routes(RestAuth auth, RestDevices devices) {
		return List.of(Route.open("POST", "/api/auth/login", auth::login),
				Route.open("POST", "/api/auth/token", auth::refresh),
				// 4.3 serves the DTLS server's CA to anyone; 3.9 asks for a token and has
				// none
				this.version39
						? Route.signedIn("GET", COAPS_DOWNLOAD,
								(call) -> call.error(404, 32, "coaps pem cert file is not found!"))
						: Route.open("GET", COAPS_DOWNLOAD, this::serverCa),
				Route.signedIn("GET", "/api/system/info", this::systemInfo),
				Route.signedIn("GET", "/api/tenant/devices", devices::byName),
				Route.signedIn("POST", "/api/device-with-credentials", devices::createWithCredentials),
				Route.signedIn("POST", "/api/device", devices::create),
				Route.signedIn("GET", "/api/device/{id}/credentials", devices::credentials),
				Route.signedIn("POST", "/api/device/credentials", devices::updateCredentials),
				Route.signedIn("DELETE", "/api/device/{id}", devices::delete),
				Route.signedIn("GET", "/api/deviceProfileInfos", devices::profiles),
				Route.signedIn("GET", "/api/deviceProfileInfo/default", devices::defaultProfile),
				Route.signedIn("GET", "/api/plugins/telemetry/DEVICE/{id}/values/timeseries", devices::latestTelemetry),
				Route.signedIn("GET", "/api/plugins/telemetry/DEVICE/{id}/values/attributes/SERVER_SCOPE",
						devices::serverAttributes),
				Route.signedIn("POST", "/api/plugins/telemetry/DEVICE/{id}/attributes/SHARED_SCOPE",
						devices::setSharedAttributes),
				Route.signedIn("GET", "/api/plugins/telemetry/DEVICE/{id}/values/attributes/SHARED_SCOPE",
						devices::sharedAttributes),
				Route.signedIn("DELETE", "/api/plugins/telemetry/DEVICE/{id}/SHARED_SCOPE",
						devices::deleteSharedAttributes));
	}

	int port() {
		return this.server.getAddress().getPort();
	}

	void stop() {
		this.server.stop(0);
		((ExecutorService) this.server.getExecutor()).shutdownNow();
	}

	/**
	 * A failure to answer instead of the next request(s) whose path contains
	 * {@code pathPart}.
	 */
	record Fault(String pathPart, int status, int errorCode, String message, int[] remaining, int[] passing) {

		Fault(String pathPart, int status, int errorCode, String message, int[] remaining) {
			this(pathPart, status, errorCode, message, remaining, new int[] { 0 });
		}

	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			this.requests.add(exchange.getRequestMethod() + " " + path);
			RestCall call = new RestCall(exchange, this.clock, exchange.getRequestBody().readAllBytes());
			try {
				CountDownLatch silent = this.silence;
				if (silent != null) {
					silent.await(60, TimeUnit.SECONDS);
					return;
				}
				if (!this.delay.isZero()) {
					Thread.sleep(this.delay.toMillis());
				}
				Optional<Fault> fault = takeFault(path);
				if (fault.isPresent()) {
					call.error(fault.get().status(), fault.get().errorCode(), fault.get().message());
					return;
				}
				dispatch(exchange.getRequestMethod(), call);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (RuntimeException ex) {
				call.error(500, 2, "General server error: " + ex.getMessage());
			}
		}
	}

	private void dispatch(String method, RestCall call) throws IOException {
		Route route = this.routes.stream().filter((r) -> r.matches(method, call)).findFirst().orElse(null);
		if (route != null && !route.needsAuthentication()) {
			route.handler().handle(call);
			return;
		}
		if (!this.auth.authenticated(call)) {
			return;
		}
		if (call.body.length > 0) {
			try {
				call.json = this.json.readTree(call.body);
			}
			catch (RuntimeException ex) {
				call.error(500, 2, "JSON parse error: Unexpected end-of-input within/between Object entries");
				return;
			}
		}
		if (route != null) {
			route.handler().handle(call);
		}
		else if (this.version39) {
			// 3.9 answers an unknown path, POST /api/apiKey among them, from Spring's
			// static resources
			call.error(404, 32, "No static resource " + call.path.substring(1) + ".");
		}
		else {
			call.error(404, 32, "Requested item wasn't found!");
		}
	}

	private Optional<Fault> takeFault(String path) {
		for (Fault fault : this.faults) {
			if (path.contains(fault.pathPart()) && fault.remaining()[0] > 0) {
				if (fault.passing()[0] > 0) {
					fault.passing()[0]--;
					return Optional.empty();
				}
				if (--fault.remaining()[0] == 0) {
					this.faults.remove(fault);
				}
				return Optional.of(fault);
			}
		}
		return Optional.empty();
	}

	private void serverCa(RestCall call) throws IOException {
		if (this.serverCaPem == null) {
			call.error(404, 32, "coaps pem cert file is not found!");
		}
		else {
			call.send(200, "application/octet-stream", this.serverCaPem);
		}
	}

	private void systemInfo(RestCall call) throws IOException {
		call.fixture("system-info.json", Map.of("version", this.version39 ? "3.9.1" : "4.3.1.3"));
	}

	/** Answers a call. */
	@FunctionalInterface
	interface Handler {

		void handle(RestCall call) throws IOException;

	}

	/**
	 * One line of the table: a method and a path pattern, with or without authentication.
	 */
	record Route(String method, Pattern path, boolean needsAuthentication, Handler handler) {

		static Route open(String method, String path, Handler handler) {
			return new Route(method, pattern(path), false, handler);
		}

		static Route signedIn(String method, String path, Handler handler) {
			return new Route(method, pattern(path), true, handler);
		}

		private static Pattern pattern(String path) {
			return Pattern.compile(Pattern.quote(path).replace("{id}", "\\E([^/]+)\\Q"));
		}

		/**
		 * Whether the call is for this route; if so, the call learns the id in its path.
		 */
		boolean matches(String method, RestCall call) {
			Matcher matcher = this.path.matcher(call.path);
			if (!this.method.equals(method) || !matcher.matches()) {
				return false;
			}
			call.id = (matcher.groupCount() > 0) ? matcher.group(1) : null;
			return true;
		}

	}

}
