package io.imgsh.engine.format;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgsh.engine.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.tar.TarUtils;
import org.junit.jupiter.api.Test;

class ImageTarballTest {
    private static final String REFUSED =
            "The image tarball contains a sparse file (rootfs/sparse), which images do not use";

    /** What follows the sparse entry: enough for a unified image, so nothing else stops the reading. */
    private static TarBuilder imageAfter(TarBuilder sparse) {
        return sparse.file("metadata.yaml", TarBuilder.METADATA).dir("rootfs/").file("rootfs/etc/hostname", "x\n");
    }

    private static void readAll(byte[] image) throws Exception {
        try (ImageTarball tarball = ImageTarball.open(new ByteArrayInputStream(image), "image tarball")) {
            while (tarball.next() != null) {
                tarball.copyContent(ByteArrayOutputStream.nullOutputStream());
            }
        }
    }

    private static Map<String, String> pax(String... keysAndValues) {
        Map<String, String> records = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            records.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return records;
    }

    /**
     * PAX 1.0 keeps the map in the entry's data, and commons-compress reads all of it into a list when it reaches the
     * entry: this one claims fifty million pairs (a few kilobytes of bzip2 could hold them all) but has a thousand,
     * so a reader that went on reading the map would fail on the next header instead.
     */
    @Test
    void aPax10SparseFileIsRefusedBeforeItsMapIsRead() {
        byte[] map = ("50000000\n" + "0\n0\n".repeat(1000)).getBytes(StandardCharsets.US_ASCII);
        byte[] image = imageAfter(new TarBuilder()
                .paxHeader(pax("GNU.sparse.major", "1", "GNU.sparse.minor", "0", "GNU.sparse.name", "rootfs/sparse",
                        "GNU.sparse.realsize", "0"))
                .file("rootfs/GNUSparseFile.0/sparse", map))
                .build(Compression.BZIP2);

        assertThatThrownBy(() -> readAll(image)).isInstanceOf(InvalidInputException.class).hasMessage(REFUSED);
    }

    @Test
    void aPax01SparseFileIsRefused() {
        byte[] image = imageAfter(new TarBuilder()
                .paxHeader(pax("GNU.sparse.size", "4096", "GNU.sparse.numblocks", "1", "GNU.sparse.map", "0,0",
                        "GNU.sparse.name", "rootfs/sparse"))
                .file("rootfs/GNUSparseFile.0/sparse", new byte[0]))
                .build(Compression.GZIP);

        assertThatThrownBy(() -> readAll(image)).isInstanceOf(InvalidInputException.class).hasMessage(REFUSED);
    }

    /**
     * An old GNU sparse header ('S') whose map goes on in extension records, each read into memory: refused at the
     * header, before its thousand records (which could as well be millions).
     */
    @Test
    void anOldGnuSparseFileIsRefusedBeforeItsExtensionRecordsAreRead() {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        tar.writeBytes(oldGnuSparseHeader("rootfs/sparse"));
        for (int i = 1; i <= 1000; i++) {
            tar.writeBytes(extensionRecord(i < 1000));
        }
        tar.writeBytes(imageAfter(new TarBuilder()).tar());

        assertThatThrownBy(() -> readAll(TarBuilder.compress(tar.toByteArray(), Compression.XZ)))
                .isInstanceOf(InvalidInputException.class).hasMessage(REFUSED);
    }

    /** A header as GNU tar writes it for a sparse file with no data, whose map continues in extension records. */
    private static byte[] oldGnuSparseHeader(String name) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_GNUTYPE_SPARSE, true);
        entry.setModTime(1_700_000_000_000L);
        byte[] header = new byte[TarConstants.DEFAULT_RCDSIZE];
        entry.writeEntryHeader(header);
        byte[] gnuMagic = (TarConstants.MAGIC_GNU + TarConstants.VERSION_GNU_SPACE).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(gnuMagic, 0, header, TarConstants.MAGIC_OFFSET, gnuMagic.length);
        header[482] = 1; // isextended
        octal(header, 483, 0); // realsize
        Arrays.fill(header, 148, 156, (byte) ' ');
        TarUtils.formatCheckSumOctalBytes(TarUtils.computeCheckSum(header), header, 148, 8);
        return header;
    }

    /** 21 empty (offset, size) pairs, then whether another extension record follows. */
    private static byte[] extensionRecord(boolean more) {
        byte[] record = new byte[TarConstants.DEFAULT_RCDSIZE];
        for (int field = 0; field < 42; field++) {
            octal(record, field * 12, 0);
        }
        record[504] = (byte) (more ? 1 : 0);
        return record;
    }

    private static void octal(byte[] buffer, int offset, long value) {
        TarUtils.formatLongOctalOrBinaryBytes(value, buffer, offset, 12);
    }
}
