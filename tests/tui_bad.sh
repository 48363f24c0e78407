#!/bin/sh
# tui_bad.sh: bad and hostile files given to the terminal interface, in a
# real terminal (tmux). A file that cannot be used prints its one message
# and exits 1 with the terminal as it was (stty -a identical before and
# after); artist and track names holding escape sequences and control
# characters are shown escaped in the Browse pane, and none reaches the
# terminal; w in the Train pane reports a save that fails and one that
# works. Prints TAP. Needs tmux (skips without it), not the real dataset.
. "$(dirname "$0")/tmux-lib.sh"
BAD=${GT_TESTDATA:-tests/data}/bad
case $GENRETUI in /*) ;; *) GENRETUI=$(pwd)/$GENRETUI ;; esac
case $BAD in /*) ;; *) BAD=$(pwd)/$BAD ;; esac
case $SAMPLE in /*) ;; *) SAMPLE=$(pwd)/$SAMPLE ;; esac
esc=$(printf '\033')

# launch FILE: genretui FILE in a fresh 160x30 terminal, run from the corpus
# directory (so messages name the bare file), stty -a saved before and after
launch() { start 160 30 "" "cd $BAD && $(with_stty "$GENRETUI $1")"; }
restored() {
	if stty_same; then
		ok "$1: the terminal is as it was (stty -a)"
	else
		not_ok "$1: the terminal is as it was (stty -a)"
	fi
}

echo "1..20"
# ---- Files that cannot be used: the message, status 1, the terminal intact.
launch stray_quote.csv
expect "a malformed CSV prints where and why" \
	"genretui: stray_quote.csv:3: malformed CSV: quote character inside an unquoted field (field 3, column 'track_name')"
expect "a malformed CSV exits 1" "EXIT=1"
restored "a malformed CSV"
launch renamed_columns.csv
expect "missing columns are named, the header's look-alikes shown escaped" \
	"genretui: renamed_columns.csv: missing columns: danceability, tempo (field 6 is 'Danceability', field 15 is 'tem\\x1bpo': names must match exactly)"
expect "missing columns exit 1" "EXIT=1"
restored "missing columns"

# ---- Hostile names: shown escaped, never sent to the terminal.
launch control_chars.csv
expect "an SGR sequence in an artist name is shown escaped" '\x1b[31mRED\x1b[0m'
expect "an OSC title sequence in a track name is shown escaped" '\x1b]0;pwned\x07Title'
expect "BEL, tab, CR and DEL are shown escaped" 'Bell\x07Ringer'
expect "a C1 CSI is shown escaped" '\u009b31mCSI'
# Everything the pane holds besides text is curses' own colour and
# attribute changes (SGR); a title change would show in the pane title.
tm capture-pane -p -e -t gt >"$tmp/raw"
sed "s/$esc\[[0-9;:]*m//g" "$tmp/raw" >"$tmp/rest"
if ! grep -q "$esc" "$tmp/rest" && [ "$(tm display -p -t gt '#{pane_title}')" != pwned ]; then
	ok "no escape sequence from the data reaches the terminal"
else
	grep "$esc" "$tmp/rest" | cat -v | sed 's/^/# /' | head -5
	not_ok "no escape sequence from the data reaches the terminal"
fi
keys q
expect "q exits 0" "EXIT=0"
restored "after browsing hostile names"

# ---- w in the Train pane: a save that fails (a file-size limit below the
# model's size) says why in the status bar and leaves the old file as it
# was; one that works says where the model went, and the model loads.
"$GENRETUI" --batch --json --quiet --epochs 1 --save-model "$tmp/old.gtm" "$SAMPLE" >/dev/null 2>&1
cp "$tmp/old.gtm" "$tmp/m.gtm"
start 100 30 "" "cd $tmp && ulimit -f 8 && $GENRETUI --epochs 1 --save-model m.gtm $SAMPLE"
wait_for "kept"
keys 3
keys t
wait_for "done after 1 epochs"
keys w
expect "w asks for the file, --save-model's filled in" "save the model to: m.gtm_"
keys Enter
expect "... an existing file is replaced only when confirmed" "m.gtm exists: replace it? (y/n)"
keys n
expect "... n: not saved" "model not saved"
keys w Enter y
expect "w with a file-size limit: the status bar says why" "m.gtm: cannot write: File too large"
keys q
wait_for "EXIT=0"
cmp -s "$tmp/old.gtm" "$tmp/m.gtm" && ! ls "$tmp" | grep -q '\.tmp'
check "... and the old file is intact, no temporary file left" $?
start 100 30 "" "cd $tmp && $GENRETUI --epochs 1 --save-model new.gtm $SAMPLE"
wait_for "kept"
keys 3
keys t
wait_for "done after 1 epochs"
keys w Enter
expect "w saves the model and says where" "model saved to new.gtm (genretui --model new.gtm --predict)"
echo 'energy=0.9' | "$GENRETUI" --model "$tmp/new.gtm" --predict 2>&1 | grep -q 'filled='
check "... and the saved model loads" $?
keys q
exit 0
