package io.imgsh.engine.event;

import io.imgsh.engine.InvalidInputException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The kinds of event LXD 5.0.2's {@code /1.0/events} streams, as its {@code type} parameter names them. */
public enum EventType {
    LOGGING, OPERATION, LIFECYCLE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A {@code type} parameter ({@code operation,lifecycle}); null or empty means every type, as in LXD. */
    public static Set<EventType> parse(String list) {
        if (list == null || list.isEmpty()) {
            return EnumSet.allOf(EventType.class);
        }
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        for (String name : list.split(",", -1)) {
            types.add(of(name));
        }
        return types;
    }

    public static EventType of(String name) {
        for (EventType type : values()) {
            if (type.wireName().equals(name)) {
                return type;
            }
        }
        throw new InvalidInputException("\"" + name + "\" isn't a supported event type");
    }
}
