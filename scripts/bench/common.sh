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
