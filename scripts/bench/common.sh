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
