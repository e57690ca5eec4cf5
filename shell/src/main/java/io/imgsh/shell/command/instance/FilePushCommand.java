package io.imgsh.shell.command.instance;

import io.imgsh.engine.EngineException;
import io.imgsh.engine.InvalidInputException;
import io.imgsh.engine.instance.FileMode;
import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
import io.imgsh.shell.session.Session;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "push", description = "Copy a local file (- for standard input) to NAME/PATH in an instance")
public final class FilePushCommand implements Runnable {
    private final Session session;

    @Completes(Kind.FILE)
    @Parameters(index = "0", paramLabel = "SOURCE")
    String source;

    @Completes(Kind.INSTANCE_PATH)
    @Parameters(index = "1", paramLabel = "NAME/PATH")
    String target;

    @Option(names = {"-p", "--create-dirs"}, description = "Create the missing parent directories")
    boolean createDirs;

    @Completes(Kind.TEXT)
    @Option(names = "--uid", paramLabel = "UID", description = "Owner, as the instance sees it (default: 0)")
    Integer uid;

    @Completes(Kind.TEXT)
    @Option(names = "--gid", paramLabel = "GID", description = "Group, as the instance sees it (default: 0)")
    Integer gid;

    @Completes(Kind.TEXT)
    @Option(names = "--mode", paramLabel = "MODE", description = "Octal mode (default: 0644)")
    String mode;

    FilePushCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        InstancePath to = InstancePath.parse(target, "target");
        Integer octal;
        try {
            octal = mode == null ? null : Integer.parseInt(mode, 8);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("Invalid mode \"" + mode + "\": give it in octal, e.g. 0644");
        }
        FileMode fileMode = new FileMode(uid, gid, octal, createDirs);
        try (InputStream in = source.equals("-") ? session.in() : Files.newInputStream(Path.of(source))) {
            session.engine().instances().push(to.instance(), in, to.path(), fileMode);
        } catch (IOException e) {
            throw new EngineException("open " + source + ": " + e.getMessage(), e);
        }
    }
}
