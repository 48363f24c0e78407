#!/bin/sh
# tui_browse.sh: the Browse pane in a real terminal (tmux), on the real file:
# send keys as a person would and check what the screen shows. Prints TAP.
. "$(dirname "$0")/tmux-lib.sh"
need_csv

echo "1..21"
# TERM=screen (tmux's own): its mouse reports are the X10 ones sent below
start 120 40 "TERM=screen" "$GENRETUI $CSV"

expect "the pane opens with the row count" "50,005 of 50,005 rows"
expect "a sticky header names the columns" "line fate    │    id artist_name"
expect "the first row shows its track in UTF-8" "Röyksopp's Night Out"
expect "the first row's fate is in words" "line 2: unknown duration (-1)"

keys : 1 0 0 0 2 Enter
expect "jumping to file line 10002 shows a blank row" "10002 blank"
expect "its fate is described" "line 10002: blank row"

keys G
expect "G reaches the last row" "50,005/50,005"
expect "... which is line 50006" "line 50006: kept"

keys g / N a u g h t y Space B y Enter
expect "a search finds an artist" "line 25973: kept   Naughty By Nature"
keys N
expect "a search backwards wraps" "search wrapped to the bottom"
keys / z q x z q x Enter
expect "a search for nothing says so" "not found: zqxzqx"

keys g
keys -l '^'
keys l l l l l l l l l l l l l l
expect "the summary line describes a numeric column" \
	"tempo  numbers 45,020  missing 4,985  min 34.347"
keys s
expect "s sorts by the focused column" "order: tempo ▲"
expect "... and the slowest track comes first" "line 43505: kept"
keys s
expect "s again restores the file order" "order: file order"

keys f f
expect "f f shows the 9,445 dropped rows" "9,445 of 50,005 rows   show: dropped"
keys c
expect "c clears the filter" "50,005 of 50,005 rows   show: all"

# the mouse wheel (X10 report: button 64+1 = down), then a key to redraw
keys g
keys -l "$(printf '\033[Ma!!')"
expect "the mouse wheel scrolls" "4/50,005"

# while typing a line number, q and digits belong to the prompt
keys : q 3
expect "the prompt takes the keys (q does not quit)" "go to line: 3"
keys Escape
expect "Esc leaves the prompt" "line 5: kept"
keys q
expect "q quits" "EXIT=0"
