package io.imgsh.engine.verify;

import io.imgsh.engine.EngineException;
import io.imgsh.engine.NotFoundException;
import io.imgsh.engine.config.ConfigKey;
import io.imgsh.engine.config.ConfigService;
import io.imgsh.engine.event.Lifecycle;
import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.Progress;
import io.imgsh.engine.image.Sha256;
import io.imgsh.engine.image.StoreImages;
import io.imgsh.engine.image.UpdateSource;
import io.imgsh.engine.remote.RemoteService;
import io.imgsh.engine.remote.direct.DirectImporter;
import io.imgsh.store.ImageRecord;
import io.imgsh.store.Store;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code image verify [--repair]}: re-hashes every stored file against its image's fingerprint, streamed through a
 * fixed buffer, and compares the rows with the files of {@code images/} (missing, extra, wrong size) and the aliases
 * with the images (orphans). A repair downloads a damaged image again from its recorded source, or removes it when
 * there is none or the source no longer has it; removes files named as imgsh names its own that no image has, and
 * orphan aliases. Files imgsh did not name are reported and never touched.
 */
public final class StoreVerifier {
    static final String SCHEDULED = "verify";
    private static final int BUFFER = 1 << 20;

    private final Store store;
    private final StoreImages images;
    private final RemoteService remotes;
    private final ConfigService config;
    private final Clock clock;
    private final Lifecycle lifecycle;

    public StoreVerifier(Store store, StoreImages images, RemoteService remotes, ConfigService config, Clock clock) {
        this.store = store;
        this.images = images;
        this.remotes = remotes;
        this.config = config;
        this.clock = clock;
        this.lifecycle = new Lifecycle(clock);
    }

    /** Verifies the whole store at full speed, repairing what it can when asked. */
    public VerifyReport verify(boolean repair, Progress progress) {
        return verify(repair, Throttle.NONE, progress);
    }

    /**
     * The scheduled verification of a long-running process: when {@code images.verify_interval} hours have passed
     * since the last one (recorded in the store, so any process's run counts), verifies without repairing, reading at
     * most {@code images.verify_rate} bytes per second. Empty when none was due.
     */
    public Optional<VerifyReport> verifyIfDue() {
        long hours = config.longValue(ConfigKey.VERIFY_INTERVAL);
        Instant now = clock.instant();
        Instant last = store.read(tx -> tx.remotes().lastRun(SCHEDULED)).orElse(null);
        if (hours <= 0 || last != null && now.isBefore(last.plus(Duration.ofHours(hours)))) {
            return Optional.empty();
        }
        VerifyReport report = verify(false, new Throttle(config.longValue(ConfigKey.VERIFY_RATE)), Progress.NONE);
        store.write(tx -> {
            tx.remotes().setLastRun(SCHEDULED, now);
            return null;
        });
        return Optional.of(report);
    }

    private VerifyReport verify(boolean repair, Throttle throttle, Progress progress) {
        List<ImageRecord> rows = store.read(tx -> tx.images().all());
        long total = rows.stream().mapToLong(ImageRecord::size).sum();
        long[] hashed = {0};
        List<Finding> findings = new ArrayList<>();
        Set<String> expected = new HashSet<>();
        for (ImageRecord row : rows) {
            store.files(row).forEach(file -> expected.add(file.getFileName().toString()));
            check(row, throttle, hashed, total, progress)
                    .filter(f -> images.exists(row.fingerprint())) // not an image deleted meanwhile
                    .map(f -> repair ? restore(f, row) : f)
                    .ifPresent(findings::add);
        }
        for (String entry : store.imageEntries()) {
            if (!expected.contains(entry)) {
                findings.add(extra(entry, repair));
            }
        }
        for (String alias : store.read(tx -> tx.aliases().orphans())) {
            Finding f = new Finding(Finding.Kind.ORPHAN_ALIAS, alias, "its image is not in the store", null, false);
            findings.add(repair ? deleteOrphan(f) : f);
        }
        return new VerifyReport(rows.size(), hashed[0], findings);
    }

