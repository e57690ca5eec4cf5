package io.imgsh.engine.remote;

import io.imgsh.engine.ConflictException;
import io.imgsh.engine.EngineException;
import io.imgsh.engine.InvalidInputException;
import io.imgsh.engine.NotFoundException;
import io.imgsh.engine.config.ConfigService;
import io.imgsh.engine.event.EventType;
import io.imgsh.engine.format.Architectures;
import io.imgsh.engine.image.Images;
import io.imgsh.engine.remote.lxd.LxdClient;
import io.imgsh.engine.remote.lxd.LxdEvents;
import io.imgsh.engine.remote.lxd.LxdImages;
import io.imgsh.engine.remote.simplestreams.SimpleStreamsImages;
import io.imgsh.store.RemoteRecord;
import io.imgsh.store.Store;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;

/**
 * The remotes registry, as {@code lxc remote} keeps it: the built-in {@code local} (this store), {@code ubuntu} and
 * {@code ubuntu-daily} are static; {@code images} is seeded by the schema and may be removed like any added remote.
 */
public final class RemoteService implements AutoCloseable {
    static final String DEFAULT_KEY = "default-remote";

    private static final List<Remote> STATIC = List.of(
            new Remote(Remote.LOCAL, "unix://", Remote.LXD, "file access", false, true, ""),
            new Remote("ubuntu", "https://cloud-images.ubuntu.com/releases", Remote.SIMPLESTREAMS, "none", true, true,
                    ""),
            new Remote("ubuntu-daily", "https://cloud-images.ubuntu.com/daily", Remote.SIMPLESTREAMS, "none", true,
                    true, ""));

    private final Store store;
    private final Tls tls;
    private final ConfigService config;
    private volatile Path configDir = io.imgsh.engine.XdgDirs.config(System.getenv());
    /**
     * One client per trust (pinned certificate, client certificate or not), shared by every command of a session:
     * its connections are kept alive, so the requests after the first need no new TLS handshake.
     */
    private final Map<String, Http> clients = new ConcurrentHashMap<>();

    /** @param config where the {@link TransferLimits} of every download are read, when its request is sent */
    public RemoteService(Store store, Tls tls, ConfigService config) {
        this.store = store;
        this.tls = tls;
        this.config = config;
    }

    /** Where the client certificate for trusted lxd remotes lives ({@code client.crt}, {@code client.key}). */
    public void useConfigDir(Path dir) {
        this.configDir = dir;
        close();
    }

    /** What {@link #add} did: the remote, and whether the server now trusts this client thanks to the password. */
    public record Added(Remote remote, boolean nowTrusted) {
    }

    /**
     * All remotes sorted by name. A built-in one hides a stored remote of its name, as lxc's static remotes override
     * its configuration's (a store may have added {@code ubuntu-daily} before it was built in).
     */
    public List<Remote> list() {
        List<Remote> out = new ArrayList<>(STATIC);
        store.read(tx -> tx.remotes().all()).stream()
                .filter(stored -> STATIC.stream().noneMatch(builtIn -> builtIn.name().equals(stored.name())))
                .forEach(stored -> out.add(toRemote(stored)));
        out.sort(Comparator.comparing(Remote::name));
        return out;
    }

    /** The remote called {@code name}; LXD's error when there is none. */
    public Remote get(String name) {
        return find(name).orElseThrow(() -> new NotFoundException("The remote \"" + name + "\" doesn't exist"));
    }

    public Optional<Remote> find(String name) {
        for (Remote r : STATIC) {
            if (r.name().equals(name)) {
                return Optional.of(r);
            }
        }
        return store.read(tx -> tx.remotes().get(name)).map(RemoteService::toRemote);
    }

    public String defaultRemote() {
        return store.readOne(tx -> tx.remotes().setting(DEFAULT_KEY)).orElse(Remote.LOCAL);
    }

