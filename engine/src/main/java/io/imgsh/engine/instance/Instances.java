package io.imgsh.engine.instance;

import io.imgsh.engine.ConflictException;
import io.imgsh.engine.EngineException;
import io.imgsh.engine.InvalidInputException;
import io.imgsh.engine.NotFoundException;
import io.imgsh.engine.config.ConfigKey;
import io.imgsh.engine.config.ConfigService;
import io.imgsh.engine.format.Compression;
import io.imgsh.engine.format.DirectoryTarball;
import io.imgsh.engine.format.ImageMetadata;
import io.imgsh.engine.image.CountingStream;
import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.ImageRef;
import io.imgsh.engine.image.Images;
import io.imgsh.engine.image.ImportResult;
import io.imgsh.engine.image.Progress;
import io.imgsh.engine.image.StoreImages;
import io.imgsh.engine.remote.CopyRequest;
import io.imgsh.engine.remote.CopyService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Instances on LXC ({@code init}, {@code launch}, {@code start}, {@code stop}, {@code exec}, {@code list},
 * {@code delete}, {@code publish}): made from images of the store or, cached on the way, of any remote; run by
 * Debian's {@code lxc} tools with {@code instances/} as LXC's path. Unprivileged unless {@code security.privileged}.
 */
public final class Instances {
    private final InstanceFiles files;
    private final InstanceLocks locks;
    private final InstanceTemplates templates = new InstanceTemplates();
    private final Lxc lxc;
    private final ImageCache cache;
    private final StoreImages store;
    private final ConfigService config;
    private final Clock clock;
    private final Function<String, Images> places;
    private final CopyService copies;

    public Instances(Path dir, StoreImages store, Function<String, Images> places, CopyService copies,
                     ConfigService config, Clock clock) {
        this.files = new InstanceFiles(dir);
        this.locks = new InstanceLocks(dir);
        this.places = places;
        this.copies = copies;
        this.lxc = new Lxc(dir);
        this.cache = new ImageCache(store, places, config, clock);
        this.store = store;
        this.config = config;
        this.clock = clock;
    }

    /**
     * {@code init}: finds the image (downloading and caching it when it is a remote's that the store lacks) and
     * unpacks it into a new instance whose {@code create} templates its first start applies
     * ({@code volatile.apply_template=create}, as LXD defers them). Nothing is left behind on failure.
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
        all.put(Instance.APPLY_TEMPLATE, "create");
        Instance instance = new Instance(name, image.architecture(), request.ephemeral(), all, clock.instant());
        Path staging = null;
        try {
            staging = files.staging(name);
            ImageUnpacker.unpack(store.files(image.fingerprint()), staging, instance.idOffset());
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

    /**
     * The instance's record as it is kept, read without asking LXC or settling it: an ephemeral instance that stopped
     * by itself is still there until {@link #list}, {@link #status} or a command on it settles it (see
     * {@link #settle}). Completion and {@code config get/show} read it.
     */
    public Instance get(String name) {
        return files.read(name);
    }

    /**
     * The instances' names, sorted, as {@link #get} reads: no process is run and nothing is settled (completion asks
     * on every Tab).
     */
    public List<String> names() {
        return files.names();
    }

    /**
     * The instances, their state and snapshots, LXC asked once for each; an ephemeral instance that stopped by itself
     * is deleted (see {@link #settle}).
     */
    public List<InstanceStatus> list() {
        return files.names().stream().map(this::observed).filter(Objects::nonNull).toList();
    }

    /** What {@link #status} says of the instance's state: settled as {@link #list} settles it. */
    public InstanceState state(String name) {
        return status(name).state();
    }

    /** The instance, its state and its snapshots. */
    public InstanceStatus status(String name) {
        InstanceStatus status = observed(name);
        if (status == null) {
            throw new NotFoundException("Instance not found");
        }
        return status;
    }

