#!/bin/sh
# tui_bad.sh: bad and hostile files given to the terminal interface, in a
# real terminal (tmux). A file that cannot be used prints its one message
# and exits 1 with the terminal as it was (stty -a identical before and
# after); artist and track names holding escape sequences and control
# characters are shown escaped in the Browse pane, and none reaches the
# terminal. Prints TAP. Needs tmux (skips without it), not the real dataset.
. "$(dirname "$0")/tmux-lib.sh"
BAD=${GT_TESTDATA:-tests/data}/bad
case $GENRETUI in /*) ;; *) GENRETUI=$(pwd)/$GENRETUI ;; esac
case $BAD in /*) ;; *) BAD=$(pwd)/$BAD ;; esac
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

echo "1..13"
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
exit 0
