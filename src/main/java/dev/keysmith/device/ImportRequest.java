package dev.keysmith.device;

/**
 * What an operator gives to import a device.
 *
 * @param certificate the certificate file or pasted text (PEM, or DER)
 * @param key the private key PEM, or {@code null}
 * @param name the device name; {@code null} or blank takes the certificate's CN
 */
public record ImportRequest(byte[] certificate, byte[] key, String name) {

}
