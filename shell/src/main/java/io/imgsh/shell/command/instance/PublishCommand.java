package io.imgsh.shell.command.instance;

import io.imgsh.engine.image.ImageRef;
import io.imgsh.engine.instance.PublishRequest;
import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.progress.ProgressDisplay;
import io.imgsh.shell.completion.Completes.Kind;
import io.imgsh.shell.session.Session;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "publish", description = "Make an image of an instance or snapshot (NAME/SNAPSHOT)")
public final class PublishCommand implements Runnable {
    private final Session session;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Completes(Kind.INSTANCE_OR_SNAPSHOT)
    @Parameters(index = "0", paramLabel = "NAME[/SNAPSHOT]")
    String name;

    @Completes(Kind.COPY_TARGET)
    @Parameters(index = "1..*", arity = "0..*", paramLabel = "[remote:] [KEY=VALUE…]",
            description = "Where the image goes (default: local:, the store; or a trusted lxd remote), and "
                    + "properties over those of the instance's image")
    List<String> rest = new ArrayList<>();

    @Completes(Kind.NEW_ALIAS)
    @Option(names = "--alias", paramLabel = "ALIAS", description = "New alias for the image (repeatable)")
    List<String> aliases = new ArrayList<>();

    @Option(names = "--public", description = "Make the image public")
    boolean isPublic;

    @Option(names = {"-f", "--force"}, description = "Publish a running instance (it is frozen meanwhile)")
    boolean force;

    @Option(names = "--compression", paramLabel = "ALGORITHM", completionCandidates = Algorithms.class,
            description = "${COMPLETION-CANDIDATES} (default: images.compression_algorithm)")
    String compression;

    PublishCommand(Session session) {
        this.session = session;
    }

    /** The algorithms {@code --compression} takes. */
    static final class Algorithms extends ArrayList<String> {
        Algorithms() {
            super(List.of("gzip", "bzip2", "xz", "lzma", "zstd", "none"));
        }
    }

    @Override
    public void run() {
        Map<String, String> properties = new LinkedHashMap<>();
        String remote = ImageRef.LOCAL;
        for (String arg : rest) {
            int eq = arg.indexOf('=');
            if (eq > 0) {
                properties.put(arg.substring(0, eq), arg.substring(eq + 1));
            } else if (ImageRef.target(arg).isPresent()) {
                remote = ImageRef.target(arg).get();
                session.engine().remotes().get(remote);
            } else {
                throw new CommandLine.ParameterException(spec.commandLine(), "Invalid argument \"" + arg
                        + "\": give the target as remote: and properties as KEY=VALUE");
            }
        }
        String fingerprint;
        try (ProgressDisplay progress = ProgressDisplay.forCommand(session, "Publishing instance")) {
            fingerprint = session.engine().instances().publish(new PublishRequest(name, remote, aliases, isPublic,
                    compression, force, properties), progress);
        }
        session.info("Instance published with fingerprint: " + fingerprint);
    }
}
