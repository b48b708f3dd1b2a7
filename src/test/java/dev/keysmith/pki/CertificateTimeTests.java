package dev.keysmith.pki;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x509.Time;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CertificateTimeTests {

	@Test
	void timeWhenEncodedThenSameBytesAsBouncyCastlesOwnFromADate() throws Exception {
		for (String moment : List.of("1950-01-01T00:00:00Z", "1999-12-31T23:59:59.999Z", "2026-11-28T23:55:01.123Z",
				"2049-12-31T23:59:59Z", "2050-01-01T00:00:00Z", "2051-06-15T08:09:10.500Z", "2126-11-28T12:00:00Z")) {
			Instant instant = Instant.parse(moment);
			Instant whole = Instant.ofEpochSecond(instant.getEpochSecond());
			assertThat(CertificateIssuer.time(instant).getEncoded()).as(moment)
				.isEqualTo(new Time(Date.from(whole)).getEncoded())
				.isEqualTo(new Time(Date.from(instant)).getEncoded());
		}
	}

}
