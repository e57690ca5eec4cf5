package io.imgsh.shell.command;

/** How one command line ended: its exit status and, when it failed, the one-line reason. */
public record Outcome(int status, String error) {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;

    public static Outcome ok() {
        return new Outcome(OK, null);
    }

    public boolean failed() {
        return status != OK;
    }
}
