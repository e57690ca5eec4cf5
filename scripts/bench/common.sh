# Shared by the benchmark scripts: paths, the built jar, and a scratch directory under .bench/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bench="$root/.bench"
mkdir -p "$bench"
jar="$root/shell/target/imgsh.jar"
classpath="$jar:$root/shell/target/lib/*"
if [[ ! -f "$jar" ]]; then
    (cd "$root" && mvn -B -q -DskipTests package)
fi
command -v hyperfine >/dev/null || { echo "hyperfine is needed: apt-get install hyperfine" >&2; exit 1; }

# The reference images, built byte-reproducibly by ../shared/peers/make-test-images.sh.
fixtures() {
    local what="${1:-}"
    local script="$root/../shared/peers/make-test-images.sh"
    if [[ ! -f "$bench/fixtures/unified-xz.tar.xz" || ( "$what" == big && ! -f "$bench/fixtures/big-unified.tar.xz" ) ]]; then
        bash "$script" "$bench/fixtures" $what >/dev/null
    fi
    echo "$bench/fixtures"
}

# A store of the two small reference images (unified and split), made once: the start-up benchmarks' store.
small_store() {
    local small="$bench/small-store"
    if [[ ! -d "$small" ]]; then
        local fx
        fx="$(fixtures)"
        "$root/scripts/imgsh" --home "$small" image import "$fx/unified-xz.tar.xz" --alias uni >/dev/null
        "$root/scripts/imgsh" --home "$small" image import "$fx/split-meta.tar.xz" "$fx/split-rootfs.tar.xz" \
            --alias split >/dev/null
    fi
    echo "$small"
}

# A real distribution image, as LXD users import: Debian bookworm (debootstrap --variant=minbase) as a unified xz
# image, made once under .bench/ (needs root, debootstrap and a Debian mirror; about 2 minutes).
debian_image() {
    local image="$bench/debian-bookworm.tar.xz"
    if [[ ! -f "$image" ]]; then
        command -v debootstrap >/dev/null || { echo "debootstrap is needed: apt-get install debootstrap" >&2; exit 1; }
        local work
        work="$(mktemp -d)"
        echo "making $image with debootstrap (once)..." >&2
        debootstrap --variant=minbase bookworm "$work/rootfs" "${DEBIAN_MIRROR:-http://deb.debian.org/debian}" \
            >"$bench/debootstrap.log" 2>&1 || {
            rm -rf "$work"
            echo "debootstrap failed: $bench/debootstrap.log" >&2
            exit 1
        }
        rm -rf "$work/rootfs/var/cache/apt/archives/"*.deb "$work/rootfs/var/lib/apt/lists/"*
        mkdir -p "$work/templates"
        echo '{{ container.name }}' > "$work/templates/hostname.tpl"
        cat > "$work/metadata.yaml" <<META
architecture: x86_64
creation_date: $(date +%s)
properties:
  os: debian
  release: bookworm
  variant: minbase
  description: Debian bookworm minbase (benchmark)
templates:
  /etc/hostname:
    when: [create, copy]
    template: hostname.tpl
META
        tar -C "$work" --numeric-owner --xattrs -cf - metadata.yaml templates rootfs | xz -T2 > "$image.partial"
        mv "$image.partial" "$image"
        rm -rf "$work"
    fi
    echo "$image"
}
