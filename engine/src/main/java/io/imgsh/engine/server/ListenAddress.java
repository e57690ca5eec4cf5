package io.imgsh.engine.server;

import io.imgsh.engine.InvalidInputException;
import java.net.InetSocketAddress;

/**
 * {@code core.https_address} as LXD takes it: {@code host:port}, {@code [v6]:port}, {@code :port} (every address), or a
 * host alone (port 8443); {@code core.ssh_address} the same way, with port 2222 for a host alone.
 */
public final class ListenAddress {
    public static final int DEFAULT_PORT = 8443;
    public static final int SSH_PORT = 2222;

    private ListenAddress() {
    }

    public static InetSocketAddress parse(String text) {
        return parse(text, DEFAULT_PORT);
    }

    /** {@code text} as {@link #parse(String)} reads it, {@code defaultPort} for a host alone. */
    public static InetSocketAddress parse(String text, int defaultPort) {
        String value = text.trim();
        if (value.isEmpty()) {
            throw new InvalidInputException("No address to listen on: set core.https_address or give --listen");
        }
        String host = value;
        int port = defaultPort;
        int colon = value.lastIndexOf(':');
        boolean bracketed = value.startsWith("[");
        if (bracketed ? value.contains("]:") : colon >= 0 && value.indexOf(':') == colon) {
            host = value.substring(0, colon);
            port = port(value.substring(colon + 1), text);
        }
        if (bracketed) {
            if (!host.endsWith("]")) {
                throw new InvalidInputException("Invalid address \"" + text + "\": unclosed [");
            }
            host = host.substring(1, host.length() - 1);
        }
        return host.isEmpty() || host.equals("::") ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
    }

    private static int port(String text, String address) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException("Invalid address \"" + address + "\": the port must be 0 to 65535");
    }
}
