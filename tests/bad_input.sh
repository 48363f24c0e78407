#!/bin/sh
# bad_input.sh: genretui --batch on every file of the bad-input corpus
# (tests/data/bad), each answered as tests/data/bad/EXPECTED says: the exact
# message and exit status of a file that cannot be used, the ledger of one
# that loads with rows dropped. Then data text and file names never reach
# the terminal raw, and the model file written by --save-model respects the
# umask and replaces a planted symlink instead of following it; a save that
# cannot be done (under a file, over a directory or FIFO, past a file-size
# limit, on a full or read-only file system) fails with its reason and
# leaves the old file intact. Prints TAP (the plan comes last).
GENRETUI=${GENRETUI:-./genretui}
BAD=${GT_TESTDATA:-tests/data}/bad
case $GENRETUI in /*) ;; *) GENRETUI=$(pwd)/$GENRETUI ;; esac   # (run changes directory)

if ! command -v python3 >/dev/null 2>&1; then
	echo "1..0 # SKIP python3 is not installed"
	exit 0
fi
tmp=$(mktemp -d) || exit 99
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
mkdir "$tmp/fallback"
TMPDIR=$tmp/fallback   # where a model that cannot be saved is kept
export TMPDIR
n=0
tab=$(printf '\t')

ok() { n=$((n + 1)); echo "ok $n - $1"; }
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
not_ok() {
	n=$((n + 1))
	echo "not ok $n - $1"
	for f in out err; do
		[ -s "$tmp/$f" ] && head -c 2000 "$tmp/$f" | sed "s/^/# $f: /"
	done
}
# run ARGS...: genretui in the scratch directory; its status in $got
run() {
	(cd "$tmp/w" && "$GENRETUI" "$@") >"$tmp/out" 2>"$tmp/err" </dev/null
	got=$?
}

# ---- The corpus, and the cases that cannot be committed files
mkdir "$tmp/w" "$tmp/w/adir"
cp "$BAD"/*.csv "$tmp/w/"
chmod u+w "$tmp/w"/*.csv             # (copies of a read-only distcheck tree)
cp "$tmp/w/fewer_than_batch.csv" "$tmp/w/noperm.csv"
chmod 000 "$tmp/w/noperm.csv"
head -c 65536 "$GENRETUI" >"$tmp/w/garbage.bin"
# 10 MB lines: a kept row whose track name is 10 MB, and a 10 MB line that
# is a single field (a malformed row).
ten_mb() { head -c 10485760 /dev/zero | tr '\0' "$1"; }
good=$tmp/w/fewer_than_batch.csv
{
	sed -n 1,2p "$good"
	sed -n 3p "$good" | cut -d, -f1-2 | tr -d '\n'
	printf ','
	ten_mb x
	printf ','
	sed -n 3p "$good" | cut -d, -f4-
	sed -n 4p "$good"
	ten_mb y
	echo
	sed -n 5p "$good"
} >"$tmp/w/long_line.csv"

# error FILE STATUS WANT: exit status, nothing on stdout, WANT on stderr
check_error() {
	run --batch --epochs 1 "$1"
	printf '%s\n' "$3" >"$tmp/want"
	if [ "$got" = "$2" ] && [ ! -s "$tmp/out" ] && cmp -s "$tmp/want" "$tmp/err"; then
		ok "$1: exit $2 and: $3"
	else
		echo "# exit $got, wanted $2; wanted stderr: $3"
		not_ok "$1: exit $2 and one message"
	fi
}

# warn FILE STATUS WANT: it runs, and stderr has the line WANT
check_warn() {
	run --batch --epochs 1 "$1"
	if [ "$got" = "$2" ] && grep -qxF -- "$3" "$tmp/err"; then
		ok "$1: $3"; else not_ok "$1: $3"; fi
}

# The ledger and row cases of one file, gathered in $tmp/cases (lines
# KIND<TAB>WANT) and checked on its JSON together (python starts slowly):
# the ledger holds the counts WANT with every row counted once; a dropped
# row is explained as WANT.
json_checks() {
	run --batch --json --epochs 0 "$1"
	[ "$got" = 0 ] || echo "# exit $got" >>"$tmp/err"
	python3 - "$tmp/out" "$tmp/cases" "$1" >"$tmp/verdicts" 2>>"$tmp/err" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
def ledger(want):
    want = {k: int(v) for k, v in (kv.split("=") for kv in want.split())}
    got = {"read": d["rows_read"], "kept": d["rows_kept"]}
    got.update((k, v) for k, v in d["dropped"].items() if k != "total" and v)
    reasons = sum(v for k, v in d["dropped"].items() if k != "total")
    return (got == want and reasons == d["dropped"]["total"] and
            d["rows_kept"] + reasons == d["rows_read"])
def row(want):
    return want in [r["message"] for r in d["dropped_rows"]]
for line in open(sys.argv[2]):
    kind, want = line.rstrip("\n").split("\t", 1)
    good = ledger(want) if kind == "ledger" else row(want)
    print("%s\t%s: %s%s" % ("ok" if good else "not ok", sys.argv[3],
                            "ledger " if kind == "ledger" else "", want))
PY
	[ -s "$tmp/verdicts" ] || printf 'not ok\t%s: a JSON ledger\n' "$1" >"$tmp/verdicts"
	while IFS="$tab" read -r verdict desc; do
		if [ "$verdict" = ok ]; then ok "$desc"; else not_ok "$desc"; fi
	done <"$tmp/verdicts"
}

# text_checks FILE COUNTS: the text ledger shows the same counts (reasons
# not in COUNTS show 0 or nothing), and one epoch trains.
text_checks() {
	run --batch --epochs 0 "$1"
	if awk -v want="$2" '
	BEGIN {
		name["read"] = "rows read"; name["kept"] = "kept"
		name["malformed"] = "dropped: wrong number of fields"
		name["blank"] = "dropped: blank row"
		name["missing"] = "dropped: empty field"
		name["invalid"] = "dropped: invalid value"
		name["unknown_duration"] = "dropped: unknown duration (-1)"
		name["unknown_tempo"] = "dropped: unknown tempo (?)"
		name["unknown_both"] = "dropped: unknown duration and tempo"
		for (k in name) expect[name[k]] = 0
		n = split(want, kv, " ")
		for (i = 1; i <= n; i++) { split(kv[i], p, "="); expect[name[p[1]]] = p[2] }
	}
	/^  [a-z]/ {
		label = $0; sub(/^  /, "", label); sub(/ +[0-9]+$/, "", label)
		if (label in expect) seen[label] = $NF
	}
	END {
		for (l in expect)
			if (seen[l] + 0 != expect[l] + 0) { print "# " l ": " seen[l]; bad = 1 }
		exit bad
	}' "$tmp/out" >"$tmp/why"
	then ok "$1: the text ledger agrees"
	else cat "$tmp/why" >>"$tmp/err"; not_ok "$1: the text ledger agrees"; fi
	run --batch --epochs 1 "$1"
	if [ "$got" = 0 ] && grep -q '^Test accuracy' "$tmp/out"; then
		ok "$1: one epoch trains"; else not_ok "$1: one epoch trains"; fi
}

# Check the cases gathered for the previous file, if any.
flush() {
	if [ -s "$tmp/cases" ]; then
		json_checks "$last"
		[ -n "$counts" ] && text_checks "$last" "$counts"
	fi
	: >"$tmp/cases"
	counts=
}

: >"$tmp/cases"
last=
counts=
while IFS="$tab" read -r file kind status want; do
	case $file in ''|'#'*) continue ;; esac
	[ "$file" = "$last" ] || flush
	last=$file
	if [ "$file" = noperm.csv ] && [ "$(id -u)" = 0 ]; then
		skip "$file: $want" "root reads files of mode 000"
		continue
	fi
	case $kind in
	error) check_error "$file" "$status" "$want" ;;
	warn) check_warn "$file" "$status" "$want" ;;
	ledger) printf 'ledger\t%s\n' "$want" >>"$tmp/cases"; counts=$want ;;
	row) printf 'row\t%s\n' "$want" >>"$tmp/cases" ;;
	*) echo "# unknown kind '$kind' in EXPECTED"; not_ok "$file: an EXPECTED line" ;;
	esac
done <"$BAD/EXPECTED"
flush

# ---- Nothing from the data reaches the terminal raw: the ledger's
# explanations and the file name are escaped.
esc=$(printf '\033')
cp "$tmp/w/unknown_genre.csv" "$tmp/w/name${esc}[2J.csv"
run --batch --epochs 0 "name${esc}[2J.csv"
if [ "$got" = 0 ] && ! grep -q "$esc" "$tmp/out" && grep -qF 'name\x1b[2J.csv' "$tmp/out" &&
	grep -qF "unknown genre 'Rock\\x1b[2J'" "$tmp/out"; then
	ok "batch text escapes control characters from the data and the file name"
else
	not_ok "batch text escapes control characters from the data and the file name"
fi
run --batch --epochs 1 "name${esc}.csv"
if [ "$got" = 1 ] && ! grep -q "$esc" "$tmp/err" && grep -qF 'name\x1b.csv' "$tmp/err"; then
	ok "error messages escape the file name"; else not_ok "error messages escape the file name"; fi

# ---- A genre label over the length limit is said to be too long, not unknown.
long=$(printf 'Rock%.0s' $(seq 1 30))
sed "s/,Polka\$/,$long/" "$tmp/w/unknown_genre.csv" >"$tmp/w/long_genre.csv"
run --batch --epochs 0 long_genre.csv
if [ "$got" = 0 ] && grep -qF "line 3: invalid value in column 'music_genre': genre label of 120 bytes is too long (at most 63): 'RockRock" "$tmp/out"
then ok "a 120-byte genre label is too long, not an unknown genre"
else not_ok "a 120-byte genre label is too long, not an unknown genre"; fi

# ---- Model files: the umask is respected, a planted symlink is replaced
# (its target untouched), and a failed save leaves the old file intact.
train_save() { run --batch --epochs 1 --save-model "$1" fewer_than_batch.csv; }
for mask in 022 077; do
	(umask $mask && train_save "m$mask.gtm")
	mode=$(stat -c %a "$tmp/w/m$mask.gtm" 2>/dev/null)
	want=$(printf '%o' $((0666 & ~0$mask)))
	if [ "$mode" = "$want" ]; then ok "umask $mask: the model file has mode $want"
	else echo "# mode '$mode'"; not_ok "umask $mask: the model file has mode $want"; fi
done
echo precious >"$tmp/target"
ln -s "$tmp/target" "$tmp/w/link.gtm"
train_save link.gtm
if [ "$got" = 0 ] && [ -f "$tmp/w/link.gtm" ] && [ ! -L "$tmp/w/link.gtm" ] &&
	[ "$(cat "$tmp/target")" = precious ]; then
	ok "saving over a symlink replaces the link, its target is untouched"
else
	not_ok "saving over a symlink replaces the link, its target is untouched"
fi
ln -s "$tmp/planted" "$tmp/w/dangling.gtm"
train_save dangling.gtm
if [ "$got" = 0 ] && [ ! -e "$tmp/planted" ] && [ ! -L "$tmp/w/dangling.gtm" ]; then
	ok "saving over a dangling symlink creates nothing at its target"
else
	not_ok "saving over a dangling symlink creates nothing at its target"
fi
if [ "$(id -u)" = 0 ]; then
	skip "saving into a read-only directory fails and keeps the old file" "root writes anyway"
else
	mkdir "$tmp/w/ro" && cp "$tmp/w/m022.gtm" "$tmp/w/ro/m.gtm" && chmod 555 "$tmp/w/ro"
	train_save ro/m.gtm
	if [ "$got" = 1 ] && grep -q "^genretui: ro/m.gtm: cannot write: Permission denied" "$tmp/err" &&
		cmp -s "$tmp/w/m022.gtm" "$tmp/w/ro/m.gtm"; then
		ok "saving into a read-only directory fails and keeps the old file"
	else
		not_ok "saving into a read-only directory fails and keeps the old file"
	fi
	chmod 755 "$tmp/w/ro"
fi

# ---- Saving where it cannot be done, in ways that hold for root too: the
# message names the file and the reason, the status is 1, nothing is on
# standard output, what was there is as it was, no temporary file is left.
cp "$tmp/w/m022.gtm" "$tmp/old.gtm"
json_save() { run --batch --json --quiet --epochs 1 --save-model "$1" fewer_than_batch.csv; }
# refused DESCRIPTION FILE REASON [TEST...]: the last save failed so, no
# temporary file is beside FILE (when relative), and TEST holds
refused() {
	desc=$1 file=$2 reason=$3
	shift 3
	case $file in /*) dir=/nonexistent ;; *) dir=$(dirname "$tmp/w/$file") ;; esac
	if [ "$got" = 1 ] && [ ! -s "$tmp/out" ] &&
		grep -qxF "genretui: $file: cannot write: $reason" "$tmp/err" &&
		! ls -a "$dir" 2>/dev/null | grep -q '\.tmp' && { [ $# = 0 ] || "$@"; }
	then ok "$desc"
	else echo "# exit $got"; not_ok "$desc"; fi
}
# intact: in the namespace, the old file was intact and no temporary file left
intact() { grep -qx intact "$tmp/ns" && ! grep -q '\.tmp' "$tmp/ns"; }
echo plain >"$tmp/w/plain"
json_save plain/m.gtm
refused "saving under a regular file fails: Not a directory" plain/m.gtm "Not a directory" \
	grep -qx plain "$tmp/w/plain"
json_save adir
refused "saving over a directory fails: Is a directory" adir "Is a directory" test -d "$tmp/w/adir"
mkfifo "$tmp/w/fifo.gtm"
json_save fifo.gtm
refused "saving over a FIFO is refused, the FIFO stays" fifo.gtm "not a regular file" \
	test -p "$tmp/w/fifo.gtm"
# A symlink at the path is replaced whatever it points to (here a device),
# never opened: the docs' promise, and no "not a regular file".
ln -s /dev/full "$tmp/w/full.gtm"
json_save full.gtm
if [ "$got" = 0 ] && [ -f "$tmp/w/full.gtm" ] && [ ! -L "$tmp/w/full.gtm" ] &&
	[ -c /dev/full ]; then
	ok "saving over a symlink to /dev/full replaces the link"
else
	not_ok "saving over a symlink to /dev/full replaces the link"
fi
# --model on a FIFO (no writer): refused at once, never waits for a writer.
mkfifo "$tmp/w/model.fifo"
(cd "$tmp/w" && exec timeout 10 "$GENRETUI" --model model.fifo --predict) \
	>"$tmp/out" 2>"$tmp/err" </dev/null
got=$?
if [ "$got" = 1 ] && grep -qxF "genretui: model.fifo: cannot read: not a regular file" "$tmp/err"
then ok "--model on a FIFO is refused at once as not a regular file"
else echo "# exit $got"; not_ok "--model on a FIFO is refused at once as not a regular file"; fi
# Output paths are checked before the data is read and before training:
# nothing is printed but the one message, and nothing is made.
# early DESCRIPTION WANT ARGS...: exit 1, stdout empty, stderr exactly WANT
early() {
	desc=$1 want=$2
	shift 2
	run --batch --epochs 1 "$@" fewer_than_batch.csv
	if [ "$got" = 1 ] && [ ! -s "$tmp/out" ] && [ "$(cat "$tmp/err")" = "$want" ]
	then ok "$desc"; else echo "# exit $got"; not_ok "$desc"; fi
}
early "--save-model missing_dir/x.gtm fails before training" \
	"genretui: missing_dir/x.gtm: cannot write: No such file or directory" --save-model missing_dir/x.gtm
early "--save-model under a file fails before training" \
	"genretui: plain/m.gtm: cannot write: Not a directory" --save-model plain/m.gtm
early "--export /dev/full fails before training" \
	"genretui: /dev/full: exists and is not a directory" --export /dev/full
early "--export to a file fails before training" \
	"genretui: plain: exists and is not a directory" --export plain
early "--export under a file fails before training, nothing made" \
	"genretui: plain: exists and is not a directory" --export plain/sub/dir
mkdir "$tmp/w/expdir" && mkfifo "$tmp/w/expdir/report.json"
early "--export into a directory with a FIFO at report.json fails before training" \
	"genretui: expdir/report.json: cannot write: not a regular file" --export expdir
if [ -z "$(ls "$tmp/fallback")" ] && [ ! -e "$tmp/w/missing_dir" ]; then
	ok "... and they leave nothing behind"; else not_ok "... and they leave nothing behind"; fi
# A file-size limit below the model's size: EFBIG, as on a full disk.
cp "$tmp/old.gtm" "$tmp/w/limited.gtm"
(cd "$tmp/w" && ulimit -f 8 && exec "$GENRETUI" --batch --json --quiet --epochs 1 \
	--save-model limited.gtm fewer_than_batch.csv) >"$tmp/out" 2>"$tmp/err" </dev/null
got=$?
refused "a file-size limit fails the save (File too large), the old file intact" limited.gtm \
	"File too large" cmp -s "$tmp/old.gtm" "$tmp/w/limited.gtm"
if grep -q "^genretui: the trained model could not be kept elsewhere either: $tmp/fallback/genretui-model-.*\.gtm: cannot write: File too large$" "$tmp/err" &&
	[ -z "$(ls "$tmp/fallback")" ]; then
	ok "... the fallback file fails too: said, and no empty file left"
else
	not_ok "... the fallback file fails too: said, and no empty file left"
fi
# --predict trains and saves through the same path.
(cd "$tmp/w" && ulimit -f 8 && exec "$GENRETUI" --predict --epochs 1 \
	--save-model limited.gtm fewer_than_batch.csv) >"$tmp/out" 2>"$tmp/err" </dev/null
got=$?
if [ "$got" = 1 ] && grep -qxF "genretui: limited.gtm: cannot write: File too large" "$tmp/err" &&
	grep -q "^genretui: the trained model could not be kept elsewhere either: " "$tmp/err" &&
	cmp -s "$tmp/old.gtm" "$tmp/w/limited.gtm" && [ -z "$(ls "$tmp/fallback")" ]
then ok "--predict --save-model failing at the end: said, the old file intact, nothing left"
else echo "# exit $got"; not_ok "--predict --save-model failing at the end: said, the old file intact, nothing left"; fi

# A full and a read-only file system, in a mount namespace of our own (as
# root, where unshare and mount work; skipped elsewhere).
mkdir "$tmp/mnt"
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null 2>&1 &&
	unshare -m sh -c "mount -t tmpfs -o size=64k tmpfs '$tmp/mnt'" 2>/dev/null; then
	ns=1
else
	ns=
fi
# in_ns SETUP: mount SETUP on $tmp/mnt (holding the old model), then save to
# $tmp/mnt/m.gtm; the status, whether the old file is intact and what the
# directory holds are written to $tmp/ns
in_ns() {
	unshare -m sh -c '
		mnt=$1 tmp=$2 genretui=$3
		eval "$4" || exit 99
		(cd "$tmp/w" && exec "$genretui" --batch --json --quiet --epochs 1 \
			--save-model "$mnt/m.gtm" fewer_than_batch.csv) >"$tmp/out" 2>"$tmp/err" </dev/null
		echo $? >"$tmp/ns"
		cmp -s "$tmp/old.gtm" "$mnt/m.gtm" && echo intact >>"$tmp/ns"
		ls -a "$mnt" >>"$tmp/ns"' sh "$tmp/mnt" "$tmp" "$GENRETUI" "$1"
	got=$(sed -n 1p "$tmp/ns")
}
# The file system is filled up after the old model is copied in.
if [ -n "$ns" ]; then
	in_ns 'mount -t tmpfs -o size=64k tmpfs "$mnt" && cp "$tmp/old.gtm" "$mnt/m.gtm" &&
		{ cat /dev/zero >"$mnt/fill"; true; } 2>/dev/null'
	refused "saving to a full file system fails (No space left on device), the old file intact" \
		"$tmp/mnt/m.gtm" "No space left on device" intact
	kept=$(sed -n "s|^genretui: the trained model is kept in \($tmp/fallback/genretui-model-.*\.gtm\) instead\$|\1|p" "$tmp/err")
	if [ -n "$kept" ] && echo energy=0.5 | "$GENRETUI" --model "$kept" --predict 2>/dev/null | grep -q "	filled="
	then ok "... and the trained model is kept in a fallback file that loads"
	else not_ok "... and the trained model is kept in a fallback file that loads"; fi
	cp "$tmp/old.gtm" "$tmp/mnt/m.gtm"
	in_ns 'mount --bind "$mnt" "$mnt" && mount -o remount,bind,ro "$mnt"'
	refused "saving to a read-only file system fails (Read-only file system), the old file intact" \
		"$tmp/mnt/m.gtm" "Read-only file system" intact
else
	skip "saving to a full file system fails, the old file intact" "needs root, unshare and mount"
	skip "... and the trained model is kept in a fallback file that loads" "needs root, unshare and mount"
	skip "saving to a read-only file system fails, the old file intact" "needs root, unshare and mount"
fi
echo "1..$n"
exit 0
