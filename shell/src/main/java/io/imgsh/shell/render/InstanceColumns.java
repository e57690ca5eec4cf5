package io.imgsh.shell.render;

import io.imgsh.engine.instance.InstanceStatus;
import java.util.List;

/** The columns of {@code list}, by LXD's {@code -c} letters. */
public final class InstanceColumns {
    public static final List<Column<InstanceStatus>> ALL = List.of(
            new Column<>('n', "NAME", "name", s -> s.instance().name()),
            new Column<>('s', "STATE", "state", s -> s.state().name()),
            new Column<>('t', "TYPE", "type", s -> s.instance().ephemeral() ? "CONTAINER (EPHEMERAL)" : "CONTAINER"),
            new Column<>('S', "SNAPSHOTS", "snapshots", s -> Integer.toString(s.snapshots().size())),
            new Column<>('b', "BASE IMAGE", "base image",
                    s -> s.instance().baseImage().substring(0, Math.min(12, s.instance().baseImage().length()))),
            new Column<>('a', "ARCHITECTURE", "architecture", s -> s.instance().architecture()));
    public static final String DEFAULT = "nstS";

    private InstanceColumns() {
    }

    /** The {@code -c} option's candidates, for its help and for completion. */
    public static final class Letters extends ColumnLetters.Candidates {
        public Letters() {
            super(ALL);
        }
    }
}
