package dev.keysmith.device;

/** A file to hand to the operator. */
public record Export(String filename, String contentType, byte[] content) {

}
