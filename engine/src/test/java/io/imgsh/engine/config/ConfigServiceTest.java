package io.imgsh.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgsh.engine.InvalidInputException;
import io.imgsh.engine.image.ImageFixture;
import io.imgsh.engine.image.ImageFixtureTest;
import io.imgsh.store.EventRecord;
import io.imgsh.store.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** images.* server configuration: LXD's defaults, validation and messages, persisted in a real store. */
class ConfigServiceTest extends ImageFixtureTest {
    private static final String EXPIRY = "images.remote_cache_expiry";
    private static final String INTERVAL = "images.auto_update_interval";
    private static final String HOSTS = "images.direct_allowed_hosts";
    private static final String TRUST_PASSWORD = "core.trust_password";

    ConfigService config;

    @BeforeEach
    void openConfig() {
        config = fx.engine.config();
    }

    @Test
    void defaultsWhenUnset() {
        assertThat(config.get(EXPIRY)).isEqualTo("10");
        assertThat(config.get(INTERVAL)).isEqualTo("6");
        assertThat(config.get(HOSTS)).isEmpty();
        assertThat(config.explicitlySet()).isEmpty();
        assertThat(ConfigKey.values()).extracting(ConfigKey::key)
                .containsExactly("core.https_address", "core.ssh_address", "core.ssh_authorized_keys",
                        "core.ssh_idle_timeout", "core.ssh_max_sessions", TRUST_PASSWORD, EXPIRY, INTERVAL,
                        "images.auto_update_cached", "images.compression_algorithm", HOSTS,
                        "images.max_download_size", "images.download_stall_timeout",
                        "images.download_min_rate", "images.verify_interval", "images.verify_rate");
        assertThat(ConfigKey.values()).allSatisfy(k -> assertThat(k.description()).isNotBlank());
    }

    @Test
    void setGetUnset() {
        config.set(EXPIRY, "3");
        config.set(INTERVAL, "0");
        config.set(HOSTS, "images.example");
        assertThat(config.get(EXPIRY)).isEqualTo("3");
        assertThat(config.get(INTERVAL)).isEqualTo("0");
        assertThat(config.get(HOSTS)).isEqualTo("images.example");
        assertThat(config.explicitlySet()).containsExactly(Map.entry(INTERVAL, "0"),
                Map.entry(HOSTS, "images.example"), Map.entry(EXPIRY, "3"));

        config.set(EXPIRY, "-1");
        assertThat(config.get(EXPIRY)).isEqualTo("-1");

        config.unset(EXPIRY);
        assertThat(config.get(EXPIRY)).isEqualTo("10");
        assertThat(config.explicitlySet()).doesNotContainKey(EXPIRY);
        config.unset(EXPIRY); // unsetting again is fine
        assertThat(config.explicitlySet()).containsOnlyKeys(HOSTS, INTERVAL);
    }

    @Test
    void anEmptyValueUnsetsAsInLxd() {
        config.set(EXPIRY, "3");
        config.set(EXPIRY, "");
        assertThat(config.get(EXPIRY)).isEqualTo("10");
        assertThat(config.explicitlySet()).isEmpty();
        config.set(HOSTS, "");
        assertThat(config.explicitlySet()).isEmpty();
    }

