package io.imgsh.shell.completion;

import io.imgsh.engine.image.AliasEntry;
import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.ImageRef;
import io.imgsh.shell.session.Session;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link CompletionSource} over the session's engine, for one completion. A store that cannot be opened or read
 * yields no candidates rather than an error: completing must never break the line being typed.
 */
public final class EngineCompletionSource implements CompletionSource {
    private final Session session;
    private List<String> remotes;
    private List<String> writableRemotes;
    private String defaultRemote;
    private List<Image> images;
    private List<AliasEntry> aliases;
    private List<String> instances;

    public EngineCompletionSource(Session session) {
        this.session = session;
    }

    @Override
    public List<String> remotes() {
        if (remotes == null) {
            remotes = RemoteNames.all(session);
        }
        return remotes;
    }

    @Override
    public List<String> writableRemotes() {
        if (writableRemotes == null) {
            writableRemotes = RemoteNames.writable(session);
        }
        return writableRemotes;
    }

    @Override
    public String defaultRemote() {
        if (defaultRemote == null) {
            defaultRemote = RemoteNames.defaultRemote(session);
        }
        return defaultRemote;
    }

    @Override
    public List<Image> images() {
        if (images == null) {
            try {
                images = session.engine().images().list();
            } catch (RuntimeException e) {
                images = List.of();
            }
        }
        return images;
    }

    @Override
    public List<AliasEntry> aliases() {
        if (aliases == null) {
            try {
                aliases = session.engine().images().aliases(List.of());
            } catch (RuntimeException e) {
                aliases = List.of();
            }
        }
        return aliases;
    }

    @Override
    public List<String> instances() {
        if (instances == null) {
            try {
                instances = session.engine().instances().names();
            } catch (RuntimeException e) {
                instances = List.of();
            }
        }
        return instances;
    }

    @Override
    public Map<String, String> instanceConfig(String instance) {
        try {
            return session.engine().instances().get(instance).config();
        } catch (RuntimeException e) {
            return Map.of();
        }
    }

    @Override
    public List<String> snapshots(String instance) {
        try {
            return session.engine().instances().snapshots(instance);
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    @Override
    public List<String> instanceDirectory(String instance, String path) {
        try {
            return session.engine().instances().listDirectory(instance, path);
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    @Override
    public Optional<Image> image(String reference) {
        ImageRef ref = ImageRef.parse(reference, defaultRemote());
        if (!RemoteNames.isLocal(ref.remote())) {
            return Optional.empty();
        }
        try {
            return Optional.of(session.engine().images().resolve(ref.name()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
