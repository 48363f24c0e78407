#!/bin/sh
# tui_predict.sh: the Predict pane's readline prompt inside curses, with a
# model saved by --batch --save-model and loaded by --model, its history
# file, and a symbolic link planted there (never written through). Prints
# TAP; skips without tmux or the real dataset.
. "$(dirname "$0")/tmux-lib.sh"
need_csv

echo "1..17"
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
keys 'row 2' Enter
expect_re "row N shows the true genre" "row 2, line 3: .* true genre Electronic"
keys 'q3' Enter
expect_re "q and digits are text in the prompt" "genre> q3"
keys Up
expect_re "Up recalls the history" "genre> q3"
keys C-u 'quit' Enter
expect_re "quit leaves the prompt for Browse" "of 50,005 rows"
keys q
expect_re "q then exits" "EXIT=0"
if [ -s "$tmp/state/genretui/history" ] && grep -q "row 2" "$tmp/state/genretui/history"; then
	ok "history is kept under XDG_STATE_HOME"; else not_ok "history is kept under XDG_STATE_HOME"; fi
printf 'energy=0.9 danceability=0.2\nkey=H\nrow 2\n' | "$GENRETUI" --model "$tmp/m.gtm" --predict "$CSV" >"$tmp/out" 2>&1
if [ "$(grep -c . "$tmp/out")" = 3 ] && grep -q "^error: column 5: unknown key 'H'" "$tmp/out" &&
	grep -q "true=Electronic" "$tmp/out"; then
	ok "--predict from a pipe: one line per input line"; else not_ok "--predict from a pipe: one line per input line"; cat "$tmp/out" | sed 's/^/# /'; fi

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
exit 0
