package io.imgsh.shell.completion;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.engine.config.ConfigKey;
import io.imgsh.engine.image.ImageRef;
import io.imgsh.engine.image.Progress;
import io.imgsh.engine.instance.FileMode;
import io.imgsh.engine.instance.Instances;
import io.imgsh.engine.instance.LaunchRequest;
import io.imgsh.engine.instance.Root;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jline.reader.Candidate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The prompt's completion: the completer called with parsed lines over a real store. */
class CommandCompleterTest {
    @TempDir
    Path dir;

    private CompletionFixture f;

    @BeforeEach
    void open() {
        f = new CompletionFixture(dir);
    }

    @AfterEach
    void close() {
        f.close();
    }

    // ---- commands

    @Test
    void topLevelCommandsWithTheirDescriptionsAndThePromptsOwnWords() {
        assertThat(f.values("")).contains("image", "config", "help", "exit", "quit");
        assertThat(f.values("ima")).containsExactly("image");
        Candidate image = f.candidate("ima", "image");
        assertThat(image.descr()).isEqualTo("Manage images");
        assertThat(image.complete()).isTrue();
        assertThat(f.candidate("", "exit").descr()).isEqualTo("Leave the shell");
    }

    @Test
    void subcommandsWithoutTheirAliasesUnlessOnlyAnAliasFits() {
        assertThat(f.values("image ")).contains("import", "list", "info", "export", "delete", "get-property",
                "set-property", "unset-property", "alias").doesNotContain("ls", "rm");
        assertThat(f.values("image l")).containsExactly("list");
        assertThat(f.values("image rm")).containsExactly("rm");
        assertThat(f.candidate("image rm", "rm").descr()).startsWith("same as delete");
        assertThat(f.values("image alias ")).contains("create", "delete", "list", "rename");
        assertThat(f.candidate("image ", "list").descr()).isEqualTo("List images");
        assertThat(f.values("config s")).containsExactly("set", "show");
    }

    @Test
    void instanceNamesWhereAnInstanceGoesAndImagesWhereAnImageGoes() {
        Root.require();
        f.session.engine().instances().create(new LaunchRequest(new ImageRef("local", "web"), "web1", Map.of(),
                false), Progress.NONE);
        assertThat(f.values("exec w")).containsExactly("web1");
        assertThat(f.values("stop --force ")).containsExactly("web1");
        assertThat(f.candidate("publish ", "web1").descr()).isEqualTo("instance");
        assertThat(f.values("launch we")).contains("web", "webby").doesNotContain("web1");
    }

    @Test
    void snapshotsWhereANameSlashSnapshotGoesAndPathsInsideTheInstanceForFilePull() throws Exception {
        Root.require();
        Instances instances = f.session.engine().instances();
        instances.create(new LaunchRequest(new ImageRef("local", "web"), "web1", Map.of(), false), Progress.NONE);
        instances.snapshot("web1", "before");
        instances.snapshot("web1", "after");
        assertThat(f.values("restore web1 ")).containsExactly("after", "before");
        assertThat(f.values("restore web1 b")).containsExactly("before");
        assertThat(f.values("delete web1/")).containsExactly("web1/after", "web1/before");
        assertThat(f.values("copy web1/a")).containsExactly("web1/after");
        assertThat(f.values("publish web1/")).containsExactly("web1/after", "web1/before");
        assertThat(f.values("delete w")).containsExactly("web1");

        instances.push("web1", new ByteArrayInputStream(new byte[0]), "/srv/www/index.html",
                new FileMode(null, null, null, true));
        Path rootfs = dir.resolve("home/instances/web1/rootfs");
        Files.createSymbolicLink(rootfs.resolve("escape"), dir);
        Files.createSymbolicLink(rootfs.resolve("site"), Path.of("/srv/www"));
        assertThat(f.values("file pull w")).containsExactly("web1/");
        assertThat(f.candidate("file pull w", "web1/").complete()).isFalse();
        assertThat(f.values("file pull web1/s")).containsExactly("web1/site/", "web1/srv/");
        assertThat(f.values("file pull web1/srv/www/")).containsExactly("web1/srv/www/index.html");
        assertThat(f.values("file pull web1/site/")).containsExactly("web1/site/index.html");
        assertThat(f.values("file pull web1/escape/")).isEmpty();
        assertThat(f.values("file pull nosuch/")).isEmpty();
    }