    /**
     * Adds a remote. {@code protocol} null means {@code lxd}. With {@code acceptCertificate} the server's certificate
     * is fetched now and pinned: later connections trust only it.
     */
    public Remote add(String name, String url, String protocol, boolean isPublic, boolean acceptCertificate,
                      String password) {
        return add(name, url, protocol, isPublic, acceptCertificate, password, () -> { }, null).remote();
    }

    /**
     * {@link #add}; a non-public lxd remote uses the client certificate (generated on first use, when
     * {@code generating} runs first) and, unless the server trusts it already, registers it with the trust
     * {@code password} ({@code POST /1.0/certificates}). A wrong password fails with the server's
     * {@code not authorized}, and nothing is added. Without a flag for them, a certificate no trust store vouches
     * for and a missing password are asked through {@code questions} (null: nobody to ask, which is an error).
     */
    public Added add(String name, String url, String protocol, boolean isPublic, boolean acceptCertificate,
                     String password, Runnable generating, AddQuestions questions) {
        checkName(name);
        String proto = protocol == null ? Remote.LXD : protocol.toLowerCase(Locale.ROOT);
        if (!proto.equals(Remote.LXD) && !proto.equals(Remote.SIMPLESTREAMS)) {
            throw new InvalidInputException("Invalid protocol: " + protocol);
        }
        Optional<Remote> existing = find(name);
        if (existing.isPresent()) {
            throw new ConflictException("Remote " + name + " exists as <" + existing.get().url() + ">");
        }
        String normalized = normalizeUrl(url, proto);
        if (password != null && !password.isEmpty() && !proto.equals(Remote.LXD)) {
            throw new InvalidInputException("A password is only for lxd remotes");
        }
        boolean trusting = proto.equals(Remote.LXD) && !isPublic;
        if (trusting && !TlsIdentity.exists(configDir, TlsIdentity.Role.CLIENT)) {
            generating.run(); // first, as lxc does: the certificate is the client's whatever the server says
            TlsIdentity.loadOrCreate(configDir, TlsIdentity.Role.CLIENT);
        }
        String certificate = acceptCertificate ? tls.fetchCertificatePem(URI.create(normalized))
                : proto.equals(Remote.LXD) ? certificateToPin(URI.create(normalized), questions) : "";
        RemoteRecord record = new RemoteRecord(name, normalized, proto, proto.equals(Remote.LXD) ? "tls" : "none",
                proto.equals(Remote.SIMPLESTREAMS) || isPublic, certificate);
        boolean nowTrusted = trusting && trust(toRemote(record), password, questions);
        store.write(tx -> {
            if (tx.remotes().get(name).isPresent()) {
                throw new ConflictException("Remote " + name + " exists as <" + tx.remotes().get(name).get().url()
                        + ">");
            }
            tx.remotes().insert(record);
            return null;
        });
        return new Added(toRemote(record), nowTrusted);
    }

    /**
     * The certificate to pin for an lxd server: none when the system's trust store vouches for it; else, as LXD asks,
     * the server's own once the user accepts its fingerprint.
     */
    private String certificateToPin(URI url, AddQuestions questions) {
        if (tls.trusted(url)) {
            return "";
        }
        if (questions == null) {
            throw new InvalidInputException("The certificate of " + url.getHost() + " is not trusted; add the remote"
                    + " with --accept-certificate to pin it");
        }
        String pem = tls.fetchCertificatePem(url);
        if (!questions.trustCertificate(Tls.fingerprint(pem))) {
            throw new EngineException("Server certificate NACKed by user");
        }
        return pem;
    }

    /** Makes the server trust this client's certificate; true when the password did it. */
    private boolean trust(Remote remote, String password, AddQuestions questions) {
        LxdClient server = new LxdClient(remote.url(), http(remote));
        if (server.trusted()) {
            return false;
        }
        String secret = password;
        if ((secret == null || secret.isEmpty()) && questions != null) {
            secret = questions.password(remote.name());
        }
        if (secret == null || secret.isEmpty()) {
            throw new InvalidInputException("The server does not trust this client: give its trust password with"
                    + " --password, or add the remote with --public");
        }
        server.addTrust(secret);
        if (!server.trusted()) {
            throw new EngineException("not authorized");
        }
        return true;
    }

