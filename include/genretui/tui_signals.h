/* tui_signals.h: every signal that would end the interface is caught so
 * that the terminal is given back first. */
#ifndef GENRETUI_TUI_SIGNALS_H
#define GENRETUI_TUI_SIGNALS_H

/* Catch them (call once the data is loaded, before curses starts):
 * - INT, TERM and HUP end the key loop; the program then returns its
 *   documented status (INT 0, TERM and HUP 128 + the signal's number);
 * - the other signals whose default action ends a process (QUIT, USR1,
 *   USR2, PIPE, ALRM, VTALRM, PROF, XCPU, XFSZ, POLL, PWR, STKFLT and the
 *   real-time ones) end the key loop too, and once the terminal is given
 *   back they are raised again with their default action, so the program
 *   ends as it would have (a core dump included);
 * - faults (SEGV, BUS, FPE, ILL, ABRT, TRAP, SYS) call restore at once,
 *   then take their default action.
 * A signal ignored when the program started stays ignored, and a fault
 * handler already installed (a sanitizer's) is left in place. */
void gt_signals_catch(void (*restore)(void));

/* The signal that asked the loop to end, or 0. */
int gt_signals_caught(void);
/* Record sig as if it had been caught (the terminal hung up). */
void gt_signals_note(int sig);

/* After the terminal is given back: raise again a caught signal whose
 * default action ends the program (this does not return), else return the
 * program's exit status: 0, or 128 + TERM or HUP. */
int gt_signals_exit_status(void);

#endif
