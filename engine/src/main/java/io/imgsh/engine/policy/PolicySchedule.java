package io.imgsh.engine.policy;

import io.imgsh.engine.mirror.MirrorReport;
import io.imgsh.engine.remote.CopyService;
import io.imgsh.engine.verify.Finding;
import io.imgsh.engine.verify.StoreVerifier;
import io.imgsh.engine.verify.VerifyReport;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The caching policy on its schedule inside a long-running process ({@code imgsh serve}), as LXD's daemon runs it:
 * expired cached images are pruned daily and images with {@code auto_update} refreshed every
 * {@code images.auto_update_interval} hours (auto-update mirrors with them), and the store's files verified every
 * {@code images.verify_interval} hours at no more than {@code images.verify_rate}. When a run is due is the
 * services' decision, from the last runs recorded in the store, so a run made by the prompt or {@code policy run} in
 * another process counts too; this only looks every {@code checkEvery} whether one is due, runs it and logs what it
 * did. Closing stops the schedule and interrupts a run in progress.
 */
public final class PolicySchedule implements AutoCloseable {
    /** How often a long-running process looks whether a run is due: the schedule's resolution. */
    public static final Duration CHECK_EVERY = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(PolicySchedule.class);
    private static final long STOP_SECONDS = 30;

    private final ScheduledExecutorService executor;
    private volatile boolean closed;

    private PolicySchedule(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    /**
     * Starts looking every {@code checkEvery}, the first time now, and running the policy and the verification when
     * they are due.
     */
    public static PolicySchedule start(PolicyService policy, StoreVerifier verifier, Duration checkEvery) {
        return start(policy, verifier, checkEvery, report -> { });
    }

    /** As above; {@code afterRun} gets the report of every policy run made. */
    static PolicySchedule start(PolicyService policy, StoreVerifier verifier, Duration checkEvery,
                                Consumer<PolicyService.Report> afterRun) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "imgsh-policy");
            thread.setDaemon(true);
            return thread;
        });
        PolicySchedule schedule = new PolicySchedule(executor);
        executor.scheduleWithFixedDelay(() -> {
            schedule.runIfDue(policy, afterRun);
            schedule.verifyIfDue(verifier);
        }, 0, checkEvery.toMillis(), TimeUnit.MILLISECONDS);
        return schedule;
    }

    private void runIfDue(PolicyService policy, Consumer<PolicyService.Report> afterRun) {
        // anything thrown here would end the schedule: a failed run is logged and the next one tried as due
        try {
            if (!policy.overdue()) {
                return;
            }
            PolicyService.Report report = policy.run(false);
            LOG.info("Image policy run: {}", summary(report));
            report.failures().forEach(f -> LOG.warn("Image policy: failed to update {}", f));
            afterRun.accept(report);
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.warn("Image policy run failed: {}", e.getMessage());
            }
        }
    }

    private void verifyIfDue(StoreVerifier verifier) {
        try {
            verifier.verifyIfDue().ifPresent(report -> {
                LOG.info("Store verification: {}", summary(report));
                report.findings().forEach(f -> LOG.warn("Store verification: {}", line(f)));
            });
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.warn("Store verification failed: {}", e.getMessage());
            }
        }
    }

    /** What a verification found, in one line. */
    static String summary(VerifyReport report) {
        return report.images() + " image(s), " + report.bytesHashed() + " bytes hashed, "
                + (report.findings().isEmpty() ? "no problems" : report.findings().size() + " finding(s) (run 'image"
                + " verify --repair' to repair them)");
    }

    private static String line(Finding f) {
        return f.kind().label() + " " + f.subject() + ": " + f.detail()
                + (f.outcome() == null ? "" : "; " + f.outcome());
    }

    /** What a run did, in one line: the images pruned and updated (short fingerprints) and how many failed. */
    static String summary(PolicyService.Report report) {
        List<String> pruned = report.pruned().stream().map(PolicySchedule::shortFingerprint).toList();
        List<String> updated = report.updated().stream().map(PolicySchedule::updated).toList();
        return "pruned " + pruned.size() + " expired image(s)" + (pruned.isEmpty() ? "" : " " + pruned)
                + ", updated " + updated.size() + (updated.isEmpty() ? "" : " " + updated)
                + report.mirrored().stream().map(PolicySchedule::mirrored).reduce("", String::concat)
                + (report.failures().isEmpty() ? "" : ", " + report.failures().size() + " failed");
    }

    private static String mirrored(MirrorReport m) {
        return ", mirrored " + m.remote() + " (" + m.added().size() + " added, " + m.kept().size() + " kept, "
                + m.removed().size() + " removed)";
    }

    private static String updated(CopyService.RefreshResult r) {
        return shortFingerprint(r.oldFingerprint()) + " -> " + shortFingerprint(r.fingerprint());
    }

    private static String shortFingerprint(String fingerprint) {
        return fingerprint.substring(0, Math.min(12, fingerprint.length()));
    }

    /** Whether the schedule has stopped for good: nothing runs any more. */
    boolean stopped() {
        return executor.isTerminated();
    }

    /** Stops the schedule; a run in progress is interrupted (its download cleans up) and waited for, within bounds. */
    @Override
    public void close() {
        closed = true;
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(STOP_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("The image policy run did not stop within {} s", STOP_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
