package io.imgsh.shell.mode;

import picocli.CommandLine;

/** The command given on imgsh's own command line ({@code imgsh image list}), run once; or imgsh's own help. */
record OneCommand(CommandLine.ParseResult parsed) implements Mode {
    @Override
    public int run() {
        return new CommandLine.RunLast().execute(parsed);
    }
}
