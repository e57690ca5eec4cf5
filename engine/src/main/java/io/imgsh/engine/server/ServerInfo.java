package io.imgsh.engine.server;

import io.imgsh.engine.EngineException;
import io.imgsh.engine.config.ConfigKey;
import io.imgsh.engine.config.ConfigService;
import io.imgsh.engine.format.Architectures;
import io.imgsh.engine.remote.Http;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /1.0} as LXD 5.0.2 answers it: the API extensions its client checks before using a feature, whether the
 * caller is trusted, and for a trusted caller the server's configuration and environment with its certificate.
 */
final class ServerInfo {
    /** The extensions LXD 5.0.2 announces (its wire capture), which its client and daemon test for. */
    private static final List<String> API_EXTENSIONS = apiExtensions();

    private final ConfigService config;
    private final String address;
    private final String certificatePem;
    private final String certificateFingerprint;

    ServerInfo(ConfigService config, String address, String certificatePem, String certificateFingerprint) {
        this.config = config;
        this.address = address;
        this.certificatePem = certificatePem;
        this.certificateFingerprint = certificateFingerprint;
    }

    Map<String, Object> of(Caller caller) {
        Map<String, Object> info = new LinkedHashMap<>();
        if (caller.trusted()) {
            // the keys set, as LXD shows them (core.trust_password: true), with the address actually listened on
            Map<String, Object> set = new TreeMap<>(config.asLxdShowsIt());
            set.put(ConfigKey.HTTPS_ADDRESS.key(), address);
            info.put("config", set);
        }
        info.put("api_extensions", API_EXTENSIONS);
        info.put("api_status", "stable");
        info.put("api_version", "1.0");
        info.put("auth", caller.trusted() ? "trusted" : "untrusted");
        info.put("public", false);
        info.put("auth_methods", List.of("tls"));
        if (caller.trusted()) {
            info.put("environment", environment());
        }
        return info;
    }

    private Map<String, Object> environment() {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("addresses", List.of(address));
        env.put("architectures", List.of(Architectures.host()));
        env.put("certificate", certificatePem);
        env.put("certificate_fingerprint", certificateFingerprint);
        env.put("driver", "");
        env.put("driver_version", "");
        env.put("kernel", System.getProperty("os.name"));
        env.put("kernel_architecture", Architectures.host());
        env.put("kernel_version", System.getProperty("os.version"));
        env.put("os_name", System.getProperty("os.name"));
        env.put("os_version", "");
        env.put("project", "default");
        env.put("server", "imgsh");
        env.put("server_clustered", false);
        env.put("server_event_mode", "full-mesh");
        env.put("server_name", hostName());
        env.put("server_pid", ProcessHandle.current().pid());
        env.put("server_version", Http.VERSION);
        env.put("storage", "");
        env.put("storage_version", "");
        return env;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    private static List<String> apiExtensions() {
        try (InputStream in = ServerInfo.class.getResourceAsStream("api-extensions.txt")) {
            if (in == null) {
                throw new EngineException("api-extensions.txt is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines().filter(l -> !l.isBlank())
                    .toList();
        } catch (IOException e) {
            throw new EngineException("Cannot read the API extensions: " + e.getMessage(), e);
        }
    }
}
