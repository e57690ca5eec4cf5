package io.imgsh.shell.command.image;

import io.imgsh.engine.EngineException;
import io.imgsh.engine.image.ImageRef;
import io.imgsh.engine.image.ImportRequest;
import io.imgsh.engine.image.ImportResult;
import io.imgsh.engine.remote.direct.DirectImportRequest;
import io.imgsh.engine.remote.direct.DirectImporter;
import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
import io.imgsh.shell.progress.ProgressDisplay;
import io.imgsh.shell.session.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "import", description = "Import an image tarball (unified), a metadata tarball and rootfs (split), an image"
        + " directory (metadata.yaml, rootfs/, templates/; packed as a unified tar.xz), or a unified image from an"
        + " https:// URL (hosts listed in images.direct_allowed_hosts)")
public final class ImageImportCommand implements Runnable {
    private final Session session;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Completes(Kind.IMPORT_ARG)
    @Parameters(arity = "1..*", paramLabel = "ARG",
            description = "<tarball> [<rootfs>] | <directory> | <https://url> [<remote>:] [key=value]...")
    List<String> args;

    @Completes(Kind.TEXT)
    @Option(names = "--alias", paramLabel = "ALIAS", description = "New alias for the image (repeatable)")
    List<String> aliases = new ArrayList<>();

    @Option(names = "--public", description = "Make the image public")
    boolean isPublic;

    ImageImportCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        List<Path> files = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        Map<String, String> properties = new LinkedHashMap<>();
        String target = session.defaultRemote();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (DirectImporter.isUrl(arg)) {
                urls.add(arg);
            } else if (eq > 0 && !Files.exists(Path.of(arg))) {
                properties.put(arg.substring(0, eq), arg.substring(eq + 1));
            } else if (ImageRef.target(arg).isPresent()) {
                target = ImageRef.target(arg).get();
            } else {
                files.add(Path.of(arg));
            }
        }
        session.engine().remotes().get(target);
        if (!target.equals(ImageRef.LOCAL)) {
            throw new EngineException("Importing into remote \"" + target + "\" is not supported; import into local:"
                    + " and copy the image there");
        }
        if (!urls.isEmpty()) {
            if (urls.size() > 1 || !files.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "Expected one https:// URL and no files when importing from a URL");
            }
            importUrl(urls.get(0), properties);
            return;
        }
        if (files.isEmpty() || files.size() > 2) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Expected an image tarball, optionally followed by a rootfs file; got " + files.size() + " files");
        }
        ImportResult result;
        try (ProgressDisplay progress = ProgressDisplay.forCommand(session, "Importing image")) {
            result = session.engine().images().importImage(new ImportRequest(files.get(0),
                    files.size() == 2 ? files.get(1) : null, aliases, isPublic, properties), progress);
        }
        report(result);
    }

    /** {@code image import https://…}: the direct protocol, with the engine's https and allow-list rules. */
    private void importUrl(String url, Map<String, String> properties) {
        ImportResult result;
        try (ProgressDisplay progress = ProgressDisplay.forCommand(session, "Importing image")) {
            result = session.engine().direct().importUrl(new DirectImportRequest(url, aliases, isPublic, properties),
                    progress);
        }
        report(result);
    }

    /**
     * Standard output is lxc's one line, which scripts read the fingerprint from; that an alias left another image
     * (lxc says nothing of it) is told on standard error.
     */
    private void report(ImportResult result) {
        session.out().println("Image imported with fingerprint: " + result.fingerprint());
        if (!session.quiet()) {
            for (ImportResult.MovedAlias moved : result.movedAliases()) {
                session.err().println("Alias \"" + moved.name() + "\" moved from image "
                        + moved.previousFingerprint().substring(0, 12));
            }
        }
    }
}
