package io.imgsh.engine.config;

import io.imgsh.engine.InvalidInputException;
import java.util.Arrays;
import java.util.Optional;

/** The keys of LXD's server configuration that imgsh reads, their defaults and LXD's validation. */
public enum ConfigKey {
    HTTPS_ADDRESS("core.https_address", "", Unit.NONE, "address:port that 'imgsh serve' listens on (LXD's REST API over"
            + " HTTPS); :8443 is every address; empty: serve needs --listen") {
        @Override
        void validate(String value) {
            try {
                io.imgsh.engine.server.ListenAddress.parse(value);
            } catch (InvalidInputException e) {
                throw new IllegalArgumentException(e.getMessage());
            }
        }
    },
    SSH_ADDRESS("core.ssh_address", "", Unit.NONE, "address:port on which 'imgsh serve' also listens for SSH (the"
            + " admin console); :2222 is every address; empty: no SSH") {
        @Override
        void validate(String value) {
            try {
                io.imgsh.engine.server.ListenAddress.parse(value, io.imgsh.engine.server.ListenAddress.SSH_PORT);
            } catch (InvalidInputException e) {
                throw new IllegalArgumentException(e.getMessage());
            }
        }
    },
    SSH_AUTHORIZED_KEYS("core.ssh_authorized_keys", "", Unit.NONE, "OpenSSH authorized_keys file of the keys that may"
            + " log in to the SSH console; empty: $XDG_CONFIG_HOME/imgsh/authorized_keys") {
        @Override
        void validate(String value) {
            if (!value.isEmpty() && !java.nio.file.Path.of(value).isAbsolute()) {
                throw new IllegalArgumentException("must be an absolute path");
            }
        }
    },
    SSH_IDLE_TIMEOUT("core.ssh_idle_timeout", "900", Unit.SECONDS, "seconds an SSH connection may pass nothing either"
            + " way before it is closed (0: never)") {
        @Override
        void validate(String value) {
            requireAtLeast(value, 0, "a number of seconds (0 or more)");
        }
    },
    SSH_MAX_SESSIONS("core.ssh_max_sessions", "10", Unit.NONE, "SSH connections logged in at once; the next login is"
            + " refused") {
        @Override
        void validate(String value) {
            requireAtLeast(value, 1, "a positive number of connections");
        }
    },
    TRUST_PASSWORD("core.trust_password", "", Unit.NONE, "password with which a client ('lxc remote add --password')"
            + " has 'imgsh serve' trust its certificate; kept only as a salted hash, shown as true; empty: none") {
        @Override
        void validate(String value) {
        }
    },
    REMOTE_CACHE_EXPIRY("images.remote_cache_expiry", "10", Unit.DAYS, "days an unused cached image is kept (0 or less: forever)") {
        @Override
        void validate(String value) {
            requireInteger(value);
        }
    },
    AUTO_UPDATE_INTERVAL("images.auto_update_interval", "6", Unit.HOURS, "hours between checks for newer images (0: never)") {
        @Override
        void validate(String value) {
            requireInteger(value);
        }
    },
    AUTO_UPDATE_CACHED("images.auto_update_cached", "true", Unit.NONE, "whether images cached by 'launch' and 'init'"
            + " are kept up to date (their auto_update)") {
        @Override
        void validate(String value) {
            if (!value.equals("true") && !value.equals("false")) {
                throw new IllegalArgumentException("invalid boolean");
            }
        }
    },
    COMPRESSION_ALGORITHM("images.compression_algorithm", "gzip", Unit.NONE, "compression of images made by 'publish':"
            + " gzip, bzip2, xz, lzma, zstd or none") {
        @Override
        void validate(String value) {
            io.imgsh.engine.format.Compression.named(value);
        }
    },
    DIRECT_ALLOWED_HOSTS("images.direct_allowed_hosts", "", Unit.NONE, "hosts (name or name:port, comma-separated) that"
            + " 'image import https://...' may fetch from; empty: URL import disabled") {
        @Override
        void validate(String value) {
            io.imgsh.engine.remote.direct.AllowList.parse(value);
        }
    },
    MAX_DOWNLOAD_SIZE("images.max_download_size", "17179869184", Unit.BYTES, "largest image in bytes that is downloaded;"
            + " also the cap of a download whose size the server does not announce") {
        @Override
        void validate(String value) {
            requireAtLeast(value, 1, "a positive number of bytes");
        }
    },
    DOWNLOAD_STALL_TIMEOUT("images.download_stall_timeout", "30", Unit.SECONDS, "seconds a download may receive nothing before it"
            + " fails") {
        @Override
        void validate(String value) {
            requireAtLeast(value, 1, "a positive number of seconds");
        }
    },
    DOWNLOAD_MIN_RATE("images.download_min_rate", "1024", Unit.BYTES_PER_SECOND, "slowest download in bytes per second, averaged over each"
            + " stall timeout of waiting; a slower one fails (0: no minimum)") {
        @Override
        void validate(String value) {
            requireAtLeast(value, 0, "a number of bytes per second (0 or more)");
        }
    },
    VERIFY_INTERVAL("images.verify_interval", "24", Unit.HOURS, "hours between verifications of the store's files"
            + " inside 'imgsh serve' (0: never)") {
        @Override
        void validate(String value) {
            requireAtLeast(value, 0, "a number of hours (0 or more)");
        }
    },
    VERIFY_RATE("images.verify_rate", "52428800", Unit.BYTES_PER_SECOND, "most bytes per second that a verification"
            + " inside 'imgsh serve' reads (0: no limit); 'image verify' itself reads at full speed") {
        @Override
        void validate(String value) {
            requireAtLeast(value, 0, "a number of bytes per second (0 or more)");
        }
    };