    /** What is wrong with the image's files, if anything: missing, the wrong size, or not hashing to it. */
    private Optional<Finding> check(ImageRecord row, Throttle throttle, long[] hashed, long total,
                                    Progress progress) {
        String fp = row.fingerprint();
        List<Path> files = store.files(row);
        long size = 0;
        for (Path file : files) {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.of(new Finding(Finding.Kind.MISSING, fp, "images/" + file.getFileName()
                        + " is not there", null, false));
            }
            size += sizeOf(file);
        }
        if (size != row.size()) {
            return Optional.of(new Finding(Finding.Kind.WRONG_SIZE, fp, "its files hold " + size
                    + " bytes, the store recorded " + row.size(), null, false));
        }
        MessageDigest digest = Sha256.digest();
        ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER); // measured: hashes faster than a heap buffer
        for (Path file : files) {
            try (FileChannel channel = FileChannel.open(file)) {
                for (int n; (n = channel.read(buffer.clear())) >= 0; ) {
                    digest.update(buffer.flip());
                    hashed[0] += n;
                    progress.update(hashed[0], total);
                    throttle.pace(n);
                }
            } catch (IOException e) {
                if (Progress.interrupted(e)) {
                    throw new EngineException("Verification interrupted", e);
                }
                return Optional.of(new Finding(Finding.Kind.DAMAGED, fp, "images/" + file.getFileName()
                        + " cannot be read: " + e.getMessage(), null, false));
            }
        }
        String got = Sha256.hex(digest);
        return got.equals(fp) ? Optional.empty() : Optional.of(new Finding(Finding.Kind.DAMAGED, fp,
                "its files hash to " + got, null, false));
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * Downloads the image again from its recorded source; removes it when it has no source it can be downloaded from
     * again, or the source no longer has it. A source that cannot be reached now leaves the image for another try.
     */
    private Finding restore(Finding finding, ImageRecord row) {
        Image image = images.get(row.fingerprint());
        UpdateSource src = image.updateSource();
        if (src == null || src.protocol().equals(DirectImporter.PROTOCOL)) {
            return remove(finding, "no recorded source to download it from again");
        }
        try {
            var source = remotes.imagesAt(src.server(), src.protocol(), src.certificate());
            Image there;
            try {
                there = source.byFingerprint(image.fingerprint());
            } catch (NotFoundException e) {
                return remove(finding, src.server() + " no longer has it");
            }
            images.restoreFiles(source, there, Progress.NONE);
            return finding.repaired("downloaded again from " + src.server());
        } catch (EngineException e) {
            return finding.notRepaired("not repaired, kept for another try: " + e.getMessage());
        }
    }

    private Finding remove(Finding finding, String why) {
        images.delete(finding.subject());
        return finding.repaired("removed (" + why + ")");
    }

    /**
     * A file no image has: removed when imgsh's naming says imgsh wrote it (and, under the write lock, still no image
     * has it); anything else is left where it is.
     */
    private Finding extra(String entry, boolean repair) {
        if (store.imageFileFingerprint(entry).isEmpty()) {
            return new Finding(Finding.Kind.FOREIGN, entry, "not named as imgsh names its files",
                    "left alone: imgsh removes only files it wrote", false);
        }
        Finding f = new Finding(Finding.Kind.EXTRA, entry, "no image in the store has it", null, false);
        if (!repair) {
            return f;
        }
        boolean removed = store.write(tx -> store.deleteUnclaimedFile(tx, entry));
        return removed ? f.repaired("removed") : f.notRepaired("not removed: an image claimed it meanwhile");
    }

    private Finding deleteOrphan(Finding f) {
        store.write(tx -> {
            tx.aliases().deleteOrphan(f.subject());
            lifecycle.aliasDeleted(tx, f.subject());
            return null;
        });
        return f.repaired("removed");
    }
}
