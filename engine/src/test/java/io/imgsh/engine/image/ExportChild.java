package io.imgsh.engine.image;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * One {@link ImageExport} in a JVM of its own, as another imgsh process would run it: {@code copy|move FILE
 * ROOTFS|- FINGERPRINT TARGET [PAUSE]}. Prints {@code PROGRESS <n>} at each progress report of a copy and, at report
 * number PAUSE, blocks until a line arrives on its standard input (or it is killed); prints {@code DONE} at the end.
 */
public final class ExportChild {
    private ExportChild() {
    }

    public static void main(String[] args) {
        Path rootfs = args[2].equals("-") ? null : Path.of(args[2]);
        ImageExport export = new ImageExport(Path.of(args[1]), rootfs, args[3]);
        int pause = args.length > 5 ? Integer.parseInt(args[5]) : 0;
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        int[] reports = {0};
        Progress progress = (done, total) -> {
            System.out.println("PROGRESS " + ++reports[0]);
            if (reports[0] == pause) {
                try {
                    stdin.readLine();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        List<Path> written = args[0].equals("move") ? export.moveTo(args[4]) : export.writeTo(args[4], progress);
        System.out.println("DONE " + written);
    }
}
