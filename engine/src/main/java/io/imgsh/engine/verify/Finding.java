package io.imgsh.engine.verify;

/**
 * One thing a verification found wrong with the store, and what became of it.
 *
 * @param subject the image's fingerprint, the file's name in {@code images/}, or the alias's name
 * @param outcome what a repair did about it; null when nothing was done (no repair asked, or none possible)
 * @param fixed   whether the store is right again in this respect
 */
public record Finding(Kind kind, String subject, String detail, String outcome, boolean fixed) {
    /** What is wrong. */
    public enum Kind {
        /** An image's files do not hash to its fingerprint. */
        DAMAGED("damaged"),
        /** A file of an image is not there. */
        MISSING("missing file"),
        /** An image's files do not add up to the size its row records. */
        WRONG_SIZE("wrong size"),
        /** A file named as imgsh names its files that no image has. */
        EXTRA("extra file"),
        /** An entry of {@code images/} that imgsh did not name: reported, never removed. */
        FOREIGN("foreign file"),
        /** An alias whose image has no row. */
        ORPHAN_ALIAS("orphan alias");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    Finding repaired(String what) {
        return new Finding(kind, subject, detail, what, true);
    }

    Finding notRepaired(String why) {
        return new Finding(kind, subject, detail, why, false);
    }

    /** Whether the store is still wrong here: a foreign file is not the store's to judge, only to report. */
    public boolean problem() {
        return !fixed && kind != Kind.FOREIGN;
    }
}
