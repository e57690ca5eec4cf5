package io.imgsh.shell.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.shell.CliTest;
import org.junit.jupiter.api.Test;

class ConfigCommandTest extends CliTest {
    private static final String DEFAULTS = """
            config: {}
            # defaults in effect:
            #   core.https_address:\s
            #   core.ssh_address:\s
            #   core.ssh_authorized_keys:\s
            #   core.ssh_idle_timeout: 900
            #   core.ssh_max_sessions: 10
            #   core.trust_password:\s
            #   images.remote_cache_expiry: 10
            #   images.auto_update_interval: 6
            #   images.auto_update_cached: true
            #   images.compression_algorithm: gzip
            #   images.direct_allowed_hosts:\s
            #   images.max_download_size: 17179869184
            #   images.download_stall_timeout: 30
            #   images.download_min_rate: 1024
            #   images.verify_interval: 24
            #   images.verify_rate: 52428800
            """;

    @Test
    void showAndGetPrintTheDefaults() {
        assertThat(assertOk(imgsh.run("config", "show"))).isEqualTo(DEFAULTS);
        assertThat(assertOk(imgsh.run("config", "get", "images.remote_cache_expiry"))).isEqualTo("10\n");
        assertThat(assertOk(imgsh.run("config", "get", "images.auto_update_interval"))).isEqualTo("6\n");
        assertThat(assertOk(imgsh.run("config", "get", "images.download_stall_timeout"))).isEqualTo("30\n");
    }

    @Test
    void setGetShowUnset() {
        assertThat(assertOk(imgsh.run("config", "set", "images.auto_update_interval", "0"))).isEmpty();
        assertThat(assertOk(imgsh.run("config", "set", "images.remote_cache_expiry", "3"))).isEmpty();
        assertThat(assertOk(imgsh.run("config", "set", "images.download_min_rate", "0"))).isEmpty();
        assertThat(assertOk(imgsh.run("config", "get", "images.auto_update_interval"))).isEqualTo("0\n");
        assertThat(assertOk(imgsh.run("config", "show"))).isEqualTo("""
                config:
                  images.auto_update_interval: "0"
                  images.download_min_rate: "0"
                  images.remote_cache_expiry: "3"
                # defaults in effect:
                #   core.https_address:\s
                #   core.ssh_address:\s
                #   core.ssh_authorized_keys:\s
                #   core.ssh_idle_timeout: 900
                #   core.ssh_max_sessions: 10
                #   core.trust_password:\s
                #   images.auto_update_cached: true
                #   images.compression_algorithm: gzip
                #   images.direct_allowed_hosts:\s
                #   images.max_download_size: 17179869184
                #   images.download_stall_timeout: 30
                #   images.verify_interval: 24
                #   images.verify_rate: 52428800
                """);
        assertThat(assertOk(imgsh.run("config", "unset", "images.auto_update_interval"))).isEmpty();
        assertThat(assertOk(imgsh.run("config", "unset", "images.remote_cache_expiry"))).isEmpty();
        assertThat(assertOk(imgsh.run("config", "unset", "images.download_min_rate"))).isEmpty();
        assertThat(assertOk(imgsh.run("config", "show"))).isEqualTo(DEFAULTS);
        // unsetting again is fine
        assertThat(assertOk(imgsh.run("config", "unset", "images.download_min_rate"))).isEmpty();
    }

    @Test
    void theTrustPasswordShowsAsLxdShowsIt() {
        assertThat(assertOk(imgsh.run("config", "get", "core.trust_password"))).isEqualTo("\n");
        assertThat(assertOk(imgsh.run("config", "set", "core.trust_password", "s3cret"))).isEmpty();
        assertThat(assertOk(imgsh.run("config", "get", "core.trust_password"))).isEqualTo("true\n");
        assertThat(assertOk(imgsh.run("config", "show"))).startsWith("""
                config:
                  core.trust_password: true
                # defaults in effect:
                """).doesNotContain("s3cret");
        assertThat(assertOk(imgsh.run("config", "unset", "core.trust_password"))).isEmpty();
        assertThat(assertOk(imgsh.run("config", "show"))).isEqualTo(DEFAULTS);
    }

    @Test
    void invalidValuesAreRefusedAsLxdRefusesThem() {
        assertStoreUnchanged(() -> {
            assertError(imgsh.run("config", "set", "images.remote_cache_expiry", "abc"), 1,
                    "Error: cannot set 'images.remote_cache_expiry' to 'abc': invalid integer");
            assertError(imgsh.run("config", "set", "images.auto_update_interval", "1.5"), 1,
                    "Error: cannot set 'images.auto_update_interval' to '1.5': invalid integer");
            assertErrorContains(imgsh.run("config", "set", "images.download_stall_timeout", "0"), 1,
                    "cannot set 'images.download_stall_timeout' to '0': ");
            assertError(imgsh.run("config", "set", "images.no_such_key", "1"), 1,
                    "Error: cannot set 'images.no_such_key' to '1': unknown key");
        });
    }

    @Test
    void unknownKeysForGetAndUnset() {
        assertErrorContains(imgsh.run("config", "get", "images.no_such_key"), 1, "images.no_such_key");
        assertErrorContains(imgsh.run("config", "unset", "images.no_such_key"), 1, "images.no_such_key");
    }

    @Test
    void usage() {
        assertErrorContains(imgsh.run("config", "set", "images.remote_cache_expiry"), 2, "Missing required parameter");
        assertErrorContains(imgsh.run("config", "get"), 2, "Missing required parameter");
    }
}