    /**
     * What {@link #status} says, or null when the instance is gone. LXC is asked again (under the lock) only when the
     * instance looks stopped by itself.
     */
    private InstanceStatus observed(String name) {
        try {
            Instance instance = files.read(name);
            String state = lxc.rawState(name);
            if (instance.recordedRunning() && Lxc.STOPPED.equals(state)) {
                instance = settle(name, instance);
                if (instance == null) {
                    return null;
                }
            }
            return new InstanceStatus(instance, InstanceState.ofLxc(state), files.snapshots(name));
        } catch (NotFoundException e) {
            return null;
        }
    }

    /**
     * The instance {@code seen} recorded RUNNING while LXC said STOPPED, as it is now, or null when it is gone. LXD
     * deletes an ephemeral instance whenever it stops, and records {@code volatile.last_state.power=STOPPED} of
     * others; imgsh has no daemon to see an instance stop by itself (its init exited, {@code poweroff} inside), so it
     * does so here, when it next looks: an instance recorded
     * RUNNING that LXC says is STOPPED is deleted if ephemeral, else recorded STOPPED. While another process or
     * thread holds the instance's lock (a start under way, whose instance LXC may still call STOPPED) it is left
     * alone; under the lock, record and state are read again.
     */
    private Instance settle(String name, Instance seen) {
        try (InstanceLocks.Held lock = locks.tryLock(name)) {
            return lock == null ? seen : settleLocked(name);
        } catch (NotFoundException e) {
            return null;
        }
    }

    /** {@link #settle} under the instance's lock; throws {@link NotFoundException} when there is no instance. */
    private Instance settleLocked(String name) {
        Instance instance = files.read(name);
        if (!instance.recordedRunning() || !lxc.stopped(name)) {
            return instance;
        }
        return stopped(name, instance, "which stopped");
    }

    /**
     * Under the instance's lock, once LXC has said it is STOPPED: an ephemeral instance is deleted (null), another
     * recorded {@code volatile.last_state.power=STOPPED}.
     */
    private Instance stopped(String name, Instance instance, String why) {
        if (!instance.ephemeral()) {
            Instance stopped = instance.with(Instance.LAST_POWER, Instance.STOPPED);
            files.update(stopped);
            return stopped;
        }
        Path dir = files.dir(name);
        if (!instance.name().equals(name) || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return instance; // not the directory imgsh made for it (a link, a record moved by hand): left alone
        }
        try {
            InstanceFiles.deleteTree(dir);
        } catch (UncheckedIOException e) {
            throw new EngineException("Failed to delete ephemeral instance \"" + name + "\", " + why + ": "
                    + e.getCause().getMessage(), e);
        }
        return null;
    }

    /** The images instances were made from: the caching policy keeps them. */
    public Set<String> imagesInUse() {
        Set<String> used = new HashSet<>();
        for (String name : files.names()) {
            used.add(files.read(name).baseImage());
        }
        return used;
    }

    /**
     * Starts init ({@code /sbin/init}, or {@code lxc.init.cmd} from {@code raw.lxc}) once {@link #prepareStart} has
     * applied the templates, then records {@code volatile.last_state.power=RUNNING}. Only an instance LXC started is
     * recorded RUNNING, so one that failed to start is never taken for one that stopped by itself.
     */
    public void start(String name) {
        try (InstanceLocks.Held lock = locks.lock(name)) {
            Instance prepared = prepareStart(name);
            try {
                lxc.start(name);
            } catch (EngineException e) {
                throw new EngineException("Failed to start instance \"" + name + "\": "
                        + logTail(name, e.getMessage()), e);
            }
            try {
                files.update(prepared.with(Instance.LAST_POWER, Instance.RUNNING));
            } catch (EngineException e) {
                throw new EngineException("Instance \"" + name + "\" started, but its start could not be recorded: "
                        + e.getMessage(), e);
            }
        }
    }

