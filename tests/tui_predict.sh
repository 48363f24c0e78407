#!/bin/sh
# tui_predict.sh: the Predict pane's readline prompt inside curses, with a
# model saved by --batch --save-model and loaded by --model. Prints TAP;
# skips without tmux or the real dataset.
GENRETUI=${GENRETUI:-./genretui}
CSV=${GT_REAL_CSV:-../shared/data/music_genre.csv}

if ! command -v tmux >/dev/null 2>&1; then
	echo "1..0 # SKIP tmux is not installed"
	exit 0
fi
if [ ! -r "$CSV" ]; then
	echo "1..0 # SKIP the real dataset is not at $CSV"
	exit 0
fi
tmp=$(mktemp -d) || exit 99
sock="gt-predict-$$"
tm() { tmux -L "$sock" "$@"; }
trap 'tm kill-server 2>/dev/null; rm -rf "$tmp"' EXIT
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $1"; tm capture-pane -p -t gt 2>/dev/null | sed 's/^/# /'; }
screen() { tm capture-pane -p -t gt; }
wait_for() {
	i=0
	while [ $i -lt $((${2:-10} * 10)) ]; do
		screen 2>/dev/null | grep -qE -- "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
expect() { if wait_for "$2" "${3:-5}"; then ok "$1"; else not_ok "$1"; fi; }
keys() { tm send-keys -t gt "$@"; sleep 0.2; }

echo "1..14"
"$GENRETUI" --batch --epochs 2 --quiet --save-model "$tmp/m.gtm" "$CSV" >/dev/null 2>&1
if [ -s "$tmp/m.gtm" ]; then ok "--batch --save-model writes a model"; else not_ok "--batch --save-model writes a model"; fi
# History goes to a private state directory.
tm new-session -d -s gt -x 100 -y 34 \
	"env LANG=C.UTF-8 XDG_STATE_HOME=$tmp/state sh -c '$GENRETUI --model $tmp/m.gtm $CSV; echo EXIT=\$?; sleep 60'"
wait_for "kept" 20
keys 5
expect "the pane names the loaded model" "Model: paper, 2 epochs, test accuracy 0\.[0-9]+ \(loaded from file\)"
keys 'dance'
keys Tab
expect "Tab completes a feature name" "genre> danceability="
keys '0.8 energy=0.9 key=A# mode=minor tempo=128' Enter
expect "an answer names the predicted genre and the second" "^ [A-Z][a-zA-Z-]+ \([0-9.]+%\), then [A-Z][a-zA-Z-]+ \([0-9.]+%\)"
expect "all ten genres get a bar" "Classical +[0-9.]+%"
expect "missing features are filled with medians" "filled with training medians: popularity"
keys 'tempo=fast' Enter
expect "a malformed value is pointed at" "column 7: tempo: 'fast' is not a number"
keys 'row 2' Enter
expect "row N shows the true genre" "row 2, line 3: .* true genre Electronic"
keys 'q3' Enter
expect "q and digits are text in the prompt" "genre> q3"
keys Up
expect "Up recalls the history" "genre> q3"
keys C-u 'quit' Enter
expect "quit leaves the prompt for Browse" "of 50,005 rows"
keys q
expect "q then exits" "EXIT=0"
if [ -s "$tmp/state/genretui/history" ] && grep -q "row 2" "$tmp/state/genretui/history"; then
	ok "history is kept under XDG_STATE_HOME"; else not_ok "history is kept under XDG_STATE_HOME"; fi
printf 'energy=0.9 danceability=0.2\nkey=H\nrow 2\n' | "$GENRETUI" --model "$tmp/m.gtm" --predict "$CSV" >"$tmp/out" 2>&1
if [ "$(grep -c . "$tmp/out")" = 3 ] && grep -q "^error: column 5: unknown key 'H'" "$tmp/out" &&
	grep -q "true=Electronic" "$tmp/out"; then
	ok "--predict from a pipe: one line per input line"; else not_ok "--predict from a pipe: one line per input line"; cat "$tmp/out" | sed 's/^/# /'; fi
exit 0
