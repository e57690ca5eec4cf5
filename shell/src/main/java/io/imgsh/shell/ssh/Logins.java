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
 * The logins of the console: each logged with its user, address and key fingerprint, and counted; one past the
 * limit is disconnected at once with a message the client shows.
 */
final class Logins implements SessionListener {
    private static final Logger LOG = LoggerFactory.getLogger(Logins.class);
    private static final AttributeKey<Boolean> COUNTED = new AttributeKey<>();

    private final int limit;
    private final AtomicInteger open = new AtomicInteger();

    Logins(int limit) {
        this.limit = limit;
    }

    @Override
    public void sessionEvent(Session session, Event event) {
        if (event != Event.Authenticated) {
            return;
        }
        String who = session.getUsername() + " from " + address(session.getIoSession().getRemoteAddress())
                + " with key " + session.getAttribute(AuthorizedKeys.FINGERPRINT);
        if (open.incrementAndGet() > limit) {
            open.decrementAndGet();
            LOG.warn("SSH login of {} refused: {} sessions are open, the limit (core.ssh_max_sessions)", who, limit);
            try {
                session.disconnect(SshConstants.SSH2_DISCONNECT_TOO_MANY_CONNECTIONS, "imgsh: " + limit
                        + " SSH sessions are open, the most allowed (core.ssh_max_sessions); try again later");
            } catch (IOException e) {
                session.close(true);
            }
            return;
        }
        session.setAttribute(COUNTED, Boolean.TRUE);
        LOG.info("SSH login: {}", who);
    }

    private static String address(SocketAddress address) {
        return address instanceof InetSocketAddress inet ? inet.getHostString() + ":" + inet.getPort()
                : String.valueOf(address);
    }

    @Override
    public void sessionClosed(Session session) {
        if (session.removeAttribute(COUNTED) != null) {
            open.decrementAndGet();
        }
    }
}
