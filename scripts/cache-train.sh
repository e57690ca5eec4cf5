#!/usr/bin/env bash
# Builds the start-up cache for scripts/imgsh: runs cache-training.lxs on tiny images made here, in a throwaway
# store, and keeps every class that loaded (and, for an AOT cache, how they were linked and used).
# Usage: cache-train.sh aot|cds JAVA JAR CACHE [JVM OPTIONS...]
# KIND aot makes a Java 25+ AOT cache (-XX:AOTCache), cds a static class-data-sharing archive
# (-XX:SharedArchiveFile).
# Nothing is printed: the JVMs' output goes to CACHE.log, where a failed training can be read.
set -euo pipefail
kind="$1" java="$2" jar="$3" cache="$4"
shift 4
work="$(mktemp -d)"
trap 'rm -rf "$work" "$cache.$$"' EXIT

mkdir -p "$work/image/rootfs/etc"
printf 'architecture: x86_64\ncreation_date: 1700000000\nproperties:\n  description: training\n  os: train\n' \
    > "$work/image/metadata.yaml"
echo train > "$work/image/rootfs/etc/hostname"
tar -C "$work/image" -czf "$work/unified.tar.gz" metadata.yaml rootfs
tar -C "$work/image" -cf "$work/meta.tar" metadata.yaml
tar -C "$work/image/rootfs" -cf "$work/rootfs.tar" .
read -r fingerprint _ < <(sha256sum "$work/unified.tar.gz")
if command -v xz >/dev/null; then
    xz -k "$work/meta.tar" && mv "$work/meta.tar.xz" "$work/meta.tar"
fi

# A script may change hundreds of aliases: the training does too, so that the cache records how the methods of a
# line were compiled and used, and a script's first lines run fewer of them interpreted (500 alias creations:
# 393 -> 374 ms median, interleaved runs). They point at the image the training script keeps, "train".
script="$work/training.lxs"
{
    cat "$(dirname "$0")/cache-training.lxs"
    for i in $(seq 1 300); do echo "image alias create hot-$i ${fingerprint:0:12}"; done
    for i in $(seq 1 300); do echo "image alias delete hot-$i"; done
} > "$script"

# nothing of the user's is read or written: the store, configuration and state directories are throwaway
train() {
    env XDG_CONFIG_HOME="$work/config" XDG_STATE_HOME="$work/state" "$java" "$@" -jar "$jar" --home "$work/store" \
        -f "$script" -D "IMAGES=$work"
}
exec > "$cache.log" 2>&1
case "$kind" in
    aot) train -XX:AOTCacheOutput="$cache.$$" "$@" ;;
    cds)
        # A static archive, dumped from the list of classes the training loaded, holds picocli's classes too (their
        # class-file version is too old for a dynamic archive, -XX:ArchiveClassesAtExit): 0.25 s -> 0.23 s here.
        train -XX:DumpLoadedClassList="$work/classes" "$@"
        "$java" -Xshare:dump -XX:SharedClassListFile="$work/classes" -XX:SharedArchiveFile="$cache.$$" "$@" -cp "$jar" ;;
    *) echo "cache-train.sh: unknown kind $kind (aot or cds)"; exit 2 ;;
esac
mv "$cache.$$" "$cache"
