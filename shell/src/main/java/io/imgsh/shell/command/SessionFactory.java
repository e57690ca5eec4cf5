package io.imgsh.shell.command;

import io.imgsh.shell.session.Session;
import java.lang.reflect.Constructor;
import picocli.CommandLine;

/** Creates command objects, handing the session to those that take one. */
public final class SessionFactory implements CommandLine.IFactory {
    private final Session session;

    public SessionFactory(Session session) {
        this.session = session;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
        for (Constructor<?> c : cls.getDeclaredConstructors()) {
            if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == Session.class) {
                c.setAccessible(true);
                return cls.cast(c.newInstance(session));
            }
        }
        return CommandLine.defaultFactory().create(cls);
    }
}