    private final String key;
    private final String defaultValue;
    private final Unit unit;
    private final String description;

    ConfigKey(String key, String defaultValue, Unit unit, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.unit = unit;
        this.description = description;
    }

    /** What a key's number counts, for showing its default to a person. */
    enum Unit {
        NONE(""), DAYS(" days"), HOURS(" hours"), SECONDS(" s"), BYTES(""), BYTES_PER_SECOND("/s");

        private final String suffix;

        Unit(String suffix) {
            this.suffix = suffix;
        }

        String show(String value) {
            if (value.isEmpty()) {
                return "empty";
            }
            return (this == BYTES || this == BYTES_PER_SECOND ? binary(Long.parseLong(value)) : value) + suffix;
        }

        /** {@code 16 GiB}, {@code 1 KiB}: the largest binary unit that the value is a whole number of. */
        private static String binary(long bytes) {
            String[] units = {" bytes", " KiB", " MiB", " GiB", " TiB"};
            int i = 0;
            while (i < units.length - 1 && bytes >= 1024 && bytes % 1024 == 0) {
                bytes /= 1024;
                i++;
            }
            return bytes + units[i];
        }
    }

    public String key() {
        return key;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    /** The default as a person reads it, in one unit: {@code 16 GiB}, {@code 30 s}, {@code 10 days}. */
    public String defaultText() {
        return unit.show(defaultValue);
    }

    abstract void validate(String value);

    public static Optional<ConfigKey> find(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }

    /** The key, or an error in LXD's words for an attempt to set it. */
    static ConfigKey forSet(String key, String value) {
        return find(key).orElseThrow(() -> new InvalidInputException(
                "cannot set '" + key + "' to '" + value + "': unknown key"));
    }

    /** The key, or an error for a key that does not exist. */
    static ConfigKey require(String key) {
        return find(key).orElseThrow(() -> new InvalidInputException("unknown key: " + key));
    }

    private static void requireInteger(String value) {
        try {
            Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid integer");
        }
    }

    private static void requireAtLeast(String value, long least, String expected) {
        requireInteger(value);
        if (Long.parseLong(value) < least) {
            throw new IllegalArgumentException("must be " + expected);
        }
    }
}
