package io.imgsh.shell.command;

/**
 * How one command line ended: its exit status; when it failed, the one-line reason and, for a mistyped command or
 * flag, the usage line of the command; and whether it asked to leave the prompt or script ({@code exit}).
 */
public record Outcome(int status, String error, String usage, boolean leave) {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;

    public Outcome(int status, String error) {
        this(status, error, null, false);
    }

    public static Outcome ok() {
        return new Outcome(OK, null);
    }

    public static Outcome leave(int status) {
        return new Outcome(status, null, null, true);
    }

    public boolean failed() {
        return status != OK;
    }
}
