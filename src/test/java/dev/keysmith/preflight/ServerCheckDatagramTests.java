package dev.keysmith.preflight;

import java.util.List;
import java.util.UUID;

import dev.keysmith.KeysmithTestSupport;
import dev.keysmith.pki.Fingerprints;
import dev.keysmith.testkit.ThingsBoardDouble;
import dev.keysmith.testkit.ThingsBoardDoubleTest;
import dev.keysmith.thingsboard.ThingsBoardServerService;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pre-flight check's DTLS finding tells which datagram size got through, against the
 * double with ThingsBoard's defaults.
 */
@ThingsBoardDoubleTest
class ServerCheckDatagramTests extends KeysmithTestSupport {

	static ThingsBoardDouble thingsBoard;

	@Autowired
	ServerCheckService checks;

	@Autowired
	ThingsBoardServerService servers;

	@Test
	void checkWhenServerTakesTheLimitThenDtlsFindingSaysSo() {
		Finding dtls = dtlsFinding(server(null));
		assertThat(dtls.status()).as(dtls.detail()).isEqualTo(Finding.Status.OK);
		assertThat(dtls.detail())
			.contains("Datagrams of at most 1,024 bytes, this server's DTLS datagram limit, get "
					+ "through: a handshake with a throwaway RSA 2048 certificate")
			.contains("no flight sent again");
	}

	@Test
	void checkWhenLimitAboveWhatTheServerTakesThenWarningNamingALimitThatWorks() {
		Finding dtls = dtlsFinding(server(4096));
		assertThat(dtls.status()).as(dtls.detail()).isEqualTo(Finding.Status.WARNING);
		assertThat(dtls.detail()).contains("At this server's DTLS datagram limit of 4,096 bytes")
			.contains("flight 5 sent again")
			.contains("COAP_DTLS_MAX_FRAGMENT_LENGTH")
			.contains("At 1,024 bytes no flight was sent again: set the server's DTLS datagram limit to 1024.");
	}

	private Finding dtlsFinding(UUID serverId) {
		List<Finding> findings = this.checks.check(serverId);
		return findings.stream().filter((f) -> f.check().equals("CoAP over DTLS")).findFirst().orElseThrow();
	}

	private UUID server(Integer datagramLimit) {
		UUID id = this.servers.create(thingsBoard.serverSettings("check-datagram", "localhost", datagramLimit)).getId();
		this.servers.proposeServerCa(id, dev.keysmith.pki.PemCodec.certificate(thingsBoard.serverCa()));
		this.servers.confirmServerCa(id, Fingerprints.sha256(thingsBoard.serverCa()));
		return id;
	}

}
