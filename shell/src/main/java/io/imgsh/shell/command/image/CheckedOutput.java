package io.imgsh.shell.command.image;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * Bytes for a session's standard output that fail where the {@link PrintStream} under them would only set its
 * error flag: {@code System.out} swallows the IOException of a full disk or a closed pipe, and an export would then
 * go on and end as a success with its output cut short.
 */
final class CheckedOutput extends OutputStream {
    private final PrintStream out;

    CheckedOutput(PrintStream out) {
        this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        check();
    }

    @Override
    public void flush() throws IOException {
        check();
    }

    /** Flushes, and throws if any write to the stream has failed. */
    private void check() throws IOException {
        if (out.checkError()) {
            throw new IOException("cannot write to standard output");
        }
    }
}
