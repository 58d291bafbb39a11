#!/usr/bin/env bash
# parley search (warm cache) against fzf --filter, as whole processes.
#
# Generates the synthetic dataset (100,000 quotes unless QUOTES says
# otherwise) under target/versus-fzf/, builds parley in release mode, warms
# its load cache (kept under target/versus-fzf/cache, not in your own), and
# writes the quote texts one per line for fzf. Then, query by query, it
# times `parley search QUERY DATASET --kind quote` against
# `fzf --filter QUERY < quotes.txt` (both printing to /dev/null) and prints
# the median of RUNS runs of each, the ratio (fzf's time over parley's:
# above 1, parley is faster) and the geometric mean of the ratios.
#
# Uses hyperfine when it is installed, else a loop timing each run with
# `date +%s%N`. Without fzf it times parley alone and says so.
#
#   scripts/versus-fzf.sh            # QUOTES=100000 RUNS=10
#   QUOTES=10000 RUNS=5 scripts/versus-fzf.sh
set -euo pipefail

cd "$(dirname "$0")/.."
QUOTES=${QUOTES:-100000}
RUNS=${RUNS:-10}
QUERIES=("a" "neu" "neutral" "secgrnt" "ceasefire status" "xqzj")

OUT=target/versus-fzf
DATA=$OUT/data-$QUOTES
LINES=$OUT/quotes-$QUOTES.txt
export XDG_CACHE_HOME=$PWD/$OUT/cache

echo "building parley and the generator (release)..." >&2
cargo build --quiet --release --bin parley --example synth
PARLEY=$PWD/target/release/parley

if [[ ! -f $DATA/complete ]]; then
    rm -rf "$DATA"
    target/release/examples/synth --quotes "$QUOTES" --seed 1 --out "$DATA"
    touch "$DATA/complete"
    # Files written this moment have stamps the cache does not trust yet
    # (a change within the same clock tick would not show); let them age.
    sleep 2
fi
if [[ ! -f $LINES || $DATA/dataset.ron -nt $LINES ]]; then
    # One quote text per line, unescaped from RON: what fzf reads.
    sed -n 's/^ *Quote(id: "[^"]*", source: "[^"]*", text: "\(.*\)", speaker: .*/\1/p' \
        "$DATA/dataset.ron" | sed 's/\\"/"/g; s/\\\\/\\/g' >"$LINES"
fi
DATASET=$DATA/dataset.ron
echo "dataset: $DATASET ($(du -sh "$DATA" | cut -f1) with sources), $(wc -l <"$LINES") quote lines" >&2

# Warm the cache: the first load after a build is a cold one.
"$PARLEY" validate "$DATASET" >/dev/null
"$PARLEY" search warm "$DATASET" --kind quote >/dev/null || true

HAVE_FZF=1
if ! command -v fzf >/dev/null; then
    HAVE_FZF=0
    echo "fzf is not installed: timing parley alone (install it, e.g. apt install fzf)" >&2
fi
HAVE_HYPERFINE=1
command -v hyperfine >/dev/null || HAVE_HYPERFINE=0

# The median wall time of a shell command, in milliseconds.
median_ms() {
    local cmd=$1
    if ((HAVE_HYPERFINE)); then
        local csv
        csv=$(mktemp)
        hyperfine --style none --ignore-failure --warmup 1 --runs "$RUNS" \
            --export-csv "$csv" "$cmd" >/dev/null 2>&1
        # command,mean,stddev,median,... in seconds; the command may hold
        # commas, so count columns from the end.
        awk -F, 'NR == 2 { printf "%.1f", $(NF - 4) * 1000 }' "$csv"
        rm -f "$csv"
    else
        local times=() start end
        bash -c "$cmd" >/dev/null 2>&1 || true
        for ((i = 0; i < RUNS; i++)); do
            start=$(date +%s%N)
            bash -c "$cmd" >/dev/null 2>&1 || true
            end=$(date +%s%N)
            times+=($(((end - start) / 1000)))
        done
        printf '%s\n' "${times[@]}" | sort -n |
            awk '{ t[NR] = $1 } END { m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2; printf "%.1f", m / 1000 }'
    fi
}

echo "timing with $( ((HAVE_HYPERFINE)) && echo hyperfine || echo 'a date loop'), median of $RUNS runs" >&2
printf '%-20s %12s %12s %8s\n' query "parley ms" "fzf ms" ratio
ratios=()
for q in "${QUERIES[@]}"; do
    p=$(median_ms "'$PARLEY' search '$q' '$DATASET' --kind quote >/dev/null")
    if ((HAVE_FZF)); then
        f=$(median_ms "fzf --filter '$q' <'$LINES' >/dev/null")
        r=$(awk -v p="$p" -v f="$f" 'BEGIN { printf "%.2f", f / p }')
        ratios+=("$r")
        printf '%-20s %12s %12s %8s\n' "\"$q\"" "$p" "$f" "$r"
    else
        printf '%-20s %12s %12s %8s\n' "\"$q\"" "$p" - -
    fi
done
if ((HAVE_FZF)); then
    printf '%s\n' "${ratios[@]}" |
        awk '{ s += log($1) } END { printf "geometric mean of fzf/parley: %.2f (above 1: parley is faster)\n", exp(s / NR) }'
fi
