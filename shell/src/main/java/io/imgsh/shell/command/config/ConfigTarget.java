package io.imgsh.shell.command.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * How {@code config get|set|unset|show} tell the store's config from an instance's, as {@code lxc config} tells the
 * server's from an instance's: store keys always contain a dot and instance names (host name labels) never do, so a
 * first word without a dot names an instance ({@code config get KEY} and {@code config unset KEY} keep their one word).
 */
final class ConfigTarget {
    static final String RULE = "The store's keys always contain a dot and instance names never do: a first word"
            + " without a dot names an instance (for get and unset, when a key follows it).";

    private ConfigTarget() {
    }

    /** Whether {@code first} names an instance rather than a store key. */
    static boolean isInstance(String first) {
        return !first.contains(".");
    }

    static ParameterException unexpected(CommandSpec spec, String word) {
        return new ParameterException(spec.commandLine(), "Unexpected argument \"" + word + "\"");
    }

    /** {@code KEY=VALUE…}, or lxc's {@code KEY VALUE}. */
    static Map<String, String> settings(List<String> words, CommandSpec spec) {
        if (words.size() == 2 && !words.get(0).contains("=")) {
            return Map.of(words.get(0), words.get(1));
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (String word : words) {
            int eq = word.indexOf('=');
            if (eq <= 0) {
                throw new ParameterException(spec.commandLine(), "Invalid key=value configuration: " + word);
            }
            settings.put(word.substring(0, eq), word.substring(eq + 1));
        }
        return settings;
    }
}
