package io.imgsh.engine.instance;

import io.imgsh.engine.InvalidInputException;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/** LXD's rules for instance names (a host name label), and the names it makes up when none is given. */
final class InstanceNames {
    private static final Pattern VALID = Pattern.compile("[a-zA-Z]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?");
    private static final String[] ADJECTIVES = {"able", "bold", "brave", "calm", "clever", "eager", "fair", "fancy",
            "gentle", "happy", "jolly", "keen", "lucky", "merry", "noble", "proud", "quick", "sunny", "tidy", "witty"};
    private static final String[] NOUNS = {"badger", "bison", "crane", "dingo", "eagle", "ferret", "gecko", "heron",
            "ibis", "koala", "lemur", "lynx", "marten", "newt", "otter", "panda", "quail", "raven", "seal", "tapir"};

    private InstanceNames() {
    }

    static boolean isValid(String name) {
        return VALID.matcher(name).matches();
    }

    static void check(String name) {
        if (!isValid(name)) {
            throw new InvalidInputException("Invalid instance name \"" + name + "\": names are 1 to 63 letters, digits"
                    + " and hyphens, start with a letter and do not end with a hyphen");
        }
    }

    /** LXD's rule for snapshot names: not empty, no slash, not {@code .} or {@code ..}. */
    static void checkSnapshot(String name) {
        if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..") || name.length() > 255) {
            throw new InvalidInputException("Invalid snapshot name \"" + name + "\"");
        }
    }

    /** An adjective-noun name that none of {@code taken} has. */
    static String generate(Set<String> taken) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (true) {
            String name = ADJECTIVES[random.nextInt(ADJECTIVES.length)] + "-" + NOUNS[random.nextInt(NOUNS.length)];
            if (!taken.contains(name)) {
                return name;
            }
            if (taken.size() >= ADJECTIVES.length * NOUNS.length) {
                return name + "-" + random.nextInt(1000, 10000);
            }
        }
    }
}