    /**
     * All that {@link #start} does before lxc-start, under the instance's lock, in the order of LXD 5.0.2's start
     * hook: the templates of the trigger {@code volatile.apply_template} names (if any), then the record without that
     * key, then the templates of {@code start}, each rendered with the config as it is now. All of one trigger's
     * templates are rendered before any is written, so a template that fails leaves the rootfs as that trigger found
     * it: a failing {@code create} template leaves the key for the next start to try again; a failing {@code start}
     * template comes after the {@code create} ones were written and the key removed, as with LXD. Returns the record
     * as it is now.
     */
    Instance prepareStart(String name) {
        Instance instance = settleLocked(name);
        if (instance == null) {
            throw new NotFoundException("Instance not found");
        }
        if (lxc.state(name) != InstanceState.STOPPED) {
            throw new InvalidInputException("The instance is already running");
        }
        Path rootfs = files.rootfs(name);
        try {
            if (!LxcConfig.hasInitCommand(instance) && !RootfsPath.isFile(rootfs, "/sbin/init")) {
                throw new InvalidInputException("Failed to start instance \"" + name + "\": no /sbin/init in its"
                        + " rootfs (set raw.lxc to \"lxc.init.cmd = <command>\" to run another init)");
            }
            String deferred = instance.config().get(Instance.APPLY_TEMPLATE);
            if (deferred != null) {
                templates.apply(files.dir(name), instance, deferred);
            }
            // the key removed before the start templates, as LXD's hook does; LXC's config made anew for lxc-start
            Instance prepared = instance.with(Instance.APPLY_TEMPLATE, null);
            files.update(prepared);
            // rendered with the config start found, as LXD's start templates see the key its hook removed
            templates.apply(files.dir(name), instance, "start");
            Files.deleteIfExists(files.log(name));
            return prepared;
        } catch (IOException e) {
            throw new EngineException("Failed to start instance \"" + name + "\": " + e.getMessage(), e);
        }
    }

    /**
     * Stops the instance: asks its init to shut down, waiting up to {@code timeoutSeconds} (-1: for ever) before it
     * is killed, or kills it at once when {@code force}. An ephemeral instance is deleted once stopped; another is
     * recorded {@code volatile.last_state.power=STOPPED}. The lock is not held while init is waited for, so that a
     * forced stop or delete from another command ends an init that ignores the request; the outcome is recorded under
     * the lock afterwards, unless the instance is gone or running again by then.
     */
    public void stop(String name, boolean force, int timeoutSeconds) {
        Instance seen;
        try (InstanceLocks.Held lock = locks.lock(name)) {
            seen = settleLocked(name);
            if (seen == null) {
                throw new NotFoundException("Instance not found");
            }
            if (lxc.state(name) == InstanceState.STOPPED) {
                throw new InvalidInputException("The instance is already stopped");
            }
            if (force) {
                lxc.stop(name, true, 0);
                recordStop(name, seen);
                return;
            }
        }
        EngineException failure = null;
        try {
            lxc.stop(name, false, timeoutSeconds);
        } catch (EngineException e) {
            failure = e;
        }
        boolean stopped;
        try (InstanceLocks.Held lock = locks.lock(name)) {
            stopped = recordStop(name, seen);
        } catch (RuntimeException e) {
            if (failure != null) {
                e.addSuppressed(failure);
            }
            throw e;
        }
        if (failure != null && !stopped) {
            throw failure;
        }
    }

    /**
     * Under the lock after lxc-stop: the outcome recorded when the instance {@code seen} before is still there and
     * stopped (ephemeral: deleted). False when it is running still (started again meanwhile, or lxc-stop failed).
     */
    private boolean recordStop(String name, Instance seen) {
        Instance now;
        try {
            now = files.read(name);
        } catch (NotFoundException e) {
            return true; // deleted meanwhile (delete --force)
        }
        if (!Objects.equals(now.createdAt(), seen.createdAt())) {
            return true; // deleted, and another instance made under its name
        }
        if (!lxc.stopped(name)) {
            return false;
        }
        stopped(name, now, "which was stopped");
        return true;
    }

