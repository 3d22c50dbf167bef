#include "CCurses.h"
#include <string.h>

static volatile sig_atomic_t pending_signal = 0;
static volatile sig_atomic_t resumed = 0;

static void on_terminate(int sig) { pending_signal = sig; }
static void on_continue(int sig) { (void)sig; resumed = 1; }

int shim_install_signal_handlers(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_terminate;
    sigemptyset(&sa.sa_mask);
    /* No SA_RESTART: a blocking read returns, so the loop sees the signal at once. */
    if (sigaction(SIGINT, &sa, NULL) || sigaction(SIGTERM, &sa, NULL) || sigaction(SIGHUP, &sa, NULL)) return -1;
    struct sigaction sc;
    memset(&sc, 0, sizeof sc);
    sc.sa_handler = on_continue;
    sigemptyset(&sc.sa_mask);
    sc.sa_flags = SA_RESTART;
    return sigaction(SIGCONT, &sc, NULL);
}

int shim_pending_signal(void) { return pending_signal; }

int shim_take_resumed(void) {
    int r = resumed;
    resumed = 0;
    return r;
}

int shim_put_cell(int y, int x, const wchar_t *scalars, unsigned int attrs, short pair) {
    cchar_t cc;
    if (setcchar(&cc, scalars, (attr_t)attrs, pair, NULL) != OK) return ERR;
    return mvwadd_wch(stdscr, y, x, &cc);
}
