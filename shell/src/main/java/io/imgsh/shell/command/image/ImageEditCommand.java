package io.imgsh.shell.command.image;

import io.imgsh.engine.ConflictException;
import io.imgsh.engine.EngineException;
import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.ImagePut;
import io.imgsh.engine.image.ImagePutYaml;
import io.imgsh.engine.image.ImageRef;
import io.imgsh.engine.image.ImageSnapshot;
import io.imgsh.engine.image.Images;
import io.imgsh.shell.command.common.Remotes;
import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
import io.imgsh.shell.render.YamlWriter;
import io.imgsh.shell.session.Session;
import io.imgsh.shell.session.UserInput;
import io.imgsh.shell.view.EditorView;
import io.imgsh.shell.view.Views;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jline.terminal.Terminal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Replaces an image's writable fields with YAML, wherever the image is (the store, a trusted lxd remote): from standard input when it
 * is not a terminal; in a terminal, in the full-screen editor ({@link EditorView}: validated inline, saved only if the image did not change meanwhile);
 * with {@code --editor} (or when full-screen views cannot run) in {@code $VISUAL}/{@code $EDITOR}, reopening the
 * editor after an error until the YAML is valid or the user gives up.
 */
@Command(name = "edit", description = "Edit an image's writable fields as YAML: full-screen in a terminal, in "
        + "$VISUAL/$EDITOR with --editor, from stdin when it is not a terminal")
public final class ImageEditCommand implements Runnable {
    private static final String HEADER = """
            ### This is a YAML representation of the image properties.
            ### Any line starting with a '# will be ignored.
            ###
            ### Each property is represented by a single line:
            ### An example would be:
            ###  description: My custom image

            """;

    private final Session session;

    @Completes(Kind.IMAGE)
    @Parameters(paramLabel = "[remote:]IMAGE")
    String image;

    @Option(names = "--editor", description = "Edit in $VISUAL/$EDITOR instead of the full-screen editor")
    boolean externalEditor;

    ImageEditCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        ImageRef ref = Remotes.parse(session, image);
        Images images = Remotes.images(session, ref.remote());
        images.requireWritable();
        String fingerprint = images.resolve(ref.name()).fingerprint();
        try {
            if (!session.stdinIsTerminal()) {
                images.update(fingerprint, ImagePutYaml.parse(readStdin()), null); // as lxc: no ETag for stdin
                return;
            }
            if (fullScreen(images, fingerprint)) {
                return;
            }
            if (session.isRemote()) {
                // $VISUAL/$EDITOR would run on the daemon's own terminal, not the SSH client's
                throw new EngineException("Over SSH, image edit runs only full-screen (TERM must not be dumb) or"
                        + " reads YAML from standard input: ssh ... image edit " + image + " < image.yaml");
            }
            ImageSnapshot current = images.snapshot(fingerprint);
            editInteractively(current.image(), put -> images.update(fingerprint, put, current.etag()));
        } catch (IOException e) {
            throw new EngineException("Cannot edit: " + e.getMessage(), e);
        }
    }

    /** Runs the full-screen editor when the terminal can show it and {@code --editor} was not given. */
    private boolean fullScreen(Images images, String fingerprint) {
        Optional<Terminal> terminal = externalEditor ? Optional.empty() : session.terminal().filter(Views::supports);
        terminal.ifPresent(t -> Views.run(t, screen -> new EditorView(screen, images, fingerprint, saved -> { })
                .run()));
        return terminal.isPresent();
    }

    private String readStdin() throws IOException {
        return new String(session.in().readAllBytes(), StandardCharsets.UTF_8);
    }

    private void editInteractively(Image current, Consumer<ImagePut> save) throws IOException {
        Path file = Files.createTempFile("imgsh_editor_", ".yaml");
        try {
            Files.writeString(file, HEADER + YamlWriter.write(current.writable()));
            while (true) {
                runEditor(file);
                String edited = Files.readAllLines(file).stream()
                        .filter(l -> !l.startsWith("#"))
                        .collect(Collectors.joining("\n"));
                try {
                    save.accept(ImagePutYaml.parse(edited));
                    return;
                } catch (ConflictException e) {
                    throw e; // the image changed meanwhile: editing this copy again cannot succeed
                } catch (EngineException e) {
                    session.err().println("Config parsing error: " + e.getMessage());
                    session.err().println("Press enter to open the editor again or ctrl+c to abort change");
                    try {
                        UserInput.line(session, "", false); // Enter; Ctrl-C or the end of input give up
                    } catch (EngineException aborted) {
                        throw new EngineException("Edit aborted: " + e.getMessage());
                    }
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private void runEditor(Path file) throws IOException {
        String editor = session.env().getOrDefault("VISUAL", session.env().getOrDefault("EDITOR", "vi"));
        Process process = new ProcessBuilder("sh", "-c", editor + " \"$1\"", "editor", file.toString())
                .inheritIO().start();
        try {
            int status = process.waitFor();
            if (status != 0) {
                throw new EngineException("The editor (" + editor + ") exited with status " + status);
            }
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new EngineException("Edit interrupted");
        }
    }
}
