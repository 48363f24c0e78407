#!/bin/sh
# tui_predict.sh: the Predict pane's readline prompt inside curses, with a
# model saved by --batch --save-model and loaded by --model, its history
# file, and a symbolic link planted there (never written through); Ctrl-R's
# search prompt; F1-F5 and Esc-digit from the prompt; a replayed key storm
# with sequences curses cannot decode, which must not reach readline as
# text nor freeze the pane. Runs on the bundled sample (a fixture). Prints
# TAP; needs tmux.
. "$(dirname "$0")/tmux-lib.sh"
CSV=$SAMPLE
"$GENRETUI" --batch --epochs 2 --quiet --save-model "$tmp/m.gtm" "$CSV" >/dev/null 2>&1
if [ -s "$tmp/m.gtm" ]; then ok "--batch --save-model writes a model"; else not_ok "--batch --save-model writes a model"; fi
# History goes to a private state directory.
start 100 34 "XDG_STATE_HOME=$tmp/state" "$GENRETUI --model $tmp/m.gtm $CSV"
wait_for "kept" 20
keys 5
expect_re "the pane names the loaded model" "Model: paper, 2 epochs, test accuracy 0\.[0-9]+ \(loaded from file\)"
keys 'dance'
keys Tab
expect_re "Tab completes a feature name" "genre> danceability="
keys '0.8 energy=0.9 key=A# mode=minor tempo=128' Enter
expect_re "an answer names the predicted genre and the second" "^ [A-Z][a-zA-Z-]+ \([0-9.]+%\), then [A-Z][a-zA-Z-]+ \([0-9.]+%\)"
expect_re "all ten genres get a bar" "Classical +[0-9.]+%"
expect_re "missing features are filled with medians" "filled with training medians: popularity"
keys 'tempo=fast' Enter
expect_re "a malformed value is pointed at" "column 7: tempo: 'fast' is not a number"
artist=$(sed -n 3p "$CSV" | cut -d, -f2)
keys 'line 3' Enter
expect_re "line N predicts the row on file line N, as Browse numbers it" \
	"line 3 \(row 2\): $artist - .* true genre Electronic"
keys 'row 2' Enter
i=0
while [ $i -lt 50 ] && [ "$(screen | grep -c "line 3 (row 2): $artist")" != 2 ]; do sleep 0.1; i=$((i + 1)); done
if [ $i -lt 50 ]; then
	ok "row N names the same row by data row, the answer says its line first"
else not_ok "row N names the same row by data row, the answer says its line first"; fi
keys 'line 1' Enter
expect "line 1 is the header, said with the lines that hold rows" \
	"line 1 is the header; the file's rows are on lines 2 to 5006"
keys 'q3' Enter
expect_re "q and digits are text in the prompt" "genre> q3"
keys Up
expect_re "Up recalls the history" "genre> q3"
keys C-u 'quit' Enter
expect_re "quit leaves the prompt for Browse" "of 5,005 rows"
keys : 3 Enter
expect_re "... where line 3 is the row line 3 answered" "^ *3 .*$artist"
keys q
expect_re "q then exits" "EXIT=0"
if [ -s "$tmp/state/genretui/history" ] && grep -q "row 2" "$tmp/state/genretui/history"; then
	ok "history is kept under XDG_STATE_HOME"; else not_ok "history is kept under XDG_STATE_HOME"; fi
printf 'energy=0.9 danceability=0.2\nkey=H\nrow 2\nline 3\n' | "$GENRETUI" --model "$tmp/m.gtm" --predict "$CSV" >"$tmp/out" 2>&1
if [ "$(grep -c . "$tmp/out")" = 4 ] && grep -q "^error: column 5: unknown key 'H'" "$tmp/out" &&
	[ "$(grep -c "true=Electronic" "$tmp/out")" = 2 ] && [ "$(sed -n 3p "$tmp/out")" = "$(sed -n 4p "$tmp/out")" ]; then
	ok "--predict from a pipe: one line per input line"; else not_ok "--predict from a pipe: one line per input line"; cat "$tmp/out" | sed 's/^/# /'; fi

# While a run trains and no run has ended, the pane says so, and a line
# asked gets the same answer, not "no model yet".
start 120 34 "XDG_STATE_HOME=$tmp/state" "$GENRETUI --epochs 100000 $CSV"
wait_for "kept" 20
keys 3 t
wait_for "running" 20
keys 5
expect_re "while a run trains the pane says it is training" \
	"A run is training \(epoch [0-9]+ of 100000\): the model answers here once it ends"
keys 'energy=0.5' Enter
expect_re "... and a line asked gets that answer" "^ a run is training \(epoch [0-9]+ of 100000\)"
keys C-u 'quit' Enter
expect_re "quit leaves the prompt without a model too" "of 5,005 rows"
keys 3 z
wait_for "stopped" 20
keys 5 'energy=0.5' Enter
expect_re "once the run is stopped the model answers" "then [A-Z][a-zA-Z-]+ \([0-9.]+%\)"
keys C-u 'quit' Enter
keys q
wait_for "EXIT=0"