    public void remove(String name) {
        modifiable(name);
        store.write(tx -> {
            if (tx.remotes().setting(DEFAULT_KEY).orElse(Remote.LOCAL).equals(name)) {
                throw new InvalidInputException("Can't remove the default remote");
            }
            if (!tx.remotes().delete(name)) {
                throw new NotFoundException("Remote " + name + " doesn't exist");
            }
            return null;
        });
    }

    public void rename(String name, String newName) {
        modifiable(name);
        checkName(newName);
        if (find(newName).isPresent()) {
            throw new ConflictException("Remote " + newName + " already exists");
        }
        store.write(tx -> {
            if (!tx.remotes().rename(name, newName)) {
                throw new NotFoundException("Remote " + name + " doesn't exist");
            }
            if (tx.remotes().setting(DEFAULT_KEY).orElse(Remote.LOCAL).equals(name)) {
                tx.remotes().setSetting(DEFAULT_KEY, newName);
            }
            return null;
        });
    }

    public void setUrl(String name, String url) {
        Remote r = modifiable(name);
        String normalized = normalizeUrl(url, r.protocol());
        store.write(tx -> tx.remotes().update(new RemoteRecord(r.name(), normalized, r.protocol(), r.authType(),
                r.isPublic(), r.certificate())));
    }

    public void switchTo(String name) {
        find(name).orElseThrow(() -> new NotFoundException("Remote " + name + " doesn't exist")); // lxc's words
        store.write(tx -> {
            tx.remotes().setSetting(DEFAULT_KEY, name);
            return null;
        });
    }

    private Remote modifiable(String name) {
        Remote r = find(name).orElseThrow(() -> new NotFoundException("Remote " + name + " doesn't exist"));
        if (r.isStatic()) {
            throw new InvalidInputException("Remote " + name + " is static and cannot be modified");
        }
        return r;
    }

    private static void checkName(String name) {
        if (name.isEmpty()) {
            throw new InvalidInputException("Remote names may not be empty");
        }
        if (name.contains(":")) {
            throw new InvalidInputException("Remote names may not contain colons");
        }
        if (name.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new InvalidInputException("Remote names may not contain spaces or control characters");
        }
    }

