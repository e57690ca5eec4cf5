package io.imgsh.shell.ssh;

import io.imgsh.engine.Engine;
import io.imgsh.engine.XdgDirs;
import io.imgsh.engine.config.ConfigKey;
import io.imgsh.engine.server.ListenAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How the SSH console runs: where it listens, its host key (beside the store, made on first start), the
 * authorized_keys file, how long a connection may stay idle (zero: forever) and how many may be logged in at once.
 */
public record SshSettings(InetSocketAddress address, Path hostKey, Path authorizedKeys, Duration idleTimeout,
                          int maxSessions) {
    static final String HOST_KEY_FILE = "ssh_host_ed25519_key";

    /** The settings of {@code engine}'s configuration, listening on {@code address} ({@code core.ssh_address}). */
    public static SshSettings of(Engine engine, Map<String, String> env, String address) {
        String keys = engine.config().get(ConfigKey.SSH_AUTHORIZED_KEYS.key());
        return new SshSettings(ListenAddress.parse(address, ListenAddress.SSH_PORT),
                engine.home().resolve(HOST_KEY_FILE),
                keys.isEmpty() ? XdgDirs.config(env).resolve("authorized_keys") : Path.of(keys),
                Duration.ofSeconds(Long.parseLong(engine.config().get(ConfigKey.SSH_IDLE_TIMEOUT.key()))),
                Integer.parseInt(engine.config().get(ConfigKey.SSH_MAX_SESSIONS.key())));
    }
}
