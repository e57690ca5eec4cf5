package io.imgsh.shell;

import io.imgsh.engine.Engine;
import io.imgsh.shell.command.CommandRunner;
import io.imgsh.shell.command.ImgshCommand;
import io.imgsh.shell.command.Outcome;
import io.imgsh.shell.mode.Modes;
import io.imgsh.shell.session.Session;
import io.imgsh.shell.session.Terminals;
import io.imgsh.shell.ssh.SshConsole;
import io.imgsh.shell.ssh.SshSettings;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The {@code imgsh} program. Only {@link #main} exits; {@link #run} returns the status, for tests. */
public final class Imgsh {
    private static final int STOP_GRACE_SECONDS = 5;

    private final Map<String, String> env;
    private final Clock clock;
    private final boolean stdinTerminal;
    private volatile Session session;
    /** Set when the JVM runs its shutdown hooks, told to stop by a signal while a command ran. */
    private volatile boolean stopped;

    public Imgsh(Map<String, String> env, Clock clock, boolean stdinTerminal) {
        this.env = env;
        this.clock = clock;
        this.stdinTerminal = stdinTerminal;
    }

    public static void main(String[] args) {
        spareClassPathSearches();
        // Loading SQLite's native library took a one-shot command a tenth of its time; the second core does it while
        // the command line is parsed (image list 248 -> 231 ms median, interleaved runs on a busy machine). Help and
        // the version open no store, and would only share the cores with it (--version 186 -> 207 ms).
        if (!onlyHelpOrVersion(args)) {
            Thread preload = new Thread(Engine::preload, "imgsh-preload");
            preload.setDaemon(true);
            preload.start();
        }
        Imgsh imgsh = new Imgsh(System.getenv(), Clock.systemUTC(), Terminals.isTerminal(Terminals.STDIN));
        CountDownLatch finished = new CountDownLatch(1);
        Thread main = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> imgsh.stopCleanly(main, finished), "imgsh-stop"));
        int status = imgsh.run(System.in, System.out, System.err, args);
        finished.countDown();
        imgsh.end(status);
    }

    /** Ends the JVM with {@code status}, once the command has run. */
    private void end(int status) {
        if (stopped || NativeLibraries.mayHaveTemporaryCopies()) {
            // while a signal's hooks run, exit() waits for them and the JVM ends with the signal's status (143 for
            // SIGTERM); otherwise it runs them, which delete the temporary copies of native libraries
            System.exit(status);
        }
        // From JDK 21 on, exit() first asks for a System.Logger to log the exit with, which makes the JDK search every
        // jar for a logging service (about 20 ms). Halting skips the shutdown hooks, which have nothing left to do:
        // the session has closed its terminal and its store, and no signal has started them.
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(status);
    }

    /**
     * Looking for a class or resource that no jar has, or for a service, which any jar may offer, makes the JVM open
     * every jar of the class path: the 42 of the manifest's Class-Path, about 25 ms, a sixth of a one-shot command.
     * Two libraries do it on their way: picocli looks for Groovy, and SLF4J, which SQLite's driver logs through, for
     * its provider. They are told what there is instead, unless the user set it otherwise.
     */
    private static void spareClassPathSearches() {
        setIfAbsent("slf4j.provider", "org.slf4j.simple.SimpleServiceProvider");
        setIfAbsent("slf4j.internal.verbosity", "WARN"); // else SLF4J reports the named provider on standard error
        setIfAbsent("picocli.disable.closures", "true");
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    /** Whether {@code args} ask only for help or the version, by their words (a guess: it only saves time). */
    private static boolean onlyHelpOrVersion(String[] args) {
        for (String arg : args) {
            switch (arg) {
                case "-h", "--help", "-V", "--version" -> {
                    return true;
                }
                case "--" -> {
                    return false;
                }
                default -> {
                }
            }
        }
        return args.length > 0 && args[0].equals("help");
    }

    /**
     * When the JVM is told to stop while a command runs (Ctrl-C or SIGTERM during a one-shot import or export; the
     * prompt handles Ctrl-C itself), interrupts the command and gives it a few seconds to clean up (temporary and
     * partial files) and report, before the JVM exits.
     */
    private void stopCleanly(Thread main, CountDownLatch finished) {
        stopped = true;
        if (finished.getCount() == 0) {
            return;
        }
        Session running = session;
        if (running != null) {
            running.stop();
        }
        main.interrupt();
        try {
            finished.await(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs one invocation of imgsh with these streams and arguments; returns 0, 1 (failure) or 2 (usage). */
    public int run(InputStream in, PrintStream out, PrintStream err, String... args) {
        try (Session session = new Session(in, out, err, env, clock, stdinTerminal)) {
            this.session = session;
            session.useConsoles((engine, daemonEnv, address) -> SshConsole.start(engine,
                    SshSettings.of(engine, daemonEnv, address), daemonEnv, Imgsh::run));
            return run(session, args);
        } catch (RuntimeException e) { // closing the store failed
            err.println("Error: " + e.getMessage());
            return Outcome.FAILURE;
        }
    }

    /**
     * Runs one invocation of imgsh in {@code session} (this process's, or an SSH channel's) as {@code imgsh ARGS…}
     * runs: the command, the script or the prompt; the failure on its standard error. Returns 0, 1 or 2.
     */
    public static int run(Session session, String... args) {
        PrintStream out = session.out();
        PrintStream err = session.err();
        try {
            CommandRunner runner = CommandRunner.forArgs(session, new ImgshCommand(session), args);
            runner.commandLine().setExecutionStrategy(new Modes(session));
            Outcome outcome = runner.run(args);
            if (outcome.error() != null) {
                err.println(errorPrefix(session) + outcome.error());
            }
            if (outcome.usage() != null) {
                err.println(outcome.usage());
            }
            out.flush();
            if (out.checkError() && !outcome.failed()) {
                // the stream swallowed the failure (a full disk, a closed pipe): the output is cut short
                err.println(errorPrefix(session) + "cannot write to standard output");
                return Outcome.FAILURE;
            }
            return outcome.status();
        } catch (RuntimeException e) {
            err.println("Error: " + e.getMessage());
            return Outcome.FAILURE;
        }
    }

    private static String errorPrefix(Session session) {
        return session.color() ? "\u001b[31mError:\u001b[0m " : "Error: ";
    }
}