    /**
     * Runs {@code command} in the running instance as root with LXD's environment; returns its exit status. {@code in}
     * (null: nothing) is its standard input.
     */
    public int exec(String name, List<String> command, InputStream in, OutputStream out, OutputStream err) {
        requireRunning(name, command);
        return lxc.attach(name, command, in, out, err);
    }

    /** {@link #exec} on this process's own terminal, as {@code lxc exec} runs an interactive command. */
    public int execOnTerminal(String name, List<String> command) {
        requireRunning(name, command);
        return lxc.attachTerminal(name, command);
    }

    private void requireRunning(String name, List<String> command) {
        files.read(name);
        if (command.isEmpty()) {
            throw new InvalidInputException("Missing command to run in the instance");
        }
        if (lxc.state(name) != InstanceState.RUNNING) {
            throw new InvalidInputException("Instance is not running");
        }
    }

    /** Deletes a stopped instance, or a running one when {@code force} (it is killed first). */
    public void delete(String name, boolean force) {
        try (InstanceLocks.Held lock = locks.lock(name)) {
            files.read(name);
            if (lxc.state(name) != InstanceState.STOPPED) {
                if (!force) {
                    throw new InvalidInputException("The instance is currently running, stop it first or pass"
                            + " --force");
                }
                lxc.stop(name, true, 0);
            }
            InstanceFiles.deleteTree(files.dir(name));
        } catch (UncheckedIOException e) {
            throw new EngineException("Failed to delete instance \"" + name + "\": " + e.getCause().getMessage(), e);
        }
    }

    /**
     * {@code publish}: streams a unified image of the instance (its rootfs with the ids it sees, metadata.yaml as
     * {@link PublishedMetadata} makes it, its templates) through the store's single-pass ingest, telling
     * {@code progress} the compressed bytes made so far. A running instance is refused unless {@code force}; then it
     * is frozen while it is read. For another remote (a trusted lxd server) the image is uploaded from the store,
     * given its aliases there, and removed from the store. Returns the fingerprint.
     */
    public String publish(PublishRequest request, Progress progress) {
        if (request.remote().equals(ImageRef.LOCAL)) {
            return publishHere(request, request.aliases(), request.isPublic(), progress).fingerprint();
        }
        Images target = places.apply(request.remote());
        target.requireWritable();
        String fingerprint = publishHere(request, List.of(), false, progress).fingerprint();
        try {
            copies.copy(store, fingerprint, target, new CopyRequest(request.aliases(), false, false,
                    request.isPublic()), progress);
        } finally {
            store.delete(fingerprint);
        }
        return fingerprint;
    }

    private ImportResult publishHere(PublishRequest request, List<String> aliases, boolean isPublic,
                                     Progress progress) {
        InstanceRef ref = InstanceRef.parse(request.instance());
        String name = ref.name();
        try (InstanceLocks.Held lock = locks.lock(name)) {
            return publishLocked(request, ref, aliases, isPublic, progress);
        }
    }

