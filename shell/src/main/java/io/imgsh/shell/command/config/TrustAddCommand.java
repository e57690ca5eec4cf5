package io.imgsh.shell.command.config;

import io.imgsh.engine.InvalidInputException;
import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
import io.imgsh.shell.session.Session;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "add", description = "Trust a client certificate (a PEM file, such as lxc's client.crt)")
public final class TrustAddCommand implements Runnable {
    /** A certificate file is a few KiB; anything far larger is not one. */
    static final long MAX_BYTES = 1 << 20;

    private final Session session;

    @Completes(Kind.FILE)
    @Parameters(paramLabel = "CERTFILE")
    Path file;

    @Completes(Kind.TEXT)
    @Option(names = "--name", paramLabel = "NAME", description = "Name to list it under (default: its common name)")
    String name;

    TrustAddCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        String pem;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new InvalidInputException("Invalid certificate: " + file + " is larger than 1 MiB");
            }
            pem = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1); // PEM is ASCII; other bytes fail as PEM
        } catch (IOException e) {
            throw new InvalidInputException("open " + file + ": " + e.getMessage());
        }
        session.engine().trust().add(pem, name);
    }
}
