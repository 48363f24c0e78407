/* tui_signals.c: the signals that would end the interface, caught so that
 * the terminal is given back first (see tui_signals.h). One thread: the
 * handlers only record the signal, and the key loop, whose reads a signal
 * interrupts (no SA_RESTART), leaves and restores the terminal; only a
 * fault, which cannot return to the loop, restores from its handler, as
 * htop's crash handler does. */
#include <signal.h>
#include <string.h>

#include "genretui/tui_signals.h"

static volatile sig_atomic_t caught;
static void (*restore_fn)(void);

/* Asked to end: the documented exit statuses. */
static const int leave[] = { SIGINT, SIGTERM, SIGHUP };
/* Their default action ends the process: raised again once restored. */
static const int deadly[] = {
	SIGQUIT, SIGUSR1, SIGUSR2, SIGPIPE, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU,
	SIGXFSZ,
#ifdef SIGPOLL
	SIGPOLL,
#endif
#ifdef SIGPWR
	SIGPWR,
#endif
#ifdef SIGSTKFLT
	SIGSTKFLT,
#endif
};
/* Faults: no way back to the loop. */
static const int faults[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTRAP, SIGSYS };

#define COUNT(a) (int)(sizeof(a) / sizeof((a)[0]))

static void on_signal(int sig)
{
	caught = sig;
}

static void on_fault(int sig)
{
	if (restore_fn)
		restore_fn();
	raise(sig);          /* SA_RESETHAND: the default action this time */
}

/* Install handler for sig unless the signal is ignored (or, for a fault,
 * handled by someone else already). */
static void install(int sig, void (*handler)(int), int flags, int only_default)
{
	struct sigaction sa, old;

	if (sigaction(sig, NULL, &old) != 0 || old.sa_handler == SIG_IGN)
		return;
	if (only_default && ((old.sa_flags & SA_SIGINFO) || old.sa_handler != SIG_DFL))
		return;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sa.sa_flags = flags;         /* no SA_RESTART: a blocked read returns at once */
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

void gt_signals_catch(void (*restore)(void))
{
	restore_fn = restore;
	for (int i = 0; i < COUNT(leave); i++)
		install(leave[i], on_signal, 0, 0);
	for (int i = 0; i < COUNT(deadly); i++)
		install(deadly[i], on_signal, 0, 0);
#ifdef SIGRTMIN
	for (int s = SIGRTMIN; s <= SIGRTMAX; s++)
		install(s, on_signal, 0, 0);
#endif
	for (int i = 0; i < COUNT(faults); i++)
		install(faults[i], on_fault, SA_RESETHAND | SA_NODEFER, 1);
}

int gt_signals_caught(void)
{
	return caught;
}

void gt_signals_note(int sig)
{
	caught = sig;
}

int gt_signals_exit_status(void)
{
	int sig = caught;
	sigset_t set;

	if (sig == 0 || sig == SIGINT)
		return 0;
	if (sig == SIGTERM || sig == SIGHUP)
		return 128 + sig;
	signal(sig, SIG_DFL);
	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(sig);
	return 128 + sig;    /* not reached: the default action ends the program */
}
