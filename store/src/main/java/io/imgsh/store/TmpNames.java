package io.imgsh.store;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names imgsh gives its own files in {@code tmp/}. A sweep removes nothing else there: whatever does not match
 * was not written by imgsh.
 */
final class TmpNames {
    private static final String ID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    /** {@code <ingest id>.<part index>}, with {@code -<attempt>} when the first name was taken. */
    private static final Pattern PART = Pattern.compile(ID + "\\.[01](-[12])?");
    /** {@code <random id>.intent-<fingerprint>}. */
    private static final Pattern INTENT = Pattern.compile(ID + "\\.intent-([0-9a-f]{64})");
    /** {@code download-<fingerprint>.<part index>}: a download kept for a later run to continue. */
    private static final Pattern DOWNLOAD = Pattern.compile("download-([0-9a-f]{64})\\.[01]");

    static final int PART_ATTEMPTS = 3;

    private TmpNames() {
    }

    /**
     * A random id in UUID form, for an ingest's parts and intent markers. The names only need to differ, and are
     * created exclusively; {@link UUID#randomUUID} seeds a SecureRandom, milliseconds of a one-shot import.
     */
    static String randomId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    static String part(String ingestId, int index, int attempt) {
        return ingestId + "." + index + (attempt == 0 ? "" : "-" + attempt);
    }

    static String intent(String fingerprint) {
        String name = randomId() + ".intent-" + fingerprint;
        if (!INTENT.matcher(name).matches()) {
            throw new IllegalArgumentException("not a fingerprint: " + fingerprint);
        }
        return name;
    }

    static String download(String fingerprint, int index) {
        String name = "download-" + fingerprint + "." + index;
        if (!DOWNLOAD.matcher(name).matches()) {
            throw new IllegalArgumentException("not a fingerprint: " + fingerprint);
        }
        return name;
    }

    /** The fingerprint a kept download's part names; empty for any other name. */
    static Optional<String> downloadFingerprint(String name) {
        Matcher m = DOWNLOAD.matcher(name);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    static boolean isPart(String name) {
        return PART.matcher(name).matches();
    }

    /** The fingerprint an intent marker names; empty for any other name. */
    static Optional<String> intentFingerprint(String name) {
        Matcher m = INTENT.matcher(name);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