    private ImportResult publishLocked(PublishRequest request, InstanceRef ref, List<String> aliases, boolean isPublic,
                                       Progress progress) {
        String name = ref.name();
        Instance instance = files.read(name);
        Path source = source(ref);
        store.checkAliasNames(aliases);
        Compression compression = compression(request.compression());
        InstanceState state = ref.snapshot() == null ? lxc.state(name) : InstanceState.STOPPED;
        if (state != InstanceState.STOPPED && !request.force()) {
            throw new InvalidInputException("The instance is currently running. Use --force to publish it anyway"
                    + " (it is frozen meanwhile)");
        }
        boolean freeze = state == InstanceState.RUNNING;
        if (freeze) {
            lxc.freeze(name);
        }
        try {
            ImageMetadata original = InstanceFiles.metadata(source);
            byte[] metadata = PublishedMetadata.of(original, instance.imageProperties(), request.properties(),
                    clock.instant());
            try (DirectoryTarball tarball = DirectoryTarball.ofInstance(source, compression,
                    files.readAt(source).idOffset(), metadata)) {
                return store.importUnified(new CountingStream(tarball, 0, -1, null, progress),
                        name + compression.extension(), aliases, isPublic, Map.of(), null,
                        fingerprint -> { });
            }
        } catch (IOException e) {
            throw new EngineException("Failed to publish instance \"" + name + "\": " + e.getMessage(), e);
        } finally {
            if (freeze) {
                lxc.unfreeze(name);
            }
        }
    }

    /**
     * {@code snapshot}: a copy of the instance's rootfs, metadata.yaml and templates under {@code snapshots/}, named
     * {@code snapshot} or, when null, {@code snap0}, {@code snap1}, …; a running instance is frozen meanwhile.
     * Returns the snapshot's name.
     */
    public String snapshot(String name, String snapshot) {
        try (InstanceLocks.Held lock = locks.lock(name)) {
            files.read(name);
            List<String> existing = files.snapshots(name);
            String snap = snapshot;
            if (snap == null) {
                int i = 0;
                while (existing.contains("snap" + i)) {
                    i++;
                }
                snap = "snap" + i;
            }
            InstanceNames.checkSnapshot(snap);
            if (existing.contains(snap)) {
                throw new ConflictException("Snapshot \"" + snap + "\" already exists");
            }
            Path target = files.snapshot(name, snap);
            frozen(name, () -> copyTree(files.dir(name), target));
            return snap;
        }
    }

    /** The snapshots of an instance, sorted. */
    public List<String> snapshots(String name) {
        files.read(name);
        return files.snapshots(name);
    }

    /**
     * {@code restore}: the stopped instance's rootfs becomes the snapshot's again, and so does its
     * {@code volatile.apply_template} (LXD restores the snapshot's config: a snapshot taken before the first start
     * brings the deferred templates back).
     */
    public void restore(String name, String snapshot) {
        try (InstanceLocks.Held lock = locks.lock(name)) {
            Instance instance = files.read(name);
            Path snap = source(new InstanceRef(name, snapshot));
            if (lxc.state(name) != InstanceState.STOPPED) {
                throw new InvalidInputException("The instance is running; stop it first");
            }
            Instance taken = files.readAt(snap);
            Path rootfs = files.rootfs(name);
            Path old = rootfs.resolveSibling(".rootfs.old");
            try {
                InstanceFiles.deleteTree(old);
                Path fresh = rootfs.resolveSibling(".rootfs.new");
                InstanceFiles.deleteTree(fresh);
                TreeCopy.copy(snap.resolve(InstanceFiles.ROOTFS), fresh);
                // security.privileged may have changed since the snapshot was taken
                IdShift.shift(fresh, taken.idOffset(), instance.idOffset());
                Files.move(rootfs, old);
                Files.move(fresh, rootfs);
                InstanceFiles.deleteTree(old);
                files.update(instance.with(Instance.APPLY_TEMPLATE, taken.config().get(Instance.APPLY_TEMPLATE)));
            } catch (IOException e) {
                throw new EngineException("Failed to restore \"" + name + "/" + snapshot + "\": " + e.getMessage(),
                        e);
            }
        }
    }

    /**
     * {@code config set}: sets the keys {@code init -c} accepts, with its checks. A change of
     * {@code security.privileged} is refused while the instance runs; on a stopped one the rootfs's owners are moved
     * to the new id shift. LXC's config is written again (for {@code raw.lxc}), taking effect at the next start.
     */
    public Instance setConfig(String name, Map<String, String> values) {
        try (InstanceLocks.Held lock = locks.lock(name)) {
            Instance instance = files.read(name);
            if (values.isEmpty()) {
                throw new InvalidInputException("Missing key=value to set");
            }
            Map<String, String> config = new TreeMap<>(instance.config());
            config.putAll(checkedConfig(values));
            return reconfigure(instance, config);
        }
    }

