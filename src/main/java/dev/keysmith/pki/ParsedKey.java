package dev.keysmith.pki;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;

/**
 * A private key read from PEM, still as ASN.1: a SEC1 key may name no curve, and then the
 * certificate it belongs to says which one it is.
 *
 * @param label the PEM label it came from
 * @param info the key as PKCS#8; for EC its algorithm parameters may be absent
 * @param curve the curve the key names itself (EC only), or {@code null}
 */
record ParsedKey(String label, PrivateKeyInfo info, ASN1ObjectIdentifier curve) {

}
