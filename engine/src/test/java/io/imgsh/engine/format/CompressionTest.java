package io.imgsh.engine.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgsh.engine.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CompressionTest {

    private static byte[] magic(int size, int... bytes) {
        byte[] head = new byte[size];
        for (int i = 0; i < bytes.length; i++) {
            head[i] = (byte) bytes[i];
        }
        return head;
    }

    @ParameterizedTest
    @EnumSource(names = {"GZIP", "BZIP2", "XZ", "LZMA", "ZSTD", "NONE"})
    void detectsAndDecompressesEveryTarballKind(Compression kind) throws IOException {
        byte[] tar = TarBuilder.containerImage("").tar();
        byte[] packed = TarBuilder.compress(tar, kind);

        assertThat(Compression.detect(packed, packed.length)).isEqualTo(kind);
        assertThat(Compression.detect(Arrays.copyOf(packed, Compression.HEAD_BYTES), Compression.HEAD_BYTES))
                .isEqualTo(kind);
        assertThat(kind.isTarball()).isTrue();
        try (InputStream in = kind.decompress(new ByteArrayInputStream(packed))) {
            assertThat(in.readAllBytes()).isEqualTo(tar);
        }
    }

    @Test
    void detectsSquashfsAndQcow2() {
        assertThat(Compression.detect(magic(512, 'h', 's', 'q', 's', 4, 0, 0, 0), 512)).isEqualTo(Compression.SQUASHFS);
        assertThat(Compression.detect(magic(512, 'Q', 'F', 'I', 0xfb, 0, 0, 0, 3), 512)).isEqualTo(Compression.QCOW2);
        assertThat(Compression.SQUASHFS.isTarball()).isFalse();
        assertThat(Compression.QCOW2.isTarball()).isFalse();
    }

    @Test
    void followsLxdsLzmaRules() {
        assertThat(Compression.detect(magic(16, 0x00, '7', 'z', 'X', 'Z', 0x00), 16)).isEqualTo(Compression.LZMA);
        assertThat(Compression.detect(magic(16, 0x5d, 0x00, 0x00, 0x80), 16)).isEqualTo(Compression.LZMA);
        assertThat(Compression.detect(magic(16, 0xfd, '7', 'z', 'X', 'Z', 0x00), 16)).isEqualTo(Compression.XZ);
    }

    @Test
    void looksOnlyAtTheGivenLength() {
        byte[] tarHead = Arrays.copyOf(TarBuilder.containerImage("").tar(), Compression.HEAD_BYTES);
        assertThat(Compression.detect(tarHead, 262)).isEqualTo(Compression.NONE);
        assertThatThrownBy(() -> Compression.detect(tarHead, 261)).hasMessage("Unsupported compression");
        assertThatThrownBy(() -> Compression.detect(magic(8, 0x1f, 0x8b), 1)).hasMessage("Unsupported compression");
    }

    @Test
    void rejectsAnythingElse() {
        for (byte[] garbage : new byte[][] {
                new byte[0],
                new byte[1024],
                "just some text, not an archive".getBytes(StandardCharsets.US_ASCII),
                TarBuilder.random(4096),
                {'P', 'K', 3, 4}}) {
            assertThatThrownBy(() -> Compression.detect(garbage, garbage.length))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("Unsupported compression");
        }
    }

    @Test
    void detectsFilesFromTheirFirstBytes(@TempDir Path dir) throws IOException {
        Path xz = Files.write(dir.resolve("image"), TarBuilder.containerImage("").build(Compression.XZ));
        Path squashfs = Files.write(dir.resolve("rootfs"), magic(8192, 'h', 's', 'q', 's'));
        Path empty = Files.write(dir.resolve("empty"), new byte[0]);

        assertThat(Compression.detect(xz)).isEqualTo(Compression.XZ);
        assertThat(Compression.detect(squashfs)).isEqualTo(Compression.SQUASHFS);
        assertThatThrownBy(() -> Compression.detect(empty)).hasMessage("Unsupported compression");
    }

    @Test
    void gzipDecompressesConcatenatedMembers() throws IOException {
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.write(TarBuilder.compress("first ".getBytes(StandardCharsets.US_ASCII), Compression.GZIP));
        both.write(TarBuilder.compress("second".getBytes(StandardCharsets.US_ASCII), Compression.GZIP));

        try (InputStream in = Compression.GZIP.decompress(new ByteArrayInputStream(both.toByteArray()))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("first second");
        }
    }

    @Test
    void noneReturnsTheStreamItselfAndImagesCannotBeDecompressed() throws IOException {
        InputStream raw = new ByteArrayInputStream(new byte[0]);
        assertThat(Compression.NONE.decompress(raw)).isSameAs(raw);
        assertThatThrownBy(() -> Compression.SQUASHFS.decompress(raw)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Compression.QCOW2.decompress(raw)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void extensionsAreLxds() {
        assertThat(Arrays.stream(Compression.values()).map(Compression::extension)).containsExactly(
                ".tar.gz", ".tar.bz2", ".tar.xz", ".tar.lzma", ".tar.zst", ".tar", ".squashfs", ".qcow2");
    }
}
