#!/bin/sh
# tui.sh: the application shell in a real terminal (tmux): title, tabs,
# the Balance pane, help, resizing, colour rules, and the terminal being
# restored on q, Ctrl-C and SIGTERM, on the bundled sample (a fixture); the
# real dataset ($GT_REAL_CSV), when present, adds its own figures. Also
# checks tmux-lib's expect_not itself. Prints TAP; needs tmux.
. "$(dirname "$0")/tmux-lib.sh"

start 80 24 "" "$GENRETUI $SAMPLE"
expect "title bar names the file" "synthetic_sample.csv" 20
expect "title bar counts rows read and kept" "5,005 rows read  |  4,060"
expect "tab bar lists the panes" "1 Browse   2 Balance   3 Train   4 Confusion   5 Predict"
keys 2
expect "Balance pane shows kept total" "4,060"
if screen | grep -q "Rock *500 *424"; then ok "Balance shows Rock 500 -> 424"; else not_ok "Balance shows Rock 500 -> 424"; fi
expect "Balance shows the unknown-duration fraction" "0.0938"
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

# expect_not fails on a program that has ended and on a blank screen, where
# no text is shown because nothing is.
if expect_not "x" "Keys: Balance" | grep -q "^not ok"; then ok "expect_not fails once the program has ended"
else not_ok "expect_not fails once the program has ended"; fi
start 80 24 "" "sleep 30"
sleep 0.5
if expect_not "x" "Keys: Balance" | grep -q "^not ok"; then ok "expect_not fails on a blank screen"
else not_ok "expect_not fails on a blank screen"; fi

# The real file's figures, when it is here.
if [ -r "$CSV" ]; then
	start 80 24 "" "$GENRETUI $CSV"
	expect "real file: the title counts rows read and kept" "50,005 rows read  |  40,560 kept" 20
	keys 2
	if wait_re "Rock *5,000 *4,099" 5; then ok "real file: Balance shows Rock 5,000 -> 4,099"
	else not_ok "real file: Balance shows Rock 5,000 -> 4,099"; fi
	expect "real file: the unknown-duration fraction" "0.09878"
	keys q
else
	skip "real file: the title counts rows read and kept" "no real dataset at $CSV"
	skip "real file: Balance shows Rock 5,000 -> 4,099" "no real dataset"
	skip "real file: the unknown-duration fraction" "no real dataset"
fi

# Colour only without NO_COLOR; attributes still mark the bars.
start 80 24 "NO_COLOR=1" "$GENRETUI $SAMPLE"
wait_for "kept" 20
keys 2
wait_for "Majority-class baseline"
if tm capture-pane -p -e -t gt | grep -q "$(printf '\033')\[[0-9;]*3[0-7]m\|$(printf '\033')\[[0-9;]*4[0-7]m\|38;5\|48;5"; then
	not_ok "NO_COLOR=1: no colour escapes"; else ok "NO_COLOR=1: no colour escapes"; fi
keys q
start 80 24 "" "$GENRETUI $SAMPLE"
wait_for "kept" 20
keys 2
wait_for "Majority-class baseline"
if tm capture-pane -p -e -t gt | grep -q "$(printf '\033')\[[0-9;]*3[0-7]m\|$(printf '\033')\[[0-9;]*4[0-7]m\|38;5\|48;5"; then
	ok "without NO_COLOR: colour is used"; else not_ok "without NO_COLOR: colour is used"; fi
keys q

# The terminal is restored: stty settings identical before and after.
for how in q C-c TERM; do
	start 80 24 "" "$(with_stty "$GENRETUI $SAMPLE")"
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
echo "1..$n"
exit 0
