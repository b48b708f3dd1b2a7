package dev.keysmith.dtls;

import java.security.cert.X509Certificate;
import java.util.List;

import dev.keysmith.pki.CertificateIssuer;
import dev.keysmith.pki.KeyType;
import dev.keysmith.testkit.TestCa;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which certificate of a presented chain becomes the server's trust anchor. */
class ServerCertificateProbeTests {

	private static final TestCa CA = new TestCa("Chain CA");

	private static final X509Certificate SERVER = CA.serverCredential("localhost").certificate();

	@Test
	void trustAnchorWhenChainEndsInSelfSignedCaThenThatCa() {
		assertThat(ServerCertificateProbe.trustAnchor(List.of(SERVER, CA.certificate()))).isEqualTo(CA.certificate());
	}

	@Test
	void trustAnchorWhenOnlyTheServersOwnCertificateThenThatOne() {
		assertThat(ServerCertificateProbe.trustAnchor(List.of(SERVER))).isEqualTo(SERVER);
	}

	@Test
	void trustAnchorWhenChainEndsInSomethingElseThenTheServersOwnCertificate() {
		X509Certificate selfSignedLeaf = new CertificateIssuer().issue(KeyType.EC_P256, "not-a-ca", 1).certificate();
		assertThat(ServerCertificateProbe.trustAnchor(List.of(SERVER, selfSignedLeaf))).isEqualTo(SERVER);
		assertThat(ServerCertificateProbe.trustAnchor(List.of(selfSignedLeaf))).isEqualTo(selfSignedLeaf);
		assertThat(ServerCertificateProbe.trustAnchor(List.of())).isNull();
	}

}
