package io.imgsh.shell.view;

import io.imgsh.engine.EngineException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jline.terminal.Terminal;

/** How commands open full-screen views on the session's JLine terminal. */
public final class Views {
    private Views() {
    }

    /** Whether full-screen views can run on {@code terminal}: not a dumb one ({@code TERM=dumb} or unknown). */
    public static boolean supports(Terminal terminal) {
        return JLineLanternaTerminal.supports(terminal);
    }

    /**
     * The terminal that {@code command} shows its view on: the session's, when there is one (standard input and
     * output) and it {@link #supports} full-screen views; else a one-line error that points to {@code instead}.
     */
    public static Terminal fullScreen(Optional<Terminal> terminal, String command, String instead) {
        Terminal found = terminal.orElseThrow(() -> new EngineException(command + " needs an interactive terminal"
                + " (standard input and output); use " + instead + " instead"));
        if (!supports(found)) {
            throw new EngineException(command + " needs a terminal that can show full-screen views (TERM is "
                    + found.getType() + "); use " + instead + " instead");
        }
        return found;
    }

    /**
     * Runs {@code view} full-screen on {@code terminal} and gives the terminal back as it was: attributes, signal
     * handlers, and the screen (the alternate screen is left, so the shell's lines and prompt come back).
     */
    public static void run(Terminal terminal, Consumer<FullScreen> view) {
        call(terminal, screen -> {
            view.accept(screen);
            return null;
        });
    }

    /** {@link #run}, returning what {@code view} returns once the terminal is given back. */
    public static <T> T call(Terminal terminal, Function<FullScreen, T> view) {
        try (JLineLanternaTerminal lanterna = JLineLanternaTerminal.open(terminal)) {
            try (FullScreen screen = FullScreen.start(lanterna)) {
                return view.apply(screen);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