# A run that ends while the pane is not shown, then a new run: the pane
# has the ended run's model, and says a new one is training.
start 120 34 "XDG_STATE_HOME=$tmp/state" "$GENRETUI --epochs 100000 $CSV"
wait_for "kept" 20
keys 3 t
wait_for "running" 20
keys z
wait_for "stopped" 20
keys t
wait_for "running" 20
keys 5
expect_re "a run ended unseen: its model is the pane's while a new run trains" \
	"Model: paper, [0-9]+ epochs, test accuracy 0\.[0-9]+; a new run is training \(epoch [0-9]+ of 100000\)"
keys 'energy=0.5' Enter
expect_re "... and it answers" "then [A-Z][a-zA-Z-]+ \([0-9.]+%\)"
keys C-u 'quit' Enter
keys 3 z
wait_for "stopped" 20
keys q q
wait_for "EXIT=0"

# A symbolic link planted at the history path is never written through:
# both prompts say so and keep no history; the link's target is untouched.
mkdir -p "$tmp/trap/genretui"
echo precious >"$tmp/precious"
ln -s "$tmp/precious" "$tmp/trap/genretui/history"
untouched() { [ -L "$tmp/trap/genretui/history" ] && [ "$(cat "$tmp/precious")" = precious ]; }
start 200 34 "XDG_STATE_HOME=$tmp/trap" "$GENRETUI --model $tmp/m.gtm $CSV"
wait_for "kept" 20
keys 5
expect "a planted history symlink: the pane says it is not followed" \
	"/history: is a symbolic link (not followed); the prompt's history is not kept"
keys 'energy=0.5' Enter
keys 'quit' Enter
keys q
wait_for "EXIT=0"
untouched
check "... and its target is untouched after a line and quitting" $?
start 200 34 "XDG_STATE_HOME=$tmp/trap" "$GENRETUI --model $tmp/m.gtm --predict"
wait_for "genre>" 20
keys 'energy=0.5' Enter
keys 'quit' Enter
wait_for "EXIT=0"
if screen | grep -qF "/history: is a symbolic link (not followed); the prompt's history is not kept" && untouched
then ok "--predict on a terminal: the same message, the target untouched"
else not_ok "--predict on a terminal: the same message, the target untouched"; fi

# Ctrl-R searches the history and shows readline's search prompt.
start 100 34 "XDG_STATE_HOME=$tmp/state" "$GENRETUI --model $tmp/m.gtm $CSV"
wait_for "kept" 20
keys 5
keys C-r
expect "Ctrl-R shows the search prompt" "(reverse-i-search)"
keys 'row'
expect "... and the line found as it is typed" "(reverse-i-search)\`row': row 2"
keys C-g
expect_re "C-g ends the search with the prompt back" "^ genre>$"
# F-keys and Esc-digit switch panes from the prompt, where digits are text.
keys F2
expect "F2 from the prompt shows Balance" "Majority-class baseline"
keys F5
keys Escape 3
expect "Esc 3 from the prompt shows Train" "Settings"
keys F5
keys 'tempo=1' Escape 2
expect "Esc 2 typed after text: Balance" "Majority-class baseline"
keys F5
expect "... and the half-typed line is still there" "genre> tempo=1"
keys C-u

# A replayed key storm: random keys with sequences curses cannot decode
# (ESC [ 99999999999 ~), Esc 5 (this pane: other panes would take the
# letters as commands), Alt-minus, Alt-C-j (readline's switch to vi mode)
# among them. Once it made a numeric argument of billions and froze
# the pane for 36 s or more; now the pane answers the next line at once.
awk 'BEGIN {
	srand(20)
	n = split("a b e g n q r t y 0 1 5 9 = . - _ SP TAB BS CR E9 EBIG E1 E5 EM ECJ EB EA EOP CR CG CU CR", tok, " ")
	for (i = 0; i < 400; i++) {
		t = tok[1 + int(rand() * n)]
		if (t == "SP") printf " "; else if (t == "TAB") printf "\t"
		else if (t == "BS") printf "\177"; else if (t == "CR") printf "\r"
		else if (t == "E9") printf "\033[9~"; else if (t == "EBIG") printf "\033[99999999999~"
		else if (t == "E1") printf "\033[1;9Z"; else if (t == "E5") printf "\0335"
		else if (t == "EM") printf "\033-"; else if (t == "ECJ") printf "\033\n"
		else if (t == "EB") printf "\033b"; else if (t == "EA") printf "\033[A"
		else if (t == "EOP") printf "\033Oz"; else if (t == "CG") printf "\007"
		else if (t == "CU") printf "\025"; else printf "%s", t
	}
}' >"$tmp/storm"
keys F5
i=0
size=$(wc -c <"$tmp/storm")
while [ $i -lt "$size" ]; do
	tm send-keys -t gt -l -- "$(dd if="$tmp/storm" bs=1 skip=$i count=40 2>/dev/null)"
	i=$((i + 40))
done
sleep 0.5
keys F5 C-g C-u
keys 'energy=0.5 tempo=99' Enter
expect_re "after the storm the pane answers the next line at once" "^ genre> energy=0.5 tempo=99" 5
expect_re "... with its answer" "then [A-Z][a-zA-Z-]+ \([0-9.]+%\)" 5
if screen | grep -q '99999999999\|\[9~'; then not_ok "no undecoded sequence reached the prompt as text"
else ok "no undecoded sequence reached the prompt as text"; fi
keys F1 q
expect "q then exits (status 0)" "EXIT=0" 10
echo "1..$n"
exit 0