    @Test
    void configCompletesStoreKeysInstancesAndTheInstancesKeys() {
        Root.require();
        f.session.engine().instances().create(new LaunchRequest(new ImageRef("local", "web"), "web1",
                Map.of("user.tier", "front"), false), Progress.NONE);
        assertThat(f.values("config get ")).contains("web1", "images.remote_cache_expiry");
        assertThat(f.candidate("config get web1 ", "user.tier").descr()).isEqualTo("= front");
        assertThat(f.values("config get web1 vol")).containsExactly("volatile.apply_template", "volatile.base_image");
        assertThat(f.values("config set web1 ")).containsExactly("raw.lxc=", "security.privileged=", "user.");
        assertThat(f.values("config set web1 security.privileged=")).containsExactly("security.privileged=false",
                "security.privileged=true");
        assertThat(f.values("config unset web1 r")).containsExactly("raw.lxc");
        assertThat(f.values("config set images.compression_algorithm ")).containsExactly("gzip");
        assertThat(f.values("config show ")).containsExactly("web1");
    }

    @Test
    void subcommandsAfterAnAliasedCommand() {
        assertThat(f.values("image ls --f")).containsExactly("--format");
    }

    // ---- options and their values

    @Test
    void optionsWithDescriptions() {
        assertThat(f.values("image list -")).contains("-c", "--columns", "-f", "--format", "-h", "--help");
        Candidate format = f.candidate("image list --fo", "--format");
        assertThat(format.descr()).isEqualTo("table, compact, csv, json or yaml");
        assertThat(f.values("image import --")).contains("--alias", "--public", "--help");
    }

    @Test
    void formatValuesAfterTheOptionOrItsEqualsSign() {
        assertThat(f.values("image list --format ")).containsExactly("compact", "csv", "json", "table", "yaml");
        assertThat(f.values("image list -f j")).containsExactly("json");
        assertThat(f.values("image list --format=y")).containsExactly("--format=yaml");
        assertThat(f.values("image alias list --format c")).containsExactly("compact", "csv");
    }

    @Test
    void valuesDeclaredAsPicocliCandidates() {
        assertThat(f.values("image copy web local: --mode ")).containsExactly("pull", "push", "relay");
        assertThat(f.values("image copy --mode=r")).containsExactly("--mode=relay");
        assertThat(f.values("remote add --protocol s")).containsExactly("simplestreams");
        assertThat(f.candidate("image list --format ", "table").descr()).contains("default");
    }

    @Test
    void columnLettersAppendToThoseTypedWithTheirMeaning() {
        List<Candidate> letters = f.candidates("image list -c ");
        assertThat(letters).extracting(Candidate::value)
                .containsExactlyInAnyOrder("l", "L", "f", "F", "p", "d", "a", "t", "s", "u");
        assertThat(f.candidate("image list -c ", "F").descr()).isEqualTo("full fingerprint");
        assertThat(f.candidate("image list -c ", "u").descr()).isEqualTo("upload date");
        assertThat(letters).allMatch(c -> !c.complete());
        assertThat(f.values("image list --columns lf")).contains("lfp", "lfd").allMatch(v -> v.startsWith("lf"));
        assertThat(f.values("image alias list -c ")).containsExactlyInAnyOrder("a", "f", "t", "d");
    }