    /** {@code config unset}: removes a key that {@code config set} may set. */
    public Instance unsetConfig(String name, String key) {
        try (InstanceLocks.Held lock = locks.lock(name)) {
            Instance instance = files.read(name);
            checkKey(key);
            if (!instance.config().containsKey(key)) {
                throw new InvalidInputException("Can't unset key '" + key + "', it's not currently set");
            }
            Map<String, String> config = new TreeMap<>(instance.config());
            config.remove(key);
            return reconfigure(instance, config);
        }
    }

    private Instance reconfigure(Instance instance, Map<String, String> config) {
        Instance changed = instance.withConfig(config);
        String name = instance.name();
        if (changed.privileged() != instance.privileged()) {
            if (lxc.state(name) != InstanceState.STOPPED) {
                throw new InvalidInputException("Cannot change " + Instance.PRIVILEGED + " of a running instance;"
                        + " stop it first");
            }
            try {
                IdShift.shift(files.rootfs(name), instance.idOffset(), changed.idOffset());
            } catch (IOException e) {
                throw new EngineException("Failed to shift the ids of instance \"" + name + "\": " + e.getMessage()
                        + " (setting " + Instance.PRIVILEGED + " again resumes it)", e);
            }
        }
        files.update(changed);
        return changed;
    }

    /** Deletes a snapshot ({@code delete name/snapshot}). */
    public void deleteSnapshot(String name, String snapshot) {
        try (InstanceLocks.Held lock = locks.lock(name)) {
            InstanceFiles.deleteTree(source(new InstanceRef(name, snapshot)));
        } catch (UncheckedIOException e) {
            throw new EngineException("Failed to delete snapshot \"" + name + "/" + snapshot + "\": "
                    + e.getCause().getMessage(), e);
        }
    }

    /**
     * {@code copy}: a new stopped instance {@code target} with the rootfs, image files and config of {@code source}
     * ({@code name} or {@code name/snapshot}; a running instance is frozen meanwhile). As LXD copies, the source's
     * {@code volatile.*} keys but {@code volatile.base_image} are left out, and {@code volatile.apply_template=copy}
     * defers the {@code copy} templates to the first start.
     */
    public Instance copy(String source, String target) {
        InstanceRef ref = InstanceRef.parse(source);
        try (InstanceLocks.Held lock = locks.lock(ref.name())) {
            return copyLocked(source, ref, target);
        }
    }

    private Instance copyLocked(String source, InstanceRef ref, String target) {
        Path from = source(ref);
        Instance original = files.readAt(from);
        InstanceNames.check(target);
        if (files.exists(target)) {
            throw new ConflictException("Instance \"" + target + "\" already exists");
        }
        Map<String, String> config = new TreeMap<>(original.config());
        config.keySet().removeIf(key -> key.startsWith(Instance.VOLATILE_PREFIX) && !key.equals(Instance.BASE_IMAGE));
        config.put(Instance.APPLY_TEMPLATE, "copy");
        Instance copy = new Instance(target, original.architecture(), false, config, clock.instant());
        Path staging = null;
        try {
            staging = files.staging(target);
            Path into = staging;
            Files.delete(into);
            if (ref.snapshot() == null) {
                frozen(ref.name(), () -> copyTree(from, into));
            } else {
                copyTree(from, into);
            }
            files.write(staging, copy);
            files.commit(staging, target);
            staging = null;
            return copy;
        } catch (IOException e) {
            throw new EngineException("Failed to copy \"" + source + "\": " + e.getMessage(), e);
        } finally {
            if (staging != null) {
                InstanceFiles.deleteTree(staging);
            }
        }
    }

