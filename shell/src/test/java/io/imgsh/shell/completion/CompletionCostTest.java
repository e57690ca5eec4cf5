package io.imgsh.shell.completion;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.engine.image.AliasEntry;
import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.ImageAlias;
import io.imgsh.shell.command.CommandRunner;
import io.imgsh.shell.session.Session;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jline.reader.Candidate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One Tab press reads each list once, however many images and candidates there are. */
class CompletionCostTest {
    private static final int IMAGES = 10_000;

    @TempDir
    Path dir;

    @Test
    void tenThousandImagesAreReadOncePerCompletion() {
        List<Image> images = new ArrayList<>();
        for (int i = 0; i < IMAGES; i++) {
            String fp = HexFormat.of().toHexDigits((long) i * 0x9E3779B97F4A7C15L) + "0".repeat(48);
            images.add(new Image(false, Map.of("description", "image " + i, "os", "os" + i % 7), false, Instant.EPOCH,
                    List.of("default"), List.of(new ImageAlias("alias-" + i, "")), "x86_64", false, "f", fp, 1,
                    null, "container", Instant.EPOCH, Instant.EPOCH, Instant.EPOCH));
        }
        AtomicInteger loads = new AtomicInteger();
        CompletionSource counting = new CompletionSource() {
            @Override
            public List<String> remotes() {
                return List.of("local");
            }

            @Override
            public List<String> writableRemotes() {
                return List.of("local");
            }

            @Override
            public String defaultRemote() {
                return "local";
            }

            @Override
            public List<Image> images() {
                loads.incrementAndGet();
                return images;
            }

            @Override
            public List<AliasEntry> aliases() {
                return List.of();
            }

            @Override
            public List<String> instances() {
                return List.of();
            }

            @Override
            public Map<String, String> instanceConfig(String instance) {
                return Map.of();
            }

            @Override
            public List<String> snapshots(String instance) {
                return List.of();
            }

            @Override
            public List<String> instanceDirectory(String instance, String path) {
                return List.of();
            }

            @Override
            public Optional<Image> image(String reference) {
                return Optional.empty();
            }
        };
        // what EngineCompletionSource does: one instance per completion, each list loaded on first use
        Session session = new Session(new ByteArrayInputStream(new byte[0]),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()), Map.of(),
                Clock.systemUTC(), false);
        CommandCompleter completer = new CommandCompleter(
                CommandRunner.forLines(session).commandLine().getCommandSpec(),
                () -> new MemoizingSource(counting), Map.of(), dir);

        List<Candidate> out = new ArrayList<>();
        completer.complete(null, new LineParser().parse("image list ", 11), out);
        assertThat(loads).hasValue(1);
        assertThat(out).hasSizeGreaterThan(IMAGES);

        out.clear();
        completer.complete(null, new LineParser().parse("image info alias-99", 19), out);
        assertThat(loads).hasValue(2);
        assertThat(out).extracting(Candidate::value).contains("alias-99", "alias-990", "alias-9999").hasSize(111);
    }

    @Test
    void theEngineSourceKeepsWhatItReadForItsCompletionOnly() {
        CompletionFixture f = new CompletionFixture(dir);
        try {
            EngineCompletionSource source = new EngineCompletionSource(f.session);
            assertThat(source.images()).isSameAs(source.images()).hasSize(2);
            assertThat(source.aliases()).isSameAs(source.aliases()).hasSize(3);
            assertThat(new EngineCompletionSource(f.session).images()).isNotSameAs(source.images());
            assertThat(source.image("webby")).map(Image::fingerprint).contains(f.webFingerprint);
            assertThat(source.remotes()).contains("local");
            assertThat(source.defaultRemote()).isEqualTo("local");
        } finally {
            f.close();
        }
    }

    /** Loads each list once, as {@link EngineCompletionSource} does. */
    private static final class MemoizingSource implements CompletionSource {
        private final CompletionSource inner;
        private List<Image> images;

        MemoizingSource(CompletionSource inner) {
            this.inner = inner;
        }

        @Override
        public List<String> remotes() {
            return inner.remotes();
        }

        @Override
        public List<String> writableRemotes() {
            return inner.writableRemotes();
        }

        @Override
        public String defaultRemote() {
            return inner.defaultRemote();
        }

        @Override
        public List<Image> images() {
            if (images == null) {
                images = inner.images();
            }
            return images;
        }

        @Override
        public List<AliasEntry> aliases() {
            return inner.aliases();
        }

        @Override
        public List<String> instances() {
            return inner.instances();
        }

        @Override
        public Map<String, String> instanceConfig(String instance) {
            return inner.instanceConfig(instance);
        }

        @Override
        public List<String> snapshots(String instance) {
            return inner.snapshots(instance);
        }

        @Override
        public List<String> instanceDirectory(String instance, String path) {
            return inner.instanceDirectory(instance, path);
        }

        @Override
        public Optional<Image> image(String reference) {
            return inner.image(reference);
        }
    }
}