    @Test
    void configKeysWithDescriptionsAndDefaults() {
        assertThat(f.values("config get ")).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(ConfigKey.values()).map(ConfigKey::key).toList());
        assertThat(f.candidate("config set images.auto_u", "images.auto_update_interval").descr())
                .startsWith(ConfigKey.AUTO_UPDATE_INTERVAL.description());
        assertThat(f.values("config unset images.r")).containsExactly("images.remote_cache_expiry");
        assertThat(f.candidate("config set images.remote_cache_expiry ", "10").descr()).isEqualTo("default");
        assertThat(f.values("config set images.remote_cache_expiry ")).containsExactly("10");
        // the default once, in one unit
        assertThat(f.candidate("config set images.max_d", "images.max_download_size").descr())
                .endsWith("(default 16 GiB)").containsOnlyOnce("default");
        assertThat(f.candidate("config set images.download_m", "images.download_min_rate").descr())
                .endsWith("(default 1 KiB/s)");
        assertThat(f.candidate("config set images.remote_c", "images.remote_cache_expiry").descr())
                .endsWith("(default 10 days)");
        assertThat(f.candidate("config set images.direct_a", "images.direct_allowed_hosts").descr())
                .endsWith("(default empty)");
    }

    // ---- live data

    @Test
    void imageReferencesOfferTheRemotePrefixAliasesAndFingerprintPrefixes() {
        assertThat(f.values("image info ")).contains("local:", "web", "webby", "db",
                f.webFingerprint.substring(0, 12), f.dbFingerprint.substring(0, 12));
        assertThat(f.values("image info we")).containsExactly("web", "webby");
        assertThat(f.candidate("image info ", "local:").complete()).isFalse();
        Candidate web = f.candidate("image info w", "web");
        assertThat(web.descr()).isEqualTo(f.webFingerprint.substring(0, 12) + " Web server");
        assertThat(web.group()).isEqualTo(Groups.ALIASES);
        // "d" is also a hex digit: fingerprints starting with it would be offered too
        assertThat(f.values("image info local:d")).contains("local:db").doesNotContain("local:web")
                .allMatch(v -> v.startsWith("local:d"));
        assertThat(f.values("image info lo")).containsExactly("local:");
        assertThat(f.values("image info nosuch:")).isEmpty();
    }

    @Test
    void fingerprintPrefixesAreTwelveDigitsUntilMoreIsTyped() {
        String fp = f.webFingerprint;
        assertThat(f.values("image export " + fp.substring(0, 3))).contains(fp.substring(0, 12));
        Candidate c = f.candidate("image delete " + fp.substring(0, 4), fp.substring(0, 12));
        assertThat(c.group()).isEqualTo(Groups.FINGERPRINTS);
        assertThat(c.descr()).isEqualTo("web, webby - Web server");
        assertThat(f.values("image show " + fp.substring(0, 13))).containsExactly(fp);
        assertThat(f.values("image show local:" + fp.substring(0, 13))).containsExactly("local:" + fp);
    }

    @Test
    void everyReferenceOfAMultiReferenceCommand() {
        assertThat(f.values("image delete web d")).contains("db").allMatch(v -> v.startsWith("d"));
    }

    @Test
    void propertyKeysOfTheReferencedImageAndTheCurrentValue() {
        assertThat(f.values("image get-property web ")).containsExactly("description", "os", "release", "tier",
                "variant");
        assertThat(f.values("image get-property db ")).contains("engine", "tier");
        assertThat(f.values("image unset-property local:db en")).containsExactly("engine");
        assertThat(f.candidate("image set-property web ", "tier").descr()).isEqualTo("= front");
        assertThat(f.values("image set-property web tier ")).containsExactly("front");
        assertThat(f.values("image get-property nosuch ")).isEmpty();
    }

    @Test
    void listFiltersOfferPropertyKeysAcrossImagesAndTheirValues() {
        List<String> first = f.values("image list ");
        assertThat(first).contains("local:", "web", "db", "tier=", "engine=", "os=", "architecture=");
        assertThat(f.candidate("image list ", "tier=").complete()).isFalse();
        assertThat(f.values("image list tier=")).containsExactly("tier=back", "tier=front");
        assertThat(f.values("image list tier=f")).containsExactly("tier=front");
        assertThat(f.values("image list architecture=")).containsExactly("architecture=x86_64");
        // the remote prefix belongs to the first filter only
        assertThat(f.values("image list web ")).doesNotContain("local:").contains("tier=");
        assertThat(f.values("image list en")).containsExactly("engine=");
    }

    @Test
    void remoteNamesWhereARemoteIsNamedAndPrefixesForACopyTarget() {
        assertThat(f.values("remote switch ")).contains("local", "images", "ubuntu");
        assertThat(f.values("remote remove im")).containsExactly("images");
        assertThat(f.values("remote rename ")).contains("images");
        assertThat(f.values("remote set-url ub")).containsExactly("ubuntu", "ubuntu-daily");
        assertThat(f.values("remote add ")).isEmpty(); // a new name
        assertThat(f.values("remote add new ")).isEmpty(); // a URL
        // a copy goes to the store or a trusted lxd remote, never to a read-only image server
        assertThat(f.values("image copy web ")).contains("local:").doesNotContain("images:", "ubuntu:");
        assertThat(f.values("image copy ")).contains("images:", "ubuntu:"); // a source may be anywhere
    }

    @Test
    void aliasCommandsCompleteExistingAliasesOrFingerprints() {
        assertThat(f.values("image alias delete ")).containsExactly("db", "web", "webby");
        assertThat(f.candidate("image alias rename w", "web").descr())
                .isEqualTo("→ " + f.webFingerprint.substring(0, 12));
        assertThat(f.values("image alias create ")).contains("local:").allMatch(v -> v.endsWith(":"));
        assertThat(f.values("image alias create new ")).containsExactlyInAnyOrder(f.webFingerprint.substring(0, 12),
                f.dbFingerprint.substring(0, 12));
        assertThat(f.values("image alias list ")).contains("local:", "db", "web");
    }

    // ---- files

    @Test
    void filesForImportAndExportTargets() {
        assertThat(f.values("image import ")).contains("web.tar.xz", "db image.tar.gz", "sub/", "local:");
        assertThat(f.candidate("image import ", "sub/").complete()).isFalse();
        assertThat(f.candidate("image import ", "web.tar.xz").complete()).isTrue();
        assertThat(f.values("image import sub/")).containsExactly("sub/nested.tar");
        assertThat(f.values("image import web.tar.xz w")).containsExactly("web.tar.xz");
        assertThat(f.values("image export web ")).contains("web.tar.xz", "sub/");
        assertThat(f.values("image export web su")).containsExactly("sub/");
    }

    @Test
    void aFileNameWithABlankIsInsertedEscapedOrInsideTheQuoteTyped() {
        LineParser.Line plain = (LineParser.Line) new LineParser().parse("image import db", 15);
        assertThat(plain.escape("db image.tar.gz", true).toString()).isEqualTo("db\\ image.tar.gz");
        LineParser.Line quoted = (LineParser.Line) new LineParser().parse("image import 'db", 16);
        assertThat(quoted.word()).isEqualTo("db");
        assertThat(f.values("image import 'db")).containsExactly("db image.tar.gz");
        assertThat(quoted.escape("db image.tar.gz", true).toString()).isEqualTo("'db image.tar.gz'");
        assertThat(quoted.escape("sub/", false).toString()).isEqualTo("'sub/");
    }

    // ---- help

    @Test
    void helpCompletesCommandPaths() {
        assertThat(f.values("help ")).contains("image", "config", "exit");
        assertThat(f.values("help image ")).contains("list", "import", "alias");
        assertThat(f.values("help image alias r")).containsExactly("rename");
    }

    @Test
    void dataThatCannotBeReadLeavesWhatNeedsNoneAndNeverFails() {
        CompletionSource unreadable = (CompletionSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {CompletionSource.class}, (proxy, method, args) -> {
                    throw new IllegalStateException("the store cannot be read");
                });
        CommandCompleter completer = new CommandCompleter(f.completerRoot(), () -> unreadable, Map.of(), f.work);
        assertThat(completer.complete(List.of("image", "info"), "")).isEmpty();
        assertThat(completer.complete(List.of("image", "get-property", "web"), "")).isEmpty();
        assertThat(completer.complete(List.of("image", "import"), "")).extracting(Candidate::value)
                .contains("web.tar.xz", "sub/").doesNotContain("local:");
        assertThat(completer.complete(List.of("image", "list", "--format"), "")).hasSize(5);
    }

    @Test
    void theWordAtTheCursorNotTheEndOfTheLine() {
        List<Candidate> out = new java.util.ArrayList<>();
        String line = "image info we --help";
        f.completer.complete(null, new LineParser().parse(line, "image info we".length()), out);
        assertThat(out).extracting(Candidate::value).containsExactly("web", "webby");
    }
}
