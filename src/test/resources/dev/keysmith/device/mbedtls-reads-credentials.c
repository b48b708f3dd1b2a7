/* Reads the bundle's firmware/credentials.h with mbedTLS, as esp-tls, libcoap and Zephyr do: every
 * certificate parses as PEM and as DER, the key parses in both and matches the certificate, and the
 * server CA is a CA. Prints what failed with mbedTLS's error code; exits 0 only when all pass. */
#include <stdio.h>
#include <mbedtls/version.h>
#include <mbedtls/pk.h>
#include <mbedtls/x509_crt.h>
#include "credentials.h"

#if MBEDTLS_VERSION_MAJOR >= 3
/* mbedTLS 3 wants a random source for key checks; a test needs no good one */
static int rng(void *state, unsigned char *out, size_t length)
{
	size_t i;
	(void) state;
	for (i = 0; i < length; i++) {
		out[i] = (unsigned char) (i * 131u + 7u);
	}
	return 0;
}
#define PARSE_KEY(key, buffer, length) mbedtls_pk_parse_key(key, buffer, length, NULL, 0, rng, NULL)
#define CHECK_PAIR(certificate, key) mbedtls_pk_check_pair(certificate, key, rng, NULL)
#else
#define PARSE_KEY(key, buffer, length) mbedtls_pk_parse_key(key, buffer, length, NULL, 0)
#define CHECK_PAIR(certificate, key) mbedtls_pk_check_pair(certificate, key)
#endif

static int report(const char *what, int result)
{
	if (result != 0) {
		printf("%s: -0x%04x\n", what, (unsigned int) -result);
	}
	return result != 0;
}

int main(void)
{
	mbedtls_x509_crt pem, der;
	int failed = 0;
	mbedtls_x509_crt_init(&pem);
	mbedtls_x509_crt_init(&der);
	failed |= report("certificate PEM", mbedtls_x509_crt_parse(&pem,
			(const unsigned char *) KEYSMITH_DEVICE_CERT_PEM, sizeof(KEYSMITH_DEVICE_CERT_PEM)));
	failed |= report("certificate DER", mbedtls_x509_crt_parse_der(&der, KEYSMITH_DEVICE_CERT_DER,
			KEYSMITH_DEVICE_CERT_DER_LEN));
#if KEYSMITH_HAS_DEVICE_KEY
	{
		mbedtls_pk_context key_pem, key_der;
		mbedtls_pk_init(&key_pem);
		mbedtls_pk_init(&key_der);
		failed |= report("key PEM", PARSE_KEY(&key_pem, (const unsigned char *) KEYSMITH_DEVICE_KEY_PEM,
				sizeof(KEYSMITH_DEVICE_KEY_PEM)));
		failed |= report("key DER", PARSE_KEY(&key_der, KEYSMITH_DEVICE_KEY_DER, KEYSMITH_DEVICE_KEY_DER_LEN));
		failed |= report("key PEM with certificate", CHECK_PAIR(&pem.pk, &key_pem));
		failed |= report("key DER with certificate", CHECK_PAIR(&der.pk, &key_der));
		mbedtls_pk_free(&key_pem);
		mbedtls_pk_free(&key_der);
	}
#endif
#if KEYSMITH_HAS_SERVER_CA
	{
		mbedtls_x509_crt ca_pem, ca_der;
		mbedtls_x509_crt_init(&ca_pem);
		mbedtls_x509_crt_init(&ca_der);
		failed |= report("server CA PEM", mbedtls_x509_crt_parse(&ca_pem,
				(const unsigned char *) KEYSMITH_SERVER_CA_PEM, sizeof(KEYSMITH_SERVER_CA_PEM)));
		failed |= report("server CA DER", mbedtls_x509_crt_parse_der(&ca_der, KEYSMITH_SERVER_CA_DER,
				KEYSMITH_SERVER_CA_DER_LEN));
		failed |= report("server CA is a CA", !ca_der.ca_istrue);
		mbedtls_x509_crt_free(&ca_pem);
		mbedtls_x509_crt_free(&ca_der);
	}
#endif
	mbedtls_x509_crt_free(&pem);
	mbedtls_x509_crt_free(&der);
	if (!failed) {
		printf("mbedTLS %s read every credential\n", MBEDTLS_VERSION_STRING);
	}
	return failed;
}
