#!/bin/sh
# fuzz/run.sh SECONDS TARGET... - run each libFuzzer target for SECONDS
# (one process per target, FUZZ_JOBS of them at once, default the number
# of cores, so that each gets a whole core),
# seeded from tests/data/X/ and fuzz/seeds/fuzz_X/, the corpus kept in
# $FUZZ_BUILD/corpus/TARGET.  Prints the CPU time each target used and
# fails when any target found a crash, a leak or a sanitizer report; the
# input is then in $FUZZ_BUILD/crash/TARGET/ and the log next to it.
set -u
secs=$1; shift
B=${FUZZ_BUILD:-build/fuzz}
pids=""
jobs=${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 2)}
running=0
# CPU time needs GNU time; without it the wall time is reported (a single
# libFuzzer process keeps one core busy, so the two are close)
timed() { # timed FILE command...
    f=$1; shift
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f "%U %S" -o "$f" "$@"
    else
        t0=$(date +%s); "$@"; r=$?; echo "$(($(date +%s) - t0)) 0" > "$f"; return $r
    fi
}
LSAN_OPTIONS="suppressions=$(pwd)/fuzz/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export LSAN_OPTIONS
for t in "$@"; do
    d=${t#fuzz_}
    mkdir -p "$B/corpus/$t" "$B/crash/$t"
    seeds=""
    for s in "tests/data/$d" "fuzz/seeds/$t" "fuzz/regress/$t"; do
        [ -d "$s" ] && seeds="$seeds $s"
    done
    dict=""
    [ -f "fuzz/$t.dict" ] && dict="-dict=fuzz/$t.dict"
    # -rss_limit_mb: the readers must stay within bounded memory
    ( timed "$B/crash/$t/time" "$B/fuzz/$t" -max_total_time="$secs" -timeout=20 -rss_limit_mb=2048 \
        -max_len=65536 -print_final_stats=1 $dict \
        -artifact_prefix="$B/crash/$t/" "$B/corpus/$t" $seeds \
        > "$B/crash/$t/log" 2>&1; echo $? > "$B/crash/$t/rc" ) &
    pids="$pids $!"
    running=$((running + 1))
    if [ "$running" -ge "$jobs" ]; then
        for p in $pids; do wait "$p"; done
        pids="" running=0
    fi
done
for p in $pids; do wait "$p"; done
status=0
for t in "$@"; do
    rc=$(cat "$B/crash/$t/rc")
    cpu=$(tail -n 1 "$B/crash/$t/time" 2>/dev/null | awk '{printf "%.0f", $1 + $2}')
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$B/crash/$t/log" | grep -o '[0-9]*$')
    echo "fuzz: $t: ${secs}s, ${cpu:-?} CPU s, ${runs:-?} runs, exit $rc"
    echo "$t $secs ${cpu:-0} ${runs:-0} $rc $(date +%F)" >> "$B/cpu-log"
    if [ "$rc" != 0 ]; then
        status=1
        grep -m5 -e 'ERROR:' -e 'SUMMARY' -e 'Test unit written' "$B/crash/$t/log"
    fi
done
exit $status
