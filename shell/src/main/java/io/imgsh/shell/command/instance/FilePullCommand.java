package io.imgsh.shell.command.instance;

import io.imgsh.engine.EngineException;
import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
import io.imgsh.shell.session.Session;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "pull", description = "Copy the file NAME/PATH of an instance to a local file (- for standard output)")
public final class FilePullCommand implements Runnable {
    private final Session session;

    @Completes(Kind.INSTANCE_PATH)
    @Parameters(index = "0", paramLabel = "NAME/PATH")
    String source;

    @Completes(Kind.FILE)
    @Parameters(index = "1", paramLabel = "TARGET")
    String target;

    FilePullCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        InstancePath from = InstancePath.parse(source, "source");
        String name = from.instance();
        String path = from.path();
        if (target.equals("-")) {
            session.engine().instances().pull(name, path, session.out());
            session.out().flush();
            return;
        }
        Path file = Path.of(target);
        if (Files.isDirectory(file)) {
            file = file.resolve(Path.of(path).getFileName().toString());
        }
        Path partial = file.resolveSibling("." + file.getFileName() + ".partial");
        try {
            try (OutputStream out = Files.newOutputStream(partial)) {
                session.engine().instances().pull(name, path, out);
            }
            Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new EngineException("write " + file + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                // nothing more to tidy
            }
        }
    }
}
