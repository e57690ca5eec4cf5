package io.imgsh.engine;

import io.imgsh.engine.config.ConfigService;
import io.imgsh.engine.event.EventStream;
import io.imgsh.engine.event.EventType;
import io.imgsh.engine.event.Events;
import io.imgsh.engine.event.StoreEventStream;
import io.imgsh.engine.image.ImageRef;
import io.imgsh.engine.image.Images;
import io.imgsh.engine.image.StoreImages;
import io.imgsh.engine.mirror.MirrorService;
import io.imgsh.engine.instance.Instances;
import io.imgsh.engine.policy.PolicyService;
import io.imgsh.engine.remote.CopyService;
import io.imgsh.engine.remote.RemoteService;
import io.imgsh.engine.remote.Tls;
import io.imgsh.engine.remote.direct.DirectImporter;
import io.imgsh.engine.server.ApiServer;
import io.imgsh.engine.server.Trust;
import io.imgsh.engine.streams.Streams;
import io.imgsh.engine.verify.StoreVerifier;
import io.imgsh.store.Store;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import java.util.function.Consumer;

/** What front ends hold: the services over one store. */
public final class Engine implements AutoCloseable {
    private final Store store;
    private final StoreImages images;
    private final ConfigService config;
    private final RemoteService remotes;
    private final CopyService copies;
    private final MirrorService mirrors;
    private final StoreVerifier verifier;
    private final PolicyService policy;
    private final DirectImporter direct;
    private final Events events;
    private final Clock clock;
    private final Trust trust;
    private final Streams streams;
    /** Made on first use: its template engine and JSON mapper cost an image command's start-up for nothing. */
    private Instances instances;

    private Engine(Store store, Clock clock, Tls tls) {
        this.store = store;
        this.clock = clock;
        this.images = new StoreImages(store, clock);
        this.config = new ConfigService(store, clock);
        this.remotes = new RemoteService(store, tls, config);
        this.copies = new CopyService(remotes, images);
        this.mirrors = new MirrorService(store, clock, remotes, images);
        this.verifier = new StoreVerifier(store, images, remotes, config, clock);
        this.policy = new PolicyService(store, clock, config, copies, images, mirrors,
                () -> instances().imagesInUse());
        this.direct = new DirectImporter(config, images, remotes, tls);
        this.events = new Events(store);
        this.trust = new Trust(store);
        this.streams = new Streams(images, clock);
    }

    public static Engine open(Path home, Clock clock) {
        return new Engine(Store.open(home), clock, new Tls());
    }

    /** {@link Store#preload}: what opening any engine first does, done ahead, on the calling thread. */
    public static void preload() {
        Store.preload();
    }

    /** An engine whose remotes trust {@code tls} (tests use a trust store of their own). */
    public static Engine open(Path home, Clock clock, Tls tls) {
        return new Engine(Store.open(home), clock, tls);
    }

    public Path home() {
        return store.home();
    }

    /** The images of the local store. */
    public StoreImages images() {
        return images;
    }

    /** The images of a remote by name: {@code local} is the store; the others are servers. */
    public Images images(String remote) {
        return remote.equals(ImageRef.LOCAL) ? images : remotes.images(remote);
    }

    public ConfigService config() {
        return config;
    }

    public RemoteService remotes() {
        return remotes;
    }

    public CopyService copies() {
        return copies;
    }

    /** {@code image mirror}: filtered copies of remotes kept in the store. */
    public MirrorService mirrors() {
        return mirrors;
    }

    /** {@code image verify}: the store's files against their fingerprints and rows. */
    public StoreVerifier verifier() {
        return verifier;
    }

    /** The instances on LXC, under {@code instances/} of the store. */
    public synchronized Instances instances() {
        if (instances == null) {
            instances = new Instances(store.home().resolve("instances"), images, this::images, copies, config, clock);
        }
        return instances;
    }

    public PolicyService policy() {
        return policy;
    }

    /** The log of changes made to the store by any process. */
    public Events events() {
        return events;
    }

    /**
     * The events of {@code remote} of {@code types} as they happen, each (LXD's JSON frame) to {@code listener}: the
     * store's own changes for {@code local}, else the lxd remote's {@code /1.0/events}.
     */
    public EventStream monitor(String remote, Set<EventType> types, Consumer<String> listener) {
        if (remotes.get(remote).isLocal()) {
            return new StoreEventStream(events, clock, types, listener);
        }
        return remotes.events(remote, types, listener);
    }

    /** The client certificates {@link #serve} trusts. */
    public Trust trust() {
        return trust;
    }

    /** Serves the store's images over LXD's REST API on {@code address} until the server is closed. */
    public ApiServer serve(InetSocketAddress address) {
        return ApiServer.start(this, clock, address);
    }

    /** {@code streams build} and {@code streams verify}: static simplestreams trees of the store's images. */
    public Streams streams() {
        return streams;
    }

    /** {@code image import https://…} (the direct protocol). */
    public DirectImporter direct() {
        return direct;
    }

    @Override
    public void close() {
        try {
            remotes.close();
        } finally {
            store.close();
        }
    }
}
