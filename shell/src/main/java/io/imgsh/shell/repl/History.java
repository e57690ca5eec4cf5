package io.imgsh.shell.repl;

import io.imgsh.engine.XdgDirs;
import io.imgsh.engine.config.ConfigKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jline.reader.impl.history.DefaultHistory;

/**
 * The prompt's history: JLine's, kept in {@code $XDG_STATE_HOME/imgsh/history} (default
 * {@code ~/.local/state/imgsh/history}, readable by the user only), with secrets cut out before a line is
 * recorded, in memory or on disk: the words after {@code --password} (or {@code --password=}), and the value of
 * {@code config set core.trust_password}, are never kept.
 */
public final class History extends DefaultHistory {
    /** Options whose value (and everything after it on the line) is never recorded. */
    static final List<String> SECRET_OPTIONS = List.of("--password");

    private static final Pattern SECRET = Pattern.compile("(?:^|(?<=\\s))['\"]?(?:"
            + String.join("|", SECRET_OPTIONS.stream().map(Pattern::quote).toList()) + ")(?==|\\s|['\"]|$)");

    /** {@code config set} of a key whose value is a secret: the line is cut after the key. */
    private static final Pattern SECRET_SETTING = Pattern.compile("(?:^|(?<=\\s))config\\s+set\\s+(['\"]?)"
            + Pattern.quote(ConfigKey.TRUST_PASSWORD.key()) + "\\1(?=\\s|$)");

    @Override
    public void add(Instant time, String line) {
        super.add(time, redact(line));
    }

    /**
     * {@code line} cut after the first secret option (and its {@code =}) or secret setting's key: the value and the
     * rest are dropped.
     */
    public static String redact(String line) {
        int cut = line.length();
        Matcher option = SECRET.matcher(line);
        if (option.find()) {
            cut = option.end();
            if (cut < line.length() && line.charAt(cut) == '=') {
                cut++;
            }
        }
        Matcher setting = SECRET_SETTING.matcher(line);
        if (setting.find() && setting.start() < cut) {
            cut = setting.end();
        }
        return line.substring(0, cut);
    }

    /** Where the history lives for this environment: {@code $XDG_STATE_HOME/imgsh/history}, else under HOME. */
    public static Path file(Map<String, String> env) {
        return XdgDirs.state(env).resolve("history");
    }

    /**
     * {@code file}, created (with its directory) readable and writable by the user only if it does not exist;
     * empty when it cannot be, so that the prompt keeps its history in memory rather than failing.
     */
    static Optional<Path> prepare(Path file) {
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                Files.createFile(file,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            return Files.isWritable(file) ? Optional.of(file) : Optional.empty();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
    }
}
