#!/bin/sh
# tui.sh: the application shell in a real terminal (tmux): title, tabs,
# the Balance pane, help, resizing, colour rules, and the terminal being
# restored on q, Ctrl-C and SIGTERM. Prints TAP. Needs tmux and the real
# dataset ($GT_REAL_CSV); skips when either is missing.
GENRETUI=${GENRETUI:-./genretui}
CSV=${GT_REAL_CSV:-../shared/data/music_genre.csv}
SAMPLE=${GT_SAMPLE_CSV:-data/synthetic_sample.csv}

if ! command -v tmux >/dev/null 2>&1; then
	echo "1..0 # SKIP tmux is not installed"
	exit 0
fi
if [ ! -r "$CSV" ]; then
	echo "1..0 # SKIP the real dataset is not at $CSV"
	exit 0
fi

tmp=$(mktemp -d) || exit 99
sock="gt-tui-$$"
tm() { tmux -L "$sock" "$@"; }
trap 'tm kill-server 2>/dev/null; rm -rf "$tmp"' EXIT
n=0

ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $1"; tm capture-pane -p -t gt 2>/dev/null | sed 's/^/# /'; }
screen() { tm capture-pane -p -t gt; }
# wait_for TEXT [SECONDS]: poll the screen until it shows TEXT
wait_for() {
	i=0
	while [ $i -lt $((${2:-10} * 10)) ]; do
		screen 2>/dev/null | grep -qF -- "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
expect() { if wait_for "$2" "${3:-5}"; then ok "$1"; else not_ok "$1"; fi; }
expect_not() { sleep 0.3; if screen | grep -qF -- "$2"; then not_ok "$1"; else ok "$1"; fi; }
keys() { tm send-keys -t gt "$@"; sleep 0.2; }
# start WIDTH HEIGHT ENV COMMAND: a fresh session running COMMAND, then a shell
start() {
	tm kill-session -t gt 2>/dev/null
	tm new-session -d -s gt -x "$1" -y "$2" \
		"env LANG=C.UTF-8 TERM=xterm-256color $3 sh -c '$4; echo EXIT=\$?; sleep 60'"
}

echo "1..22"
start 80 24 "" "$GENRETUI $CSV"
expect "title bar names the file" "music_genre.csv" 20
expect "title bar counts rows read and kept" "50,005 rows read  |  40,560 kept"
expect "tab bar lists the panes" "1 Browse   2 Balance   3 Train   4 Confusion   5 Predict"
keys 2
expect "Balance pane shows kept total" "40,560"
if screen | grep -q "Rock *5,000 *4,099"; then ok "Balance shows Rock 5,000 -> 4,099"; else not_ok "Balance shows Rock 5,000 -> 4,099"; fi
expect "Balance shows the unknown-duration fraction" "0.09878"
expect "Balance shows the majority-class baseline" "Majority-class baseline"
keys '?'
expect "? opens the help overlay" "Keys: Balance"
expect "help lists global keys" "next / previous pane"
keys x
expect_not "any key closes the help" "Keys: Balance"
keys Tab
expect "Tab moves to the next pane" "No training yet"
keys BTab
expect "Shift-Tab moves back" "Majority-class baseline"
tm resize-window -t gt -x 60 -y 15
expect "60x15 still shows the pane" "Rock"
tm resize-window -t gt -x 40 -y 10
expect "below the minimum: terminal too small" "terminal too small"
tm resize-window -t gt -x 120 -y 40
expect "back to 120x40 redraws" "Majority-class baseline"
keys q
expect "q exits with status 0" "EXIT=0"

# Colour only without NO_COLOR; attributes still mark the bars.
start 80 24 "NO_COLOR=1" "$GENRETUI $CSV"
wait_for "kept" 20
keys 2
wait_for "Majority-class baseline"
if tm capture-pane -p -e -t gt | grep -q "$(printf '\033')\[[0-9;]*3[0-7]m\|$(printf '\033')\[[0-9;]*4[0-7]m\|38;5\|48;5"; then
	not_ok "NO_COLOR=1: no colour escapes"; else ok "NO_COLOR=1: no colour escapes"; fi
keys q
start 80 24 "" "$GENRETUI $CSV"
wait_for "kept" 20
keys 2
wait_for "Majority-class baseline"
if tm capture-pane -p -e -t gt | grep -q "$(printf '\033')\[[0-9;]*3[0-7]m\|$(printf '\033')\[[0-9;]*4[0-7]m\|38;5\|48;5"; then
	ok "without NO_COLOR: colour is used"; else not_ok "without NO_COLOR: colour is used"; fi
keys q

# The terminal is restored: stty settings identical before and after.
for how in q C-c TERM; do
	start 80 24 "" "trap : INT; stty -a >$tmp/before; $GENRETUI $CSV; st=\$?; stty -a >$tmp/after; (exit \$st)"
	wait_for "kept" 20
	case $how in
	# only this pane's genretui: under make -j2 another test runs the same command
	TERM) pkill -TERM -P "$(tm display -p -t gt '#{pane_pid}')" -f "^$GENRETUI $CSV" 2>/dev/null ||
		tm send-keys -t gt q ;;
	*) keys "$how" ;;
	esac
	if wait_for "EXIT=" 5 && cmp -s "$tmp/before" "$tmp/after"; then
		ok "terminal restored after $how"; else not_ok "terminal restored after $how"; fi
done

# The bundled sample is labelled synthetic.
start 100 24 "" "$GENRETUI $SAMPLE"
expect "the bundled sample is labelled synthetic" "(synthetic sample)" 10
keys q
exit 0
