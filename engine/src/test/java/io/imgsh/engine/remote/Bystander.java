package io.imgsh.engine.remote;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * A loopback port that nothing should contact (the target of a forged URL or an off-origin redirect): it accepts no
 * connection itself, so one made to it waits in its backlog, where {@link #contacted} finds it.
 */
public final class Bystander implements AutoCloseable {
    private final ServerSocket socket;

    public Bystander() {
        try {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Whether anything connected to the port (the kernel completes a connection before anyone accepts it). */
    public boolean contacted() {
        try {
            socket.setSoTimeout(100);
            try (Socket ignored = socket.accept()) {
                return true;
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
