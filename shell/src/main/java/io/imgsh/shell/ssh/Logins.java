package io.imgsh.shell.ssh;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The logins of the console: counted from the moment their key is accepted, and one past the limit is disconnected
 * then, before authentication completes, with a message the client shows; each login is logged with its user,
 * address and key fingerprint.
 */
final class Logins implements SessionListener {
    private static final Logger LOG = LoggerFactory.getLogger(Logins.class);
    private static final AttributeKey<Boolean> COUNTED = new AttributeKey<>();

    private final int limit;
    private final AtomicInteger open = new AtomicInteger();

    Logins(int limit) {
        this.limit = limit;
    }

    /**
     * Counts {@code session} (once, however many times its key is checked) if the limit allows; else disconnects it
     * and returns false.
     */
    boolean admit(Session session) {
        if (session.getAttribute(COUNTED) != null) {
            return true;
        }
        if (open.incrementAndGet() <= limit) {
            session.setAttribute(COUNTED, Boolean.TRUE);
            return true;
        }
        open.decrementAndGet();
        LOG.warn("SSH login of {} from {} refused: {} sessions are open, the limit (core.ssh_max_sessions)",
                session.getUsername(), address(session), limit);
        try {
            session.disconnect(SshConstants.SSH2_DISCONNECT_TOO_MANY_CONNECTIONS, "imgsh: " + limit
                    + " SSH sessions are open, the most allowed (core.ssh_max_sessions); try again later");
        } catch (IOException e) {
            session.close(true);
        }
        return false;
    }

    @Override
    public void sessionEvent(Session session, Event event) {
        if (event == Event.Authenticated) {
            LOG.info("SSH login: {} from {} with key {}", session.getUsername(), address(session),
                    session.getAttribute(AuthorizedKeys.FINGERPRINT));
        }
    }

    @Override
    public void sessionClosed(Session session) {
        if (session.removeAttribute(COUNTED) != null) {
            open.decrementAndGet();
        }
    }

    private static String address(Session session) {
        SocketAddress address = session.getIoSession().getRemoteAddress();
        return address instanceof InetSocketAddress inet ? inet.getHostString() + ":" + inet.getPort()
                : String.valueOf(address);
    }
}
