package io.imgsh.shell.session;

import io.imgsh.engine.Engine;
import java.util.Map;

/**
 * The remote console {@code imgsh serve} runs beside its HTTPS API (the SSH one). The program hands its
 * {@link Starter} to the session, so that {@code serve} starts it without depending on how it is made.
 */
public interface RemoteConsole extends AutoCloseable {
    /** Where it listens and how clients know it: {@code on HOST:PORT (host key SHA256:…)}. */
    String describe();

    /** Stops listening and ends its sessions. */
    @Override
    void close();

    /** Starts a console on {@code engine}, listening on {@code address}; {@code env} is the daemon's environment. */
    @FunctionalInterface
    interface Starter {
        RemoteConsole start(Engine engine, Map<String, String> env, String address);
    }
}