    /** LXD's URL rules: a bare host gets {@code https://} (and port 8443 for lxd); only https is reachable. */
    static String normalizeUrl(String url, String protocol) {
        String text = url.contains("://") ? url : "https://" + url;
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new InvalidInputException("Invalid URL \"" + url + "\": " + e.getReason());
        }
        if (uri.getScheme().equals("unix")) {
            throw new InvalidInputException("Unix socket remotes are not supported: " + url);
        }
        if (!uri.getScheme().equals("https")) {
            throw new InvalidInputException("Only https:// URLs are supported: " + url);
        }
        if (uri.getHost() == null) {
            throw new InvalidInputException("Invalid URL \"" + url + "\": no host");
        }
        String out = text.replaceAll("/+$", "");
        if (protocol.equals(Remote.LXD) && uri.getPort() < 0) {
            out = "https://" + uri.getRawAuthority() + ":8443" + (uri.getRawPath() == null ? "" : uri.getRawPath());
            out = out.replaceAll("/+$", "");
        }
        return out;
    }

    private static Remote toRemote(RemoteRecord r) {
        return new Remote(r.name(), r.url(), r.protocol(), r.authType(), r.isPublic(), false, r.certificate());
    }

    /** The HTTPS client for a remote, trusting its pinned certificate or the system store. */
    public Http http(Remote remote) {
        if (presentsCertificate(remote)) {
            return clients.computeIfAbsent("client " + configDir + "\n" + remote.certificate(),
                    key -> new Http(clientContext(remote), this::limits));
        }
        return clients.computeIfAbsent("public\n" + remote.certificate(),
                key -> new Http(tls.context(remote.certificate()), this::limits));
    }

    /**
     * The event stream of the lxd remote {@code name} ({@code imgsh monitor}), over the same TLS as its REST API:
     * each event, as JSON, goes to {@code listener}.
     */
    public LxdEvents events(String name, Set<EventType> types, Consumer<String> listener) {
        Remote remote = get(name);
        if (!remote.protocol().equals(Remote.LXD) || remote.isLocal()) {
            throw new InvalidInputException("The remote \"" + name + "\" has no event stream (an lxd remote has)");
        }
        SSLContext context = presentsCertificate(remote) ? clientContext(remote) : tls.context(remote.certificate());
        return LxdEvents.open(remote.url(), context, !remote.certificate().isEmpty(), types, listener);
    }

    /** Whether this client presents its certificate to the remote: a trusted lxd remote, once there is one. */
    private boolean presentsCertificate(Remote remote) {
        return remote.protocol().equals(Remote.LXD) && !remote.isPublic()
                && TlsIdentity.exists(configDir, TlsIdentity.Role.CLIENT);
    }

    private SSLContext clientContext(Remote remote) {
        return tls.clientContext(remote.certificate(),
                TlsIdentity.load(configDir, TlsIdentity.Role.CLIENT).keyManagers());
    }

    /** The limits of every download, as configured now. */
    private TransferLimits limits() {
        return TransferLimits.of(config);
    }

    /** The images of a remote (not {@code local}, which is the store: see {@code Engine.images}). */
    public Images images(String name) {
        Remote remote = get(name);
        if (remote.isLocal()) {
            throw new EngineException("The local remote is this store");
        }
        return images(remote);
    }

    /**
     * The images a recorded update source points at: through a trusted lxd remote of the same URL when there is one
     * (so that private images it gave can be refreshed too), else as a public client, as LXD's daemon does.
     */
    public Images imagesAt(String url, String protocol, String certificate) {
        return imagesAt(url, protocol, certificate, "");
    }

    /**
     * As {@link #imagesAt(String, String, String)}, holding the {@code secret} an lxd server gave for one of its
     * private images (a daemon pulls a private image so, as {@code lxc image copy} asks it to).
     */
    public Images imagesAt(String url, String protocol, String certificate, String secret) {
        String pem = certificate == null ? "" : certificate;
        Optional<Remote> trusted = list().stream()
                .filter(r -> !r.isPublic() && !r.isLocal() && r.protocol().equals(protocol) && r.url().equals(url)
                        && r.certificate().equals(pem))
                .findFirst();
        Remote remote = trusted.orElseGet(() -> new Remote(url, url, protocol,
                protocol.equals(Remote.LXD) ? "tls" : "none", true, false, pem));
        return secret == null || secret.isEmpty() || !protocol.equals(Remote.LXD) ? images(remote)
                : new LxdImages(remote, http(remote), secret);
    }

    /**
     * The lxd server at {@code url} as a client it does not trust, trusting only {@code certificate} (empty: the
     * system's authorities): where a push uploads with the server's token.
     */
    public LxdImages lxdAt(String url, String certificate) {
        Remote remote = new Remote(url, url, Remote.LXD, "tls", true, false, certificate == null ? "" : certificate);
        return new LxdImages(remote, http(remote));
    }

    private Images images(Remote remote) {
        if (remote.protocol().equals(Remote.SIMPLESTREAMS)) {
            return new SimpleStreamsImages(remote, http(remote), Architectures.host());
        }
        if (remote.protocol().equals(Remote.LXD)) {
            return new LxdImages(remote, http(remote));
        }
        throw new EngineException("The " + remote.protocol() + " protocol is not supported (remote "
                + remote.name() + ")");
    }

    /** Closes the HTTPS clients of this engine's remotes. */
    @Override
    public void close() {
        clients.values().forEach(Http::close);
        clients.clear();
    }
}
