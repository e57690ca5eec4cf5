package io.imgsh.shell.completion;

import io.imgsh.engine.format.Compression;
import io.imgsh.engine.image.ImportRequest;
import io.imgsh.shell.TestImages;
import io.imgsh.shell.command.CommandRunner;
import io.imgsh.shell.session.Session;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jline.reader.Candidate;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A real store with images imported through the engine, the prompt's command tree over it, and its completer, to
 * ask for the candidates of a line as the prompt would (parsed by {@link LineParser}, cursor at the end).
 */
final class CompletionFixture implements AutoCloseable {
    final Session session;
    final CommandCompleter completer;
    final Path work;
    final String webFingerprint;
    final String dbFingerprint;

    CompletionFixture(Path dir) {
        work = dir.resolve("work");
        session = new Session(new ByteArrayInputStream(new byte[0]), quiet(), quiet(),
                Map.of("HOME", dir.resolve("user").toString()), Clock.systemUTC(), false);
        session.configure(dir.resolve("home"), false, false);
        TestImages images = new TestImages(work);
        Path web = images.unified("web.tar.xz", TestImages.metadata("Web server", "2.0"), Compression.XZ);
        Path db = images.unified("db image.tar.gz", TestImages.metadata("Database", "3.1"), Compression.GZIP);
        try {
            Files.createDirectories(work.resolve("sub"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        images.write("sub/nested.tar", new byte[0]);
        webFingerprint = session.engine().images().importImage(new ImportRequest(web, null, List.of("web", "webby"),
                false, Map.of("tier", "front"))).fingerprint();
        dbFingerprint = session.engine().images().importImage(new ImportRequest(db, null, List.of("db"), false,
                Map.of("tier", "back", "engine", "sqlite"))).fingerprint();
        completer = new CommandCompleter(completerRoot(),
                () -> new EngineCompletionSource(session), Map.of("exit", "Leave the shell", "quit", "Leave"), work);
    }

    /** The prompt's command tree over this fixture's session. */
    CommandSpec completerRoot() {
        return CommandRunner.forLines(session).commandLine().getCommandSpec();
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    /** The candidates for {@code line} with the cursor at its end. */
    List<Candidate> candidates(String line) {
        List<Candidate> out = new ArrayList<>();
        completer.complete(null, new LineParser().parse(line, line.length()), out);
        return out;
    }

    List<String> values(String line) {
        return candidates(line).stream().map(Candidate::value).sorted().toList();
    }

    Candidate candidate(String line, String value) {
        return candidates(line).stream().filter(c -> c.value().equals(value)).findFirst()
                .orElseThrow(() -> new AssertionError("no candidate " + value + " for \"" + line + "\": "
                        + values(line)));
    }

    @Override
    public void close() {
        session.close();
    }
}
