package io.imgsh.engine.instance;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An instance as it is kept in {@code instances/<name>/instance.json}. {@code config} holds LXD's keys: the ones given
 * ({@code security.privileged}, {@code raw.lxc}, {@code user.*}), the source image's properties as {@code image.*},
 * its fingerprint as {@code volatile.base_image}, the template trigger the next start applies as
 * {@code volatile.apply_template} and, once it has been started, {@code volatile.last_state.power}.
 */
public record Instance(
        String name,
        String architecture,
        boolean ephemeral,
        Map<String, String> config,
        @JsonProperty("created_at") Instant createdAt) {
    public static final String VOLATILE_PREFIX = "volatile.";
    public static final String BASE_IMAGE = "volatile.base_image";
    /** {@code create} or {@code copy} until the first start has applied that trigger's templates. */
    public static final String APPLY_TEMPLATE = "volatile.apply_template";
    /** {@code RUNNING} from a start, {@code STOPPED} from a stop: what imgsh last made of the instance. */
    public static final String LAST_POWER = "volatile.last_state.power";
    public static final String RUNNING = "RUNNING";
    public static final String STOPPED = "STOPPED";
    public static final String PRIVILEGED = "security.privileged";
    public static final String RAW_LXC = "raw.lxc";
    /** The keys {@code init -c} and {@code config set} accept, besides {@code user.*}. */
    public static final List<String> SETTABLE = List.of(PRIVILEGED, RAW_LXC);
    public static final String USER_PREFIX = "user.";

    public Instance {
        config = Collections.unmodifiableMap(new TreeMap<>(config));
    }

    /** This instance with {@code config} instead of its own. */
    public Instance withConfig(Map<String, String> config) {
        return new Instance(name, architecture, ephemeral, config, createdAt);
    }

    /** This instance with {@code key} set to {@code value}, or removed when {@code value} is null. */
    public Instance with(String key, String value) {
        Map<String, String> changed = new TreeMap<>(config);
        if (value == null) {
            changed.remove(key);
        } else {
            changed.put(key, value);
        }
        return withConfig(changed);
    }

    /** Whether imgsh last started the instance (and has not seen it stop since). */
    public boolean recordedRunning() {
        return RUNNING.equals(config.get(LAST_POWER));
    }

    /** The fingerprint of the image the instance was made from. */
    public String baseImage() {
        return config.getOrDefault(BASE_IMAGE, "");
    }

    public boolean privileged() {
        return Boolean.parseBoolean(config.getOrDefault(PRIVILEGED, "false"));
    }

    /** The shift of the ids in the rootfs: 0 when privileged, else the host id that is root in the instance. */
    public int idOffset() {
        return privileged() ? 0 : IdMap.HOST_ROOT;
    }

    /** The properties of the source image, from the {@code image.*} keys. */
    public Map<String, String> imageProperties() {
        Map<String, String> properties = new TreeMap<>();
        config.forEach((k, v) -> {
            if (k.startsWith("image.")) {
                properties.put(k.substring("image.".length()), v);
            }
        });
        return properties;
    }
}
