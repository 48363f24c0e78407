#!/bin/sh
# tui.sh: the application shell in a real terminal (tmux): title, tabs,
# the Balance pane, help, resizing, colour rules, and the terminal being
# restored on q, Ctrl-C and SIGTERM. Prints TAP. Needs tmux and the real
# dataset ($GT_REAL_CSV); skips when either is missing.
. "$(dirname "$0")/tmux-lib.sh"
need_csv

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
	start 80 24 "" "$(with_stty "$GENRETUI $CSV")"
	wait_for "kept" 20
	case $how in
	# only this pane's genretui: under make -j2 another test runs the same command
	TERM) kill -TERM "$(app_pid)" 2>/dev/null || tm send-keys -t gt q ;;
	*) keys "$how" ;;
	esac
	if wait_for "EXIT=" 5 && stty_same; then
		ok "terminal restored after $how"; else not_ok "terminal restored after $how"; fi
done

# The bundled sample is labelled synthetic.
start 100 24 "" "$GENRETUI $SAMPLE"
expect "the bundled sample is labelled synthetic" "(synthetic sample)" 10
keys q
exit 0
