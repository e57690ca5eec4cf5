package io.imgsh.store;

/**
 * A certificate the image server trusts, as {@code lxc config trust} lists it.
 *
 * @param fingerprint SHA-256 of the DER encoding, lowercase hex
 * @param type        {@code client}
 * @param certificate PEM
 */
public record CertificateRecord(String fingerprint, String type, String name, String certificate) {
}