    /**
     * {@code file push}: writes {@code content} to {@code path} inside the instance (its links followed within the
     * rootfs, never out of it), owned and moded as {@code mode} says. The content is first read whole into a file of
     * {@code instances/}, so that the instance's lock is held only while it is put in place (moved there as a new
     * file, copied over an existing one), however long the content takes to arrive.
     */
    public void push(String name, InputStream content, String path, FileMode mode) {
        files.read(name);
        Path spooled = null;
        try {
            spooled = files.spool(content);
            try (InstanceLocks.Held lock = locks.lock(name)) {
                place(name, spooled, path, mode);
            }
        } catch (IOException e) {
            throw new EngineException("Failed to push " + path + ": " + e.getMessage(), e);
        } finally {
            if (spooled != null) {
                try {
                    Files.deleteIfExists(spooled);
                } catch (IOException e) {
                    // a file of ours in instances/; the next push's spool is another
                }
            }
        }
    }

    private void place(String name, Path content, String path, FileMode mode) throws IOException {
        Instance instance = files.read(name);
        Path rootfs = files.rootfs(name);
        Path target = RootfsPath.resolve(rootfs, absolute(path), true);
        Path parent = target.getParent();
        if (!Files.isDirectory(parent, LinkOption.NOFOLLOW_LINKS)) {
            if (!mode.createParents()) {
                throw new InvalidInputException("Failed to push " + path + ": the directory "
                        + absolute(path).substring(0, absolute(path).lastIndexOf('/') + 1) + " does not exist"
                        + " in the instance (use -p to create it)");
            }
            createParents(rootfs, parent, instance.idOffset());
        }
        boolean existed = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
        if (existed && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidInputException("Failed to push " + path + ": it is not a regular file");
        }
        int uid = IdMap.host(mode.uid() == null ? 0 : mode.uid(), instance.idOffset(), path);
        int gid = IdMap.host(mode.gid() == null ? 0 : mode.gid(), instance.idOffset(), path);
        if (existed) { // written in place: its inode, and so its hard links, stay
            try (OutputStream out = Files.newOutputStream(target, LinkOption.NOFOLLOW_LINKS, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                Files.copy(content, out);
            }
        } else {
            Files.move(content, target); // the spooled file itself, on the same file system: no second copy
        }
        if (!existed || mode.uid() != null) {
            Files.setAttribute(target, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
        }
        if (!existed || mode.gid() != null) {
            Files.setAttribute(target, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
        }
        if (!existed || mode.mode() != null) {
            Files.setAttribute(target, "unix:mode", mode.mode() == null ? 0644 : mode.mode() & 07777,
                    LinkOption.NOFOLLOW_LINKS);
        }
    }

    /** {@code file pull}: the content of the regular file {@code path} inside the instance, to {@code out}. */
    public void pull(String name, String path, OutputStream out) {
        files.read(name);
        try {
            Path source = RootfsPath.resolve(files.rootfs(name), absolute(path), true);
            if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
                throw new NotFoundException("Failed to pull " + path
                        + ": no such file in the instance");
            }
            Files.copy(source, out);
        } catch (IOException e) {
            throw new EngineException("Failed to pull " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * The entries of the directory {@code path} inside the instance, sorted, a directory's name ending in {@code /}:
     * links are followed as the instance would follow them, never out of its rootfs. Empty when there is no such
     * directory.
     */
    public List<String> listDirectory(String name, String path) {
        files.read(name);
        Path rootfs = files.rootfs(name);
        String dir = absolute(path);
        try {
            Path host = RootfsPath.resolve(rootfs, dir, true);
            if (!Files.isDirectory(host, LinkOption.NOFOLLOW_LINKS)) {
                return List.of();
            }
            TreeSet<String> entries = new TreeSet<>();
            try (DirectoryStream<Path> children = Files.newDirectoryStream(host)) {
                for (Path child : children) {
                    String entry = child.getFileName().toString();
                    Path target = RootfsPath.resolve(rootfs, dir + "/" + entry, true);
                    entries.add(Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS) ? entry + "/" : entry);
                }
            }
            return List.copyOf(entries);
        } catch (IOException e) {
            throw new EngineException("Cannot list " + path + " in instance \"" + name + "\": " + e.getMessage(), e);
        }
    }

    private static String absolute(String path) {
        return path.startsWith("/") ? path : "/" + path;
    }

    /** Makes the missing directories down to {@code dir}, owned by the instance's root, mode 0755. */
    private static void createParents(Path rootfs, Path dir, int idOffset) throws IOException {
        Path current = rootfs;
        for (Path part : rootfs.relativize(dir)) {
            current = current.resolve(part);
            if (!Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(current);
                Files.setAttribute(current, "unix:uid", idOffset, LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(current, "unix:gid", idOffset, LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(current, "unix:mode", 0755, LinkOption.NOFOLLOW_LINKS);
            } else if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                throw new InvalidInputException(rootfs.relativize(current) + " is not a directory in the instance");
            }
        }
    }

    /** {@code restart}: {@link #stop}, then {@link #start}. */
    public void restart(String name, boolean force, int timeoutSeconds) {
        if (files.read(name).ephemeral()) {
            throw new InvalidInputException("An ephemeral instance is deleted when it stops; it cannot be restarted");
        }
        stop(name, force, timeoutSeconds);
        start(name);
    }

    /** The directory of an instance or of one of its snapshots. */
    private Path source(InstanceRef ref) {
        files.read(ref.name());
        if (ref.snapshot() == null) {
            return files.dir(ref.name());
        }
        if (!files.snapshots(ref.name()).contains(ref.snapshot())) {
            throw new NotFoundException("Snapshot \"" + ref.snapshot() + "\" not found");
        }
        return files.snapshot(ref.name(), ref.snapshot());
    }

    /**
     * Copies what an instance is made of (rootfs, metadata.yaml, templates, the record) from {@code from} into
     * {@code to} (made here), under a name of its own until it is whole.
     */
    private static void copyTree(Path from, Path to) {
        Path partial = to.resolveSibling("." + to.getFileName() + ".new");
        InstanceFiles.deleteTree(partial);
        try {
            Files.createDirectories(partial);
            for (String part : List.of(InstanceFiles.ROOTFS, InstanceFiles.TEMPLATES)) {
                if (Files.exists(from.resolve(part))) {
                    TreeCopy.copy(from.resolve(part), partial.resolve(part));
                }
            }
            for (String file : List.of(InstanceFiles.METADATA, InstanceFiles.RECORD)) {
                Files.copy(from.resolve(file), partial.resolve(file));
            }
            Files.move(partial, to);
        } catch (IOException e) {
            InstanceFiles.deleteTree(partial);
            throw new EngineException("Failed to copy " + from + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            InstanceFiles.deleteTree(partial);
            throw e;
        }
    }

    /** Runs {@code work} with the instance frozen when it is running. */
    private void frozen(String name, Runnable work) {
        boolean freeze = lxc.state(name) == InstanceState.RUNNING;
        if (freeze) {
            lxc.freeze(name);
        }
        try {
            work.run();
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
            checkKey(key);
            if (key.equals(Instance.PRIVILEGED) && !value.equals("true") && !value.equals("false")) {
                throw new InvalidInputException("Invalid config: Invalid value for " + key + ": Invalid value for a"
                        + " boolean \"" + value + "\"");
            }
            checked.put(key, value);
        });
        return checked;
    }

    private static void checkKey(String key) {
        if (!Instance.SETTABLE.contains(key) && !key.startsWith(Instance.USER_PREFIX)) {
            throw new InvalidInputException("Invalid config: Unknown configuration key: " + key);
        }
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
