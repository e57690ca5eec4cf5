package io.imgsh.shell.completion;

import io.imgsh.engine.image.Image;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The short descriptions candidates carry. */
final class Descriptions {
    private static final int WIDTH = 48;
    private static final Pattern CLAUSE_END = Pattern.compile("[;:] | \\(");

    private Descriptions() {
    }

    /** An image's description property, else its architecture. */
    static String summary(Image image) {
        String description = image.properties().getOrDefault("description", "");
        return description.isEmpty() ? image.architecture() : description;
    }

    static String of(CommandSpec command) {
        String[] description = command.usageMessage().description();
        return description.length == 0 ? null : shorten(description[0]);
    }

    static String of(OptionSpec option) {
        String[] description = option.description();
        if (description.length == 0) {
            return null;
        }
        String text = description[0].replace("${DEFAULT-VALUE}", String.valueOf(option.defaultValue()))
                .replace("$${", "${");
        return shorten(text);
    }

    /**
     * The first clause of the first line (up to a {@code ;}, {@code :} or parenthesis), cut to a width that keeps
     * the candidate list readable.
     */
    static String shorten(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        Matcher clause = CLAUSE_END.matcher(line);
        if (clause.find() && clause.start() > 0) {
            line = line.substring(0, clause.start());
        }
        return line.length() <= WIDTH ? line : line.substring(0, WIDTH - 1) + "…";
    }
}
