package io.imgsh.shell.command.streams;

import io.imgsh.engine.EngineException;
import io.imgsh.engine.streams.VerifyReport;
import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
import io.imgsh.shell.session.Session;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "verify", description = "Re-hash every file of the simplestreams tree in DIR against its size, SHA-256 "
        + "and combined hash (the fingerprint) in the JSON; each problem is printed, and the exit status is 1 if any")
public final class StreamsVerifyCommand implements Runnable {
    private final Session session;

    @Completes(Kind.DIRECTORY)
    @Parameters(index = "0", paramLabel = "DIR")
    Path dir;

    StreamsVerifyCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        VerifyReport report = session.engine().streams().verify(dir);
        report.problems().forEach(session.out()::println);
        if (!report.ok()) {
            throw new EngineException(report.problems().size() + " problem(s) in the tree " + dir + " ("
                    + report.files() + " file(s) checked)");
        }
        session.info("All " + report.files() + " file(s) of " + dir + " match the JSON");
    }
}
