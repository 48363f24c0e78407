#!/bin/sh
# tui_browse.sh: the Browse pane in a real terminal (tmux): send keys as a
# person would and check what the screen shows, first on the fixture
# tests/data/ledger_small.csv at 80x24 (always), then on the sample with 41
# columns added after the study's 18 (f01 .. f40, numbers, and mood, text),
# then on the real file (skipped when it is not here). Prints TAP.
. "$(dirname "$0")/tmux-lib.sh"
LEDGER=${GT_TESTDATA:-data}/ledger_small.csv

echo "1..62"

# ---- the fixture: 26 records on file lines 2 to 29, one or two per fate
start 80 24 "" "$GENRETUI $LEDGER"
expect "the fixture opens; the counter names the cursor's file line" "26 of 26 rows"
expect "... line 2, the first data row" "line 2  3%"
expect "at 80x24 audio features show beside artist and track" "pop  acoust dance dur_ms energy"
expect "the fate column says kept, as the rest of the interface" "   2 kept    │"
expect "numbers are shown without the file's trailing zeros" "   1 Artist A Song A   27 0.00468 0.652 218293"

keys Enter
expect "Enter opens the row detail with the fate explained" "line 2: kept, used by the study"
expect "... a rounded number beside the file's own text" "loudness          -5.201  file: -5.2010000000000005"
keys j
expect "... j moves to the next row's detail" "tempo             115.002  file: 115.00200000000001"
keys Escape
expect "Esc goes back to the rows" "line 3  7%"

keys '?'
expect "the help lists the new keys" "pin the column (stays at the left) / hide it / show all"
expect "... and the fate legend" "unknown duration / tempo (improved preset fills them in)"
keys Escape

keys : 1 e 3 Enter
expect ":1e3 is refused, not read as line 13" "not a line number: 1e3"
keys : 1 2 x 3 Enter
expect ":12x3 is refused" "not a line number: 12x3"
keys : - 1 Enter
expect ":-1 says there is no such line" "there is no line -1: data rows are on file lines 2 to 29"
keys : 2 4 Enter
expect ":24 goes to file line 24" "line 24: invalid value in column 'acousticness'"
expect "... and the counter says line 24" "line 24  "

keys / '^' t r a c k Space '[' c - e ']' '$' Enter
expect "a regular expression finds a row and counts the matches" "match 1 of 3 rows, in track_name"
expect "... the count stays on the top line" "/^track [c-e]$: 1 of 3"
keys n
expect "n goes to the next match" "match 2 of 3 rows"
keys / '(' Enter
expect "a broken expression is refused with its reason" "not a regular expression:"

keys g '|' g e n r e = j a z z Enter
expect "| filters by an expression" "3 of 26 rows   where music_genre=jazz"
keys '|' t e m p o '<' f a s t Enter
expect "... and says what is wrong with a bad one" "tempo<fast: 'fast' is not a number"
keys c
expect "c clears the filters" "26 of 26 rows   /"
keys : 4 Enter
keys '$' ,
expect ", filters by the value under the cursor" "3 of 26 rows   where music_genre=Jazz"
keys c

keys / x y z
expect "/ opens the search prompt with the text typed" "/xyz"
keys C-c
expect_not "Ctrl-C drops a half-typed search, as in a shell" "/xyz"
expect "... and does not quit" "26 of 26 rows"

keys g '^' l '!'
expect "! pins the focused column" "artist_name pinned"
keys '$'
expect_re "... it stays while the last columns scroll into view" "◀ artist  ◀ .*music_genre"
keys -- -
expect "- hides the focused column" "hidden: 1 (+)"
keys +
expect "+ shows it again" "1 hidden column shown again"
keys q
expect "q quits" "EXIT=0"

# ---- every column of the file: the sample with 41 more at 100x30
awk -F, 'NR == 1 { s = $0; for (k = 1; k <= 40; k++) s = s sprintf(",f%02d", k)
                   print s ",mood"; next }
         { s = $0; for (k = 1; k <= 40; k++) s = s sprintf(",%.1f", ((NR * 37 + k * 11) % 1000) / 10)
           print s "," (NR == 50 ? "needle" : NR % 3 ? "calm" : "wild") }' "$SAMPLE" >"$tmp/wide.csv"
start 100 30 "" "$GENRETUI --epochs 1 $tmp/wide.csv"
expect "a file of 59 columns opens in Browse" "5,005 of 5,005 rows"
keys '$'
expect_re "\$ scrolls to the file's last columns, past the study's" "f38 +f39 +f40 mood"
keys h s
expect "s sorts by a column the study does not know" "order: f40 ▲"
keys '|' 'f39 > 99' Enter
expect "| filters on it by name" "45 of 5,005 rows   where f39>99"
expect "... and its summary is over the rows shown" "f40  numbers 45  missing 0  min 0.2"
keys c / needle Enter
expect "/ finds text in the last column and names it" "match 1 of 1 rows, in mood"
keys l ,
expect ", keeps the rows with the value under the cursor" "1 of 5,005 rows   where mood=needle"
keys Enter
expect_re "the row detail lists the fields up to the focused one" "^ f40 +29 *$"
keys Escape q
expect "q quits" "EXIT=0"

# ---- the real file
if [ ! -r "$CSV" ]; then
	i=0
	while [ $i -lt 21 ]; do skip "the real file" "not at $CSV"; i=$((i + 1)); done
	exit 0
fi
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
expect "G reaches the last row" "line 50006  100%"
expect "... which is line 50006" "line 50006: kept"

keys g / N a u g h t y Space B y Enter
expect "a search finds an artist" "line 25973: kept   Naughty By Nature"
keys N
expect "a search backwards wraps" "wrapped to the bottom: match"
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
expect "s again restores the file order" "line 2  0%"

keys f f
expect "f f shows the 9,445 dropped rows" "9,445 of 50,005 rows   show: dropped"
keys c
expect "c clears the filter" "50,005 of 50,005 rows   /zqxzqx"

# the mouse wheel (X10 report: button 64+1 = down), then a key to redraw
keys g
keys -l "$(printf '\033[Ma!!')"
expect "the mouse wheel scrolls" "line 5  0%"

# while typing a line number, q and digits belong to the prompt
keys : q 3
expect "the prompt takes the keys (q does not quit)" "go to file line: q3"
keys Escape
expect "Esc leaves the prompt" "line 5: kept"
keys q
expect "q quits" "EXIT=0"
