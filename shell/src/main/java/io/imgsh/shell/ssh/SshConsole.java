package io.imgsh.shell.ssh;

import io.imgsh.engine.Engine;
import io.imgsh.engine.EngineException;
import io.imgsh.shell.session.RemoteConsole;
import io.imgsh.shell.session.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntBiFunction;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SSH admin console of {@code imgsh serve} (Apache MINA sshd): a stock OpenSSH client gets the prompt, or runs
 * one command line or a script, on the daemon's store. Public keys of the authorized_keys file only; passwords,
 * keyboard-interactive, subsystems (SFTP), agent, X11 and port forwarding are refused. The ed25519 host key is made
 * on first start beside the store and kept, so clients see the same key every time.
 */
public final class SshConsole implements RemoteConsole {
    private static final Logger LOG = LoggerFactory.getLogger(SshConsole.class);
    /** The directory under the store of the prompt histories of the console's users. */
    static final String HISTORIES = "ssh-history";

    private final SshServer server;
    private final SshSettings settings;
    private final String hostKeyFingerprint;

    private SshConsole(SshServer server, SshSettings settings, String hostKeyFingerprint) {
        this.server = server;
        this.settings = settings;
        this.hostKeyFingerprint = hostKeyFingerprint;
    }

    /**
     * Starts listening; {@code env} is the daemon's environment, under the client's variables in each session;
     * {@code imgsh} runs one invocation of imgsh (its arguments) in a session and returns its exit status.
     */
    public static SshConsole start(Engine engine, SshSettings settings, Map<String, String> env,
                                   ToIntBiFunction<Session, String[]> imgsh) {
        SimpleGeneratorHostKeyProvider hostKey = new SimpleGeneratorHostKeyProvider(settings.hostKey());
        hostKey.setAlgorithm(SecurityUtils.EDDSA);
        hostKey.setKeySize(256);
        List<KeyPair> keys = hostKey.loadKeys(null);
        if (keys.isEmpty()) {
            throw new EngineException("Cannot read or make the SSH host key " + settings.hostKey());
        }
        if (!Files.isReadable(settings.authorizedKeys())) {
            LOG.warn("No authorized_keys file at {}: nobody can log in to the SSH console until it exists",
                    settings.authorizedKeys());
        }
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost(settings.address().getHostString());
        server.setPort(settings.address().getPort());
        server.setKeyPairProvider(hostKey);
        server.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
        Logins logins = new Logins(settings.maxSessions());
        server.setPublickeyAuthenticator(new AuthorizedKeys(settings.authorizedKeys(), logins));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setForwardingFilter(RejectAllForwardingFilter.INSTANCE);
        server.setAgentFactory(null);
        server.setSubsystemFactories(List.of());
        Consoles consoles = new Consoles(engine, env, engine.home().resolve(HISTORIES), imgsh);
        server.setShellFactory(consoles::shell);
        server.setCommandFactory(consoles::command);
        CoreModuleProperties.IDLE_TIMEOUT.set(server, settings.idleTimeout());
        server.addSessionListener(logins);
        try {
            server.start();
        } catch (IOException e) {
            throw new EngineException("Cannot listen for SSH on " + settings.address().getHostString() + ":"
                    + settings.address().getPort() + ": " + e.getMessage(), e);
        }
        return new SshConsole(server, settings, KeyUtils.getFingerPrint(keys.get(0).getPublic()));
    }

    @Override
    public String describe() {
        // the port the server chose when asked for port 0; the fingerprint as OpenSSH shows it (SHA256:…)
        return "on " + settings.address().getHostString() + ":" + server.getPort() + " (host key "
                + hostKeyFingerprint + ")";
    }

    /** Stops listening and closes every connection; their commands are interrupted. */
    @Override
    public void close() {
        try {
            server.stop(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
