package io.imgsh.engine.server;

import java.security.cert.X509Certificate;

/**
 * Who sent a request: trusted when its client certificate is one the server trusts.
 *
 * @param certificate the fingerprint of the client certificate, or "" without one
 * @param address     the client's address, as logs name it
 * @param presented   the client certificate, null without one
 */
record Caller(boolean trusted, String certificate, String address, X509Certificate presented) {
}
