#!/bin/sh
# threads.sh: --threads and GT_THREADS from the outside. One thread and two
# give byte-identical JSON (timings aside), text and model files: the
# improved preset (whose steps the threads share) and the paper preset,
# a single run, --repeat and --cv (runs side by side against runs one by
# one). Bad counts are usage errors. Prints TAP.
GENRETUI=${GENRETUI:-./genretui}
SAMPLE=${GT_SAMPLE_CSV:-data/synthetic_sample.csv}
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
n=0
fails=0

ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); fails=$((fails + 1)); echo "not ok $n - $1"; sed 's/^/# /' "$tmp/err" 2>/dev/null | head -20; }

# The JSON on stdin without its timings: "timing", each epoch's "seconds"
# and each run's "train_s".
untimed() {
	python3 -c '
import json, sys
d = json.load(sys.stdin)
d.pop("timing", None)
for e in d.get("epochs") or []:
    e.pop("seconds", None)
for r in (d.get("runs") or {}).get("runs", []):
    r.pop("train_s", None)
print(json.dumps(d, indent=1, sort_keys=True))'
}

# same DESCRIPTION N ARGS...: --batch --json with 1 thread and with N (one
# of them through GT_THREADS): the untimed JSON must be the same bytes.
same() {
	desc=$1 threads=$2
	shift 2
	if GT_THREADS=1 "$GENRETUI" --batch --json --quiet "$@" "$SAMPLE" >"$tmp/j1" 2>"$tmp/err" &&
	   "$GENRETUI" --batch --json --quiet --threads "$threads" "$@" "$SAMPLE" >"$tmp/j2" 2>>"$tmp/err" &&
	   untimed <"$tmp/j1" >"$tmp/u1" && untimed <"$tmp/j2" >"$tmp/u2" &&
	   cmp -s "$tmp/u1" "$tmp/u2"; then
		ok "$desc"
	else
		diff "$tmp/u1" "$tmp/u2" 2>&1 | head -10 | sed 's/^/# /'
		not_ok "$desc"
	fi
}

echo "1..16"
same "improved preset: 1 and 2 threads give the same JSON" 2 --preset improved --epochs 3
same "paper preset: 1 and 2 threads give the same JSON" 2 --epochs 2
same "--cv 3, improved: runs side by side give the JSON of runs one by one" 2 --preset improved --epochs 2 --cv 3
same "--repeat 3, paper: runs side by side give the JSON of runs one by one" 2 --epochs 2 --repeat 3
same "--cv 2 on 3 threads (a spare thread taken): the JSON of runs one by one" 3 --preset improved --epochs 2 --cv 2

# A file read by its own schema, big enough for its rows to be read by
# several threads: the SYNTHETIC 114-genre tracks table of tests/data, its
# rows 15 times (17,100 rows).
TRACKS=${GT_TESTDATA:-tests/data}/spotify_tracks_114.csv
awk -v n=15 'NR == 1 { print; next } { row[NR] = $0 }
	END { for (c = 0; c < n; c++) for (i = 2; i <= NR; i++) print row[i] }' \
	"$TRACKS" >"$tmp/tracks.csv"
study=$SAMPLE
SAMPLE=$tmp/tracks.csv
same "own schema, 114 genres, paper: 1 and 2 threads give the same JSON" 2 --epochs 2
same "own schema, 114 genres, improved: 1 and 2 threads give the same JSON" 2 --preset improved --epochs 2
SAMPLE=$study

# The text of --cv with 1 thread and with 2, but for the seconds.
for t in 1 2; do
	"$GENRETUI" --batch --threads $t --preset improved --epochs 2 --cv 3 "$SAMPLE" 2>"$tmp/err" |
		sed 's/ - [0-9.]*s$//' >"$tmp/cv$t"
done
if cmp -s "$tmp/cv1" "$tmp/cv2" && grep -q "fold  3:" "$tmp/cv2" && grep -q "^Mean" "$tmp/cv2"; then
	ok "--cv 3: runs side by side print the text of runs one by one"
else
	diff "$tmp/cv1" "$tmp/cv2" | head -10 | sed 's/^/# /'
	not_ok "--cv 3: runs side by side print the text of runs one by one"
fi

# The model files, saved with 1 and 2 threads: the same bytes.
if "$GENRETUI" --batch --quiet --threads 1 --preset improved --epochs 3 --save-model "$tmp/m1.gtm" "$SAMPLE" >"$tmp/t1" 2>"$tmp/err" &&
   GT_THREADS=2 "$GENRETUI" --batch --quiet --preset improved --epochs 3 --save-model "$tmp/m2.gtm" "$SAMPLE" >"$tmp/t2" 2>>"$tmp/err" &&
   cmp -s "$tmp/m1.gtm" "$tmp/m2.gtm"; then
	ok "improved preset: 1 and 2 threads save the same model file"
else
	not_ok "improved preset: 1 and 2 threads save the same model file"
fi
# The text output too, but for the seconds.
sed 's/[0-9.]*s - loss/s - loss/; s/training time [0-9.]*s/training time/' "$tmp/t1" >"$tmp/s1"
sed 's/[0-9.]*s - loss/s - loss/; s/training time [0-9.]*s/training time/' "$tmp/t2" >"$tmp/s2"
if cmp -s "$tmp/s1" "$tmp/s2" && grep -q "^Epoch 3/3" "$tmp/s1"; then
	ok "improved preset: 1 and 2 threads print the same text"
else
	diff "$tmp/s1" "$tmp/s2" | head -10 | sed 's/^/# /'
	not_ok "improved preset: 1 and 2 threads print the same text"
fi

# Usage errors: a count out of range, on the command line or in GT_THREADS.
for bad in 0 65 two; do
	"$GENRETUI" --batch --threads "$bad" "$SAMPLE" >/dev/null 2>"$tmp/err"
	rc=$?
	if [ "$rc" = 2 ] && grep -q "invalid value '$bad' for --threads" "$tmp/err"; then
		ok "--threads $bad is a usage error"
	else
		not_ok "--threads $bad is a usage error (exit $rc)"
	fi
done
GT_THREADS=lots "$GENRETUI" --batch --epochs 0 "$SAMPLE" >/dev/null 2>"$tmp/err"
rc=$?
if [ "$rc" = 2 ] && grep -q "invalid value 'lots' in the environment's GT_THREADS" "$tmp/err"; then
	ok "a bad GT_THREADS is a usage error"
else
	not_ok "a bad GT_THREADS is a usage error (exit $rc)"
fi
# --threads wins over GT_THREADS; an empty GT_THREADS is no setting.
if GT_THREADS=lots "$GENRETUI" --batch --epochs 0 --threads 1 "$SAMPLE" >/dev/null 2>"$tmp/err"; then
	ok "--threads wins over GT_THREADS"
else
	not_ok "--threads wins over GT_THREADS"
fi
if GT_THREADS= "$GENRETUI" --batch --epochs 0 "$SAMPLE" >/dev/null 2>"$tmp/err"; then
	ok "an empty GT_THREADS is ignored"
else
	not_ok "an empty GT_THREADS is ignored"
fi
[ "$fails" = 0 ]
