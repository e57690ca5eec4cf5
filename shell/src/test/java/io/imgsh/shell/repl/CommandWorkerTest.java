package io.imgsh.shell.repl;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.shell.command.Outcome;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Commands run on one worker thread that Ctrl-C (the terminal's INT signal) interrupts, and only while they run. */
class CommandWorkerTest {
    private Terminal terminal;
    private CommandWorker worker;

    @BeforeEach
    void open() throws IOException {
        terminal = new DumbTerminal("t", "dumb", new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(),
                StandardCharsets.UTF_8);
        worker = new CommandWorker();
    }

    @AfterEach
    void close() throws IOException {
        worker.close();
        terminal.close();
    }

    @Test
    void everyCommandRunsOnTheSameWorkerThread() {
        AtomicReference<Thread> first = new AtomicReference<>();
        AtomicReference<Thread> second = new AtomicReference<>();
        worker.run(terminal, () -> {
            first.set(Thread.currentThread());
            return Outcome.ok();
        });
        CommandWorker.Result r = worker.run(terminal, () -> {
            second.set(Thread.currentThread());
            return new Outcome(Outcome.USAGE, "bad");
        });
        assertThat(first.get()).isSameAs(second.get()).isNotSameAs(Thread.currentThread());
        assertThat(first.get().getName()).isEqualTo("imgsh-command");
        assertThat(r).isEqualTo(new CommandWorker.Result(new Outcome(Outcome.USAGE, "bad"), false));
    }

    @Test
    void ctrlCInterruptsTheRunningCommandAndTheWaitEndsWhenItHasFinished() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicInteger cleanedUp = new AtomicInteger();
        Thread ctrlC = new Thread(() -> {
            try {
                started.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return;
            }
            terminal.raise(Terminal.Signal.INT);
        });
        ctrlC.start();
        CommandWorker.Result r = worker.run(terminal, () -> {
            started.countDown();
            try {
                Thread.sleep(60_000);
                return Outcome.ok();
            } catch (InterruptedException e) {
                // cleaning up takes a while; the prompt must wait for it
                long until = System.nanoTime() + 200_000_000L;
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
                cleanedUp.incrementAndGet();
                return new Outcome(Outcome.FAILURE, "Import interrupted");
            }
        });
        assertThat(cleanedUp).hasValue(1);
        assertThat(r.interrupted()).isTrue();
        assertThat(r.outcome().failed()).isTrue();
        ctrlC.join();
    }

    @Test
    void theSignalHandlerIsOnlyTheWorkersWhileACommandRuns() {
        AtomicInteger outside = new AtomicInteger();
        Terminal.SignalHandler outsideHandler = sig -> outside.incrementAndGet();
        terminal.handle(Terminal.Signal.INT, outsideHandler);
        AtomicReference<Terminal.SignalHandler> during = new AtomicReference<>();
        worker.run(terminal, () -> {
            during.set(terminal.handle(Terminal.Signal.INT, Terminal.SignalHandler.SIG_IGN));
            terminal.handle(Terminal.Signal.INT, during.get());
            return Outcome.ok();
        });
        assertThat(during.get()).as("the worker's own handler while the command ran").isNotNull()
                .isNotSameAs(outsideHandler);
        terminal.raise(Terminal.Signal.INT);
        assertThat(outside).as("the handler from before is back").hasValue(1);
    }

    @Test
    void anInterruptBetweenCommandsIsForgotten() {
        worker.interrupt();
        CommandWorker.Result r = worker.run(terminal, () -> {
            try {
                Thread.sleep(20);
                return Outcome.ok();
            } catch (InterruptedException e) {
                return new Outcome(Outcome.FAILURE, "interrupted");
            }
        });
        assertThat(r).isEqualTo(new CommandWorker.Result(Outcome.ok(), false));
    }

    @Test
    void whatACommandThrowsBecomesAFailureWithItsMessage() {
        CommandWorker.Result r = worker.run(terminal, () -> {
            throw new StackOverflowError("too deep");
        });
        assertThat(r.outcome()).isEqualTo(new Outcome(Outcome.FAILURE, "too deep"));
    }
}
