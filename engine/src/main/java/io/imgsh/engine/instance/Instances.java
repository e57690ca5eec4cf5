package io.imgsh.engine.instance;

import io.imgsh.engine.ConflictException;
import io.imgsh.engine.EngineException;
import io.imgsh.engine.InvalidInputException;
import io.imgsh.engine.config.ConfigKey;
import io.imgsh.engine.config.ConfigService;
import io.imgsh.engine.format.Compression;
import io.imgsh.engine.format.DirectoryTarball;
import io.imgsh.engine.format.ImageMetadata;
import io.imgsh.engine.format.MetadataReader;
import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.ImageRef;
import io.imgsh.engine.image.Images;
import io.imgsh.engine.image.ImportResult;
import io.imgsh.engine.image.Progress;
import io.imgsh.engine.image.StoreImages;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Instances on LXC ({@code init}, {@code launch}, {@code start}, {@code stop}, {@code exec}, {@code list},
 * {@code delete}, {@code publish}): made from images of the store or, cached on the way, of any remote; run by
 * Debian's {@code lxc} tools with {@code instances/} as LXC's path. Unprivileged unless {@code security.privileged}.
 */
public final class Instances {
    private static final Set<String> KEYS = Set.of(Instance.PRIVILEGED, Instance.RAW_LXC);

    private final InstanceFiles files;
    private final InstanceTemplates templates = new InstanceTemplates();
    private final Lxc lxc;
    private final ImageCache cache;
    private final StoreImages store;
    private final ConfigService config;
    private final Clock clock;

    public Instances(Path dir, StoreImages store, Function<String, Images> places, ConfigService config, Clock clock) {
        this.files = new InstanceFiles(dir);
        this.lxc = new Lxc(dir);
        this.cache = new ImageCache(store, places, config, clock);
        this.store = store;
        this.config = config;
        this.clock = clock;
    }

    /**
     * {@code init}: finds the image (downloading and caching it when it is a remote's that the store lacks), unpacks
     * it into a new instance and applies its {@code create} templates. Nothing is left behind on failure.
     */
    public Created create(LaunchRequest request, Progress progress) {
        String name = request.name() == null ? InstanceNames.generate(new HashSet<>(files.names())) : request.name();
        InstanceNames.check(name);
        if (files.exists(name)) {
            throw new ConflictException("Instance \"" + name + "\" already exists");
        }
        Map<String, String> settings = checkedConfig(request.config());
        ImageCache.Obtained obtained = cache.obtain(request.image(), progress);
        Image image = obtained.image();
        if (!image.type().equals("container")) {
            throw new InvalidInputException("Image \"" + image.shortFingerprint() + "\" is a " + image.type()
                    + " image; only containers can run on LXC");
        }
        Map<String, String> all = new TreeMap<>(settings);
        image.properties().forEach((k, v) -> all.put("image." + k, v));
        all.put(Instance.BASE_IMAGE, image.fingerprint());
        Instance instance = new Instance(name, image.architecture(), request.ephemeral(), all, clock.instant());
        Path staging = null;
        try {
            staging = files.staging(name);
            ImageUnpacker.unpack(store.files(image.fingerprint()), staging, instance.idOffset());
            templates.apply(staging, instance, "create");
            files.write(staging, instance);
            files.commit(staging, name);
            staging = null;
        } catch (IOException e) {
            throw new EngineException("Failed to create instance \"" + name + "\": " + e.getMessage(), e);
        } finally {
            if (staging != null) {
                InstanceFiles.deleteTree(staging);
            }
        }
        return new Created(instance, obtained.downloaded());
    }

    /** {@code launch}: {@link #create}, then {@link #start}. */
    public Created launch(LaunchRequest request, Progress progress) {
        Created created = create(request, progress);
        start(created.instance().name());
        return created;
    }

    public Instance get(String name) {
        return files.read(name);
    }

    /** The instances' names, sorted (without asking LXC their state). */
    public List<String> names() {
        return files.names();
    }

    public List<InstanceStatus> list() {
        return files.names().stream().map(n -> new InstanceStatus(files.read(n), lxc.state(n))).toList();
    }

    public InstanceState state(String name) {
        files.read(name);
        return lxc.state(name);
    }

    /** The images instances were made from: the caching policy keeps them. */
    public Set<String> imagesInUse() {
        Set<String> used = new HashSet<>();
        for (String name : files.names()) {
            used.add(files.read(name).baseImage());
        }
        return used;
    }

    /** Starts init ({@code /sbin/init}, or {@code lxc.init.cmd} from {@code raw.lxc}). */
    public void start(String name) {
        Instance instance = files.read(name);
        if (lxc.state(name) != InstanceState.STOPPED) {
            throw new InvalidInputException("The instance is already running");
        }
        Path rootfs = files.rootfs(name);
        try {
            if (!LxcConfig.hasInitCommand(instance) && !RootfsPath.isFile(rootfs, "/sbin/init")) {
                throw new InvalidInputException("Failed to start instance \"" + name + "\": no /sbin/init in its"
                        + " rootfs (set raw.lxc to \"lxc.init.cmd = <command>\" to run another init)");
            }
            templates.apply(files.dir(name), instance, "start");
            files.update(instance);
            Files.deleteIfExists(files.log(name));
        } catch (IOException e) {
            throw new EngineException("Failed to start instance \"" + name + "\": " + e.getMessage(), e);
        }
        try {
            lxc.start(name);
        } catch (EngineException e) {
            throw new EngineException("Failed to start instance \"" + name + "\": " + logTail(name, e.getMessage()));
        }
    }

