#!/usr/bin/env bash
# streams build of 100 and 1,000 public images, the image files hard-linked (metadata work only: the images are
# unified, so no file is hashed): a fresh tree, a rebuild of an unchanged store (writes nothing), and for 1,000
# images a fresh tree with copies. The ratio of the 1,000 and 100 figures shows how the build grows with the count.
source "$(dirname "$0")/common.sh"
for n in 100 1000; do
    store="$bench/store-public-$n"
    if [[ ! -f "$store/imgsh.db" ]]; then
        echo "populating $n public images..."
        java -cp "$classpath" "$root/scripts/bench/PopulateStore.java" "$store" "$n" public
    fi
done
trees="$bench/streams-trees"
mkdir -p "$trees"
imgsh="$root/scripts/imgsh"
# the unchanged rebuilds need a tree to start from
"$imgsh" --home "$bench/store-public-100" streams build "$trees/kept-100" --hardlink >/dev/null
"$imgsh" --home "$bench/store-public-1000" streams build "$trees/kept-1000" --hardlink >/dev/null
hyperfine -N -w 1 -r 10 \
    --prepare "rm -rf $trees/fresh-100" "$imgsh --home $bench/store-public-100 streams build $trees/fresh-100 --hardlink" \
    --prepare "rm -rf $trees/fresh-1000" "$imgsh --home $bench/store-public-1000 streams build $trees/fresh-1000 --hardlink" \
    --prepare "rm -rf $trees/copy-1000" "$imgsh --home $bench/store-public-1000 streams build $trees/copy-1000" \
    --prepare "true" "$imgsh --home $bench/store-public-100 streams build $trees/kept-100 --hardlink" \
    --prepare "true" "$imgsh --home $bench/store-public-1000 streams build $trees/kept-1000 --hardlink"
