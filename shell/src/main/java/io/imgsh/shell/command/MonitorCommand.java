package io.imgsh.shell.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imgsh.engine.event.EventStream;
import io.imgsh.engine.event.EventType;
import io.imgsh.engine.image.ImageRef;
import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
import io.imgsh.shell.render.YamlWriter;
import io.imgsh.shell.session.Session;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jline.utils.Signals;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code imgsh monitor [remote:] [--type T]…}: a remote's events as they happen, each printed as {@code lxc monitor}
 * prints it (the event as YAML, keys in Go's map order, then two blank lines), until Ctrl-C or SIGTERM, which end
 * it successfully. {@code local:} is the store itself: its changes by any process.
 */
@Command(name = "monitor", description = "Print the events of a remote (an LXD server, imgsh serve, or the local "
        + "store) as they happen, until Ctrl-C or SIGTERM")
public final class MonitorCommand implements Runnable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Session session;

    // the remotes with events to show are the store and trusted lxd remotes: those an image can be copied to
    @Completes(Kind.COPY_TARGET)
    @Parameters(arity = "0..1", paramLabel = "[remote:]", description = "The remote (default: the default remote)")
    String remote;

    @Option(names = "--type", paramLabel = "TYPE", split = ",", completionCandidates = TypeNames.class,
            description = "Event type to listen for: logging, operation or lifecycle (default: all)")
    List<String> types = new ArrayList<>();

    MonitorCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        String from = remote == null ? session.defaultRemote()
                : ImageRef.parseName(remote, session.defaultRemote()).remote();
        Set<EventType> wanted = EnumSet.noneOf(EventType.class);
        types.forEach(type -> wanted.add(EventType.of(type)));
        EventStream stream = session.engine().monitor(from, wanted.isEmpty() ? EnumSet.allOf(EventType.class) : wanted,
                this::print);
        // an SSH session is stopped by its channel (Ctrl-C, disconnect), never by the daemon's own signals
        Object previousTerm = session.isRemote() ? null : Signals.register("TERM", stream::close);
        Object previousInt = session.isRemote() ? null : Signals.register("INT", stream::close);
        try {
            stream.awaitEnd();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // Ctrl-C at the prompt: the monitor ends, the prompt goes on
        } finally {
            stream.close();
            if (!session.isRemote()) {
                Signals.unregister("TERM", previousTerm);
                Signals.unregister("INT", previousInt);
            }
        }
    }

    private void print(String frame) {
        try {
            session.out().print(YamlWriter.write(goValue(JSON.readTree(frame))) + "\n\n");
            session.out().flush();
        } catch (JsonProcessingException e) {
            // called on the stream's thread: say so and go on with the next event
            session.err().println("Error: an event that is not JSON: " + e.getOriginalMessage());
        }
    }

    /** The names {@code --type} takes. */
    static final class TypeNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(EventType.values()).map(EventType::wireName).iterator();
        }
    }

    /** The value Go's JSON decoder gives for {@code node} in an interface: maps (printed sorted), float64s. */
    private static Object goValue(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new TreeMap<>();
            node.fields().forEachRemaining(field -> map.put(field.getKey(), goValue(field.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(item -> list.add(goValue(item)));
            return list;
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.isNull() ? null : node.asText();
    }
}