    @Test
    void valuesPersistAcrossReopening() {
        config.set(INTERVAL, "12");
        fx.close();
        fx = new ImageFixture(tmp);
        assertThat(fx.engine.config().get(INTERVAL)).isEqualTo("12");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1.5", " 1", "1 ", "0x10", "1e3", "99999999999999999999"})
    void integersAreValidatedWithLxdsMessage(String value) {
        for (String key : List.of(EXPIRY, INTERVAL)) {
            assertThatThrownBy(() -> config.set(key, value))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("cannot set '" + key + "' to '" + value + "': invalid integer");
        }
        assertThat(config.explicitlySet()).isEmpty();
        assertThat(fx.events()).isEmpty();
    }

    @Test
    void transferLimitsHaveTheirRanges() {
        String stall = "images.download_stall_timeout";
        String rate = "images.download_min_rate";
        String size = "images.max_download_size";
        assertThatThrownBy(() -> config.set(stall, "0")).isInstanceOf(InvalidInputException.class)
                .hasMessage("cannot set '" + stall + "' to '0': must be a positive number of seconds");
        assertThatThrownBy(() -> config.set(rate, "-1")).isInstanceOf(InvalidInputException.class)
                .hasMessage("cannot set '" + rate + "' to '-1': must be a number of bytes per second (0 or more)");
        assertThatThrownBy(() -> config.set(size, "0")).isInstanceOf(InvalidInputException.class)
                .hasMessage("cannot set '" + size + "' to '0': must be a positive number of bytes");
        assertThatThrownBy(() -> config.set(size, "16GiB")).hasMessageEndingWith("invalid integer");
        config.set(stall, "1");
        config.set(rate, "0");
        config.set(size, "1");
        assertThat(io.imgsh.engine.remote.TransferLimits.of(config))
                .isEqualTo(new io.imgsh.engine.remote.TransferLimits(Duration.ofSeconds(1), 0, 1));
    }

    @Test
    void cachingAndPublishingKeysAreValidatedAsLxdValidatesThem() {
        assertThat(config.get("images.auto_update_cached")).isEqualTo("true");
        assertThat(config.get("images.compression_algorithm")).isEqualTo("gzip");
        assertThatThrownBy(() -> config.set("images.auto_update_cached", "yes"))
                .hasMessage("cannot set 'images.auto_update_cached' to 'yes': invalid boolean");
        assertThatThrownBy(() -> config.set("images.compression_algorithm", "rar"))
                .hasMessageStartingWith("cannot set 'images.compression_algorithm' to 'rar': ");
        config.set("images.compression_algorithm", "xz");
        assertThat(config.get("images.compression_algorithm")).isEqualTo("xz");
    }

    @Test
    void unknownKeys() {
        assertThatThrownBy(() -> config.set("images.no_such_key", "1"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("cannot set 'images.no_such_key' to '1': unknown key");
        assertThatThrownBy(() -> config.set("core.no_such_key", ""))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("cannot set 'core.no_such_key' to '': unknown key");
        assertThatThrownBy(() -> config.set("core.https_address", "127.0.0.1:http"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("cannot set 'core.https_address' to '127.0.0.1:http': Invalid address \"127.0.0.1:http\":"
                        + " the port must be 0 to 65535");
        assertThatThrownBy(() -> config.set("core.ssh_address", "127.0.0.1:ssh"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("cannot set 'core.ssh_address' to '127.0.0.1:ssh': Invalid address \"127.0.0.1:ssh\":"
                        + " the port must be 0 to 65535");
        assertThatThrownBy(() -> config.set("core.ssh_authorized_keys", "keys"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("cannot set 'core.ssh_authorized_keys' to 'keys': must be an absolute path");
        assertThatThrownBy(() -> config.set("core.ssh_idle_timeout", "-1"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("cannot set 'core.ssh_idle_timeout' to '-1': must be a number of seconds (0 or more)");
        assertThatThrownBy(() -> config.set("core.ssh_max_sessions", "0"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("cannot set 'core.ssh_max_sessions' to '0': must be a positive number of connections");
        assertThatThrownBy(() -> config.unset("images.no_such_key"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("cannot set 'images.no_such_key' to '': unknown key");
        assertThatThrownBy(() -> config.get("images.no_such_key"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("images.no_such_key");
        assertThat(config.explicitlySet()).isEmpty();
        assertThat(fx.events()).isEmpty();
    }

    @Test
    void everyChangeAppendsConfigUpdated() {
        config.set(EXPIRY, "3");
        fx.clock.advance(Duration.ofSeconds(5));
        config.unset(EXPIRY);
        fx.clock.advance(Duration.ofSeconds(5));
        config.set(HOSTS, "");

        assertThat(fx.events()).extracting(e -> e.action() + " " + e.source() + " " + e.context())
                .containsExactly("config-updated /1.0 {}", "config-updated /1.0 {}", "config-updated /1.0 {}");
        assertThat(fx.events()).extracting(EventRecord::timestamp).containsExactly(ImageFixture.START,
                ImageFixture.START.plusSeconds(5), ImageFixture.START.plusSeconds(10));
    }

    @Test
    void theTrustPasswordIsKeptOnlyAsASaltedHashAndShownAsTrue() throws Exception {
        assertThat(config.get(TRUST_PASSWORD)).isEmpty();
        assertThat(config.trustPasswordMatches("")).isFalse();
        config.set(TRUST_PASSWORD, "hunter2-clear");
        String first = storedTrustPassword();
        assertThat(first).matches("\\$scrypt\\$ln=15,r=8,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}")
                .doesNotContain("hunter2");
        assertThat(config.get(TRUST_PASSWORD)).isEqualTo("true");
        assertThat(config.explicitlySet()).containsExactly(Map.entry(TRUST_PASSWORD, "true"));
        assertThat(config.asLxdShowsIt()).containsExactly(Map.entry(TRUST_PASSWORD, true));
        assertThat(config.trustPasswordMatches("hunter2-clear")).isTrue();
        assertThat(config.trustPasswordMatches("hunter2-clea")).isFalse();
        assertThat(config.trustPasswordMatches("")).isFalse();
        // the database file and its journal hold no trace of the clear text
        try (var files = Files.list(fx.home)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString())
                        .doesNotContain("hunter2");
            }
        }

        config.set(TRUST_PASSWORD, "hunter2-clear");
        assertThat(storedTrustPassword()).as("a fresh salt each time").isNotEqualTo(first);
        assertThat(config.trustPasswordMatches("hunter2-clear")).isTrue();
        config.unset(TRUST_PASSWORD);
        assertThat(config.get(TRUST_PASSWORD)).isEmpty();
        assertThat(config.trustPasswordMatches("hunter2-clear")).isFalse();
        assertThat(config.explicitlySet()).isEmpty();
    }

    /** The trust password's row as stored, read by a second store on the same home. */
    private String storedTrustPassword() {
        try (Store store = Store.open(fx.home)) {
            return store.read(tx -> tx.config().get(TRUST_PASSWORD)).orElseThrow();
        }
    }

    @Test
    void readsAppendNoEvents() {
        config.get(EXPIRY);
        config.explicitlySet();
        assertThat(fx.events()).isEmpty();
    }

    @Test
    void configDoesNotTouchImages() {
        assertThat(fx.images().list()).isEmpty();
        config.set(EXPIRY, "1");
        assertThat(fx.images().list()).isEmpty();
    }
}
