package io.imgsh.engine.streams;

import io.imgsh.engine.format.Compression;
import java.util.Optional;

/** The root file of a split image as simplestreams types it: the {@code ftype}, the item key and the file name. */
enum RootType {
    SQUASHFS("squashfs", "root.squashfs"),
    ROOT_TAR("root.tar.xz", "root.tar.xz"),
    DISK_KVM("disk-kvm.img", "disk.qcow2");

    private final String ftype;
    private final String itemKey;

    RootType(String ftype, String itemKey) {
        this.ftype = ftype;
        this.itemKey = itemKey;
    }

    String ftype() {
        return ftype;
    }

    String itemKey() {
        return itemKey;
    }

    /**
     * The type of a rootfs file that is {@code kind}: any tarball is {@code root.tar.xz} to LXD, which detects the
     * compression itself.
     */
    static RootType of(Compression kind) {
        return switch (kind) {
            case SQUASHFS -> SQUASHFS;
            case QCOW2 -> DISK_KVM;
            default -> ROOT_TAR;
        };
    }

    static Optional<RootType> byFtype(String ftype) {
        for (RootType t : values()) {
            if (t.ftype.equals(ftype)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