    /**
     * Stops the instance: asks its init to shut down, waiting up to {@code timeoutSeconds} (-1: for ever) before it
     * is killed, or kills it at once when {@code force}. An ephemeral instance is deleted once stopped.
     */
    public void stop(String name, boolean force, int timeoutSeconds) {
        Instance instance = files.read(name);
        if (lxc.state(name) == InstanceState.STOPPED) {
            throw new InvalidInputException("The instance is already stopped");
        }
        lxc.stop(name, force, timeoutSeconds);
        if (instance.ephemeral()) {
            InstanceFiles.deleteTree(files.dir(name));
        }
    }

    /**
     * Runs {@code command} in the running instance as root with LXD's environment; returns its exit status. {@code in}
     * (null: nothing) is its standard input.
     */
    public int exec(String name, List<String> command, InputStream in, OutputStream out, OutputStream err) {
        files.read(name);
        if (command.isEmpty()) {
            throw new InvalidInputException("Missing command to run in the instance");
        }
        if (lxc.state(name) != InstanceState.RUNNING) {
            throw new InvalidInputException("Instance is not running");
        }
        return lxc.attach(name, command, in, out, err);
    }

    /** Deletes a stopped instance, or a running one when {@code force} (it is killed first). */
    public void delete(String name, boolean force) {
        files.read(name);
        if (lxc.state(name) != InstanceState.STOPPED) {
            if (!force) {
                throw new InvalidInputException("The instance is currently running, stop it first or pass --force");
            }
            lxc.stop(name, true, 0);
        }
        try {
            InstanceFiles.deleteTree(files.dir(name));
        } catch (UncheckedIOException e) {
            throw new EngineException("Failed to delete instance \"" + name + "\": " + e.getCause().getMessage(), e);
        }
    }

    /**
     * {@code publish}: streams a unified image of the instance (its rootfs with the ids it sees, metadata.yaml as
     * {@link PublishedMetadata} makes it, its templates) through the store's single-pass ingest. A running instance
     * is refused unless {@code force}; then it is frozen while it is read.
     */
    public ImportResult publish(PublishRequest request) {
        String name = request.instance();
        Instance instance = files.read(name);
        store.checkAliasNames(request.aliases());
        Compression compression = compression(request.compression());
        InstanceState state = lxc.state(name);
        if (state != InstanceState.STOPPED && !request.force()) {
            throw new InvalidInputException("The instance is currently running. Use --force to publish it anyway"
                    + " (it is frozen meanwhile)");
        }
        boolean freeze = state == InstanceState.RUNNING;
        if (freeze) {
            lxc.freeze(name);
        }
        try {
            ImageMetadata source = MetadataReader.parse(Files.readAllBytes(files.dir(name)
                    .resolve(InstanceFiles.METADATA)));
            byte[] metadata = PublishedMetadata.of(source, instance.imageProperties(), request.properties(),
                    clock.instant());
            try (DirectoryTarball tarball = DirectoryTarball.ofInstance(files.dir(name), compression,
                    instance.idOffset(), metadata)) {
                return store.importUnified(tarball, name + compression.extension(), request.aliases(),
                        request.isPublic(), Map.of(), null, fingerprint -> { });
            }
        } catch (IOException e) {
            throw new EngineException("Failed to publish instance \"" + name + "\": " + e.getMessage(), e);
        } finally {
            if (freeze) {
                lxc.unfreeze(name);
            }
        }
    }

    private Compression compression(String asked) {
        String name = asked != null ? asked : config.get(ConfigKey.COMPRESSION_ALGORITHM.key());
        try {
            return Compression.named(name);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("Invalid compression: " + e.getMessage());
        }
    }

    /** The keys {@code -c} may set: LXD's names, with LXD's checks. */
    private static Map<String, String> checkedConfig(Map<String, String> config) {
        Map<String, String> checked = new LinkedHashMap<>();
        config.forEach((key, value) -> {
            if (!KEYS.contains(key) && !key.startsWith("user.")) {
                throw new InvalidInputException("Invalid config: Unknown configuration key: " + key);
            }
            if (key.equals(Instance.PRIVILEGED) && !value.equals("true") && !value.equals("false")) {
                throw new InvalidInputException("Invalid config: Invalid value for " + key + ": Invalid value for a"
                        + " boolean \"" + value + "\"");
            }
            checked.put(key, value);
        });
        return checked;
    }

    /** Why LXC could not start the instance: the last error in its log, else what the tool said. */
    private String logTail(String name, String fallback) {
        try {
            List<String> lines = Files.readAllLines(files.log(name));
            for (int i = lines.size() - 1; i >= 0; i--) {
                String line = lines.get(i);
                if (line.contains(" ERROR ") && !line.contains("The container failed to start")) {
                    return line.replaceFirst("^.*? ERROR\\s+\\S+ - \\S+ - ", "");
                }
            }
        } catch (IOException e) {
            // no log: the tool's own words follow
        }
        return fallback;
    }
}
