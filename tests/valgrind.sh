#!/bin/sh
# valgrind.sh: genretui under valgrind's memcheck (--leak-check=full): a
# one-epoch batch run on the real dataset (when $GT_REAL_CSV names it) and
# on the bundled sample, JSON output and model saving, the --predict pipe on
# the saved model, --map, --export and a file of its own genres, tables
# read by their own schema (GTZAN-like, hackathon, 114 genres), and every
# file of the bad-input corpus. Each must report
# no memory error and no leak. Prints TAP. Not part of make check (the real
# file takes ~20 s under valgrind): CI runs it when valgrind is installed.
#   GENRETUI=build/genretui GT_TESTDATA=tests/data GT_REAL_CSV=... tests/valgrind.sh
GENRETUI=${GENRETUI:-./genretui}
DATA=${GT_TESTDATA:-tests/data}
REAL=${GT_REAL_CSV:-}

if ! command -v valgrind >/dev/null 2>&1; then
	echo "1..0 # SKIP valgrind is not installed"
	exit 0
fi
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
n=0
fails=0

# vg DESCRIPTION ARGS...: genretui ARGS under memcheck; stdin from $tmp/in
vg() {
	desc=$1
	shift
	valgrind -q --leak-check=full --error-exitcode=99 --log-file="$tmp/vg.log" \
		"$GENRETUI" "$@" <"$tmp/in" >/dev/null 2>"$tmp/err"
	st=$?
	n=$((n + 1))
	if [ "$st" != 99 ] && [ ! -s "$tmp/vg.log" ]; then
		echo "ok $n - $desc (exit $st)"
	else
		fails=$((fails + 1))
		echo "not ok $n - $desc"
		sed 's/^/# /' "$tmp/vg.log" | head -40
	fi
}

: >"$tmp/in"
if [ -n "$REAL" ] && [ -r "$REAL" ]; then
	vg "one epoch on the real dataset" --batch --epochs 1 "$REAL"
else
	n=$((n + 1))
	echo "ok $n - one epoch on the real dataset # SKIP GT_REAL_CSV is not readable"
fi
vg "one epoch on the bundled sample" --batch --epochs 1
vg "JSON output and a saved model" --batch --json --epochs 1 --save-model "$tmp/m.gtm"
printf 'energy=0.9 danceability=0.8 key=A# mode=minor\ntempo=abc\nshow\n' >"$tmp/in"
vg "--predict from a pipe on the saved model" --model "$tmp/m.gtm" --predict
: >"$tmp/in"
MAP=music_genre=track_genre,artist_name=artists,duration_ms=duration,instance_id=track_id
vg "--map and --export on the API-style file" --batch --epochs 1 --map "$MAP" \
	--export "$tmp/exp" "$DATA/spotify_api_synthetic.csv"
vg "a file of its own genres, saved as model version 2" --batch --json --epochs 1 \
	--map "$MAP" --save-model "$tmp/own.gtm" "$DATA/spotify_api_own_genres.csv"
printf 'energy=0.9\nrow 3\n' >"$tmp/in"
vg "--predict on that model, rows of its file" --model "$tmp/own.gtm" --map "$MAP" \
	--predict "$DATA/spotify_api_own_genres.csv"
: >"$tmp/in"
vg "a GTZAN-like table by its own schema, improved preset, --export, model version 3" \
	--batch --json --preset improved --epochs 2 --importance=1 --export "$tmp/gz" \
	--save-model "$tmp/gz.gtm" "$DATA/gtzan_small.csv"
printf 'tempo=120 mfcc1_mean=-100\nline 5\nmfcc1_mea=3\nhelp\n' >"$tmp/in"
vg "--predict on that model, lines of its file" --model "$tmp/gz.gtm" --predict \
	"$DATA/gtzan_small.csv"
: >"$tmp/in"
vg "a hackathon table: empty cells, numeric classes, --cv 2" --batch --epochs 1 --cv 2 \
	"$DATA/hackathon_small.csv"
vg "the 114-genre tracks table by its own schema, --features and --drop" --batch --epochs 1 \
	--features 'dance*,energy,explicit,tempo' --drop tempo "$DATA/spotify_tracks_114.csv"
for f in "$DATA"/bad/*.csv; do
	vg "bad input $(basename "$f")" --batch --epochs 1 "$f"
done
echo "1..$n"
[ "$fails" = 0 ]
