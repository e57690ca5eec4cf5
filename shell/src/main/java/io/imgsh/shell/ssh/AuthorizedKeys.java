package io.imgsh.shell.ssh;

import java.nio.file.Path;
import java.security.PublicKey;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.server.config.keys.AuthorizedKeysAuthenticator;
import org.apache.sshd.server.session.ServerSession;

/**
 * The keys that may log in, from an authorized_keys file in OpenSSH's format (read again when it changes), for any
 * user name, as long as {@link Logins} admits one more session. The fingerprint of the key last accepted stays with
 * the connection, for the login's log line.
 */
final class AuthorizedKeys extends AuthorizedKeysAuthenticator {
    static final AttributeKey<String> FINGERPRINT = new AttributeKey<>();

    private final Logins logins;

    AuthorizedKeys(Path file, Logins logins) {
        super(file);
        this.logins = logins;
    }

    /** One check at a time: two logins at once could otherwise see the file's reload half-done, and be refused. */
    @Override
    public synchronized boolean authenticate(String username, PublicKey key, ServerSession session) {
        if (!super.authenticate(username, key, session) || !logins.admit(session)) {
            return false;
        }
        session.setAttribute(FINGERPRINT, KeyUtils.getFingerPrint(key));
        return true;
    }
}
