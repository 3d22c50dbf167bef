#include "CCurses.h"
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

static volatile sig_atomic_t pending_signal = 0;
static volatile sig_atomic_t resumed = 0;
static volatile sig_atomic_t resized = 0;
static volatile sig_atomic_t suspend_requested = 0;

static void on_suspend(int sig) { (void)sig; suspend_requested = 1; }

static void on_resize(int sig) { (void)sig; resized = 1; }

static void on_terminate(int sig) { pending_signal = sig; }
static void on_continue(int sig) { (void)sig; resumed = 1; }

int shim_install_signal_handlers(void) {
    /* A parent may have started us with these blocked (the mask survives exec): unblock them. */
    sigset_t wanted;
    sigemptyset(&wanted);
    sigaddset(&wanted, SIGINT);
    sigaddset(&wanted, SIGTERM);
    sigaddset(&wanted, SIGHUP);
    sigaddset(&wanted, SIGWINCH);
    sigaddset(&wanted, SIGCONT);
    sigaddset(&wanted, SIGTSTP);
    sigprocmask(SIG_UNBLOCK, &wanted, NULL);
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
    if (sigaction(SIGCONT, &sc, NULL)) return -1;
    /* Our own SIGWINCH handler: curses' is not installed when the signal was not at its default
       (a shell may have changed it), and a resize must never be missed. */
    struct sigaction sw;
    memset(&sw, 0, sizeof sw);
    sw.sa_handler = on_resize;
    sigemptyset(&sw.sa_mask);
    if (sigaction(SIGWINCH, &sw, NULL)) return -1;
    /* Our own SIGTSTP handler (curses installs one only when the signal was at its default):
       the loop restores the terminal, then stops for real (shim_suspend_now). */
    struct sigaction st;
    memset(&st, 0, sizeof st);
    st.sa_handler = on_suspend;
    sigemptyset(&st.sa_mask);
    return sigaction(SIGTSTP, &st, NULL);
}

int shim_take_suspend(void) {
    int r = suspend_requested;
    suspend_requested = 0;
    return r;
}

void shim_suspend_now(void) {
    struct sigaction dfl, ours;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    sigaction(SIGTSTP, &dfl, &ours);
    raise(SIGTSTP);                 /* stopped here until SIGCONT (fg) */
    sigaction(SIGTSTP, &ours, NULL);
}

int shim_take_resized(void) {
    int r = resized;
    resized = 0;
    return r;
}

int shim_terminal_size(int *rows, int *cols) {
    struct winsize ws;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) != 0 || ws.ws_row == 0 || ws.ws_col == 0) return -1;
    *rows = ws.ws_row;
    *cols = ws.ws_col;
    return 0;
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
