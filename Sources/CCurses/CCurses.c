#include "CCurses.h"
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
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
    sigaddset(&wanted, SIGQUIT);
    sigaddset(&wanted, SIGWINCH);
    sigaddset(&wanted, SIGCONT);
    sigaddset(&wanted, SIGTSTP);
    sigprocmask(SIG_UNBLOCK, &wanted, NULL);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_terminate;
    sigemptyset(&sa.sa_mask);
    /* No SA_RESTART: a blocking read returns, so the loop sees the signal at once. */
    /* SIGQUIT too: the Swift runtime's handler would print a crash report over the screen (and,
       on a terminal, offer a debugger prompt). Ctrl-\ itself is made a key (shim_quit_key_off). */
    if (sigaction(SIGINT, &sa, NULL) || sigaction(SIGTERM, &sa, NULL) || sigaction(SIGHUP, &sa, NULL)
        || sigaction(SIGQUIT, &sa, NULL)) return -1;
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

int shim_quit_key_off(void) {
    struct termios t;
    if (tcgetattr(STDIN_FILENO, &t) != 0) return -1;
    t.c_cc[VQUIT] = _POSIX_VDISABLE;
    if (tcsetattr(STDIN_FILENO, TCSANOW, &t) != 0) return -1;
    /* curses restores its saved program mode after Ctrl-Z and fg: save this one as that mode
       (endwin restores the shell's mode, saved by initscr, so `stty -a` is unchanged after). */
    return def_prog_mode();
}

/* What a crash handler needs, prepared while it was still safe to allocate. */
static struct termios crash_shell_mode;
static int crash_have_shell_mode = 0;
static int crash_out_fd = -1;            /* the terminal (standard output) */
static int crash_err_fd = -1;            /* the terminal's standard error, kept aside */
static char *crash_restore = NULL;       /* leave the alternate screen, show the cursor, keypad off */
static char *crash_notice = NULL;        /* one line for the person at the terminal */
static volatile sig_atomic_t crash_armed = 0;
static const int crash_signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT };
static struct sigaction crash_previous[sizeof crash_signals / sizeof crash_signals[0]];

static void crash_write(int fd, const char *s) {
    if (fd < 0 || s == NULL) return;
    size_t n = strlen(s);
    while (n > 0) {
        ssize_t w = write(fd, s, n);
        if (w <= 0) return;
        s += w;
        n -= (size_t)w;
    }
}

static void on_crash(int sig, siginfo_t *info, void *context) {
    size_t i, count = sizeof crash_signals / sizeof crash_signals[0];
    for (i = 0; i < count && crash_signals[i] != sig; i++) {}
    if (crash_armed) {
        crash_armed = 0;
        /* Only async-signal-safe calls: write and tcsetattr. */
        crash_write(crash_out_fd, crash_restore);
        if (crash_have_shell_mode) tcsetattr(STDIN_FILENO, TCSANOW, &crash_shell_mode);
        crash_write(crash_err_fd, crash_notice);
    }
    /* Then whatever handled it before (the Swift runtime, which writes its report to the
       staff's crash folder); else the default action. */
    if (i < count) {
        struct sigaction *old = &crash_previous[i];
        sigaction(sig, old, NULL);
        if ((old->sa_flags & SA_SIGINFO) && old->sa_sigaction != NULL) { old->sa_sigaction(sig, info, context); return; }
        if (old->sa_handler != SIG_DFL && old->sa_handler != SIG_IGN) { old->sa_handler(sig); return; }
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

void shim_remember_shell_mode(void) { crash_have_shell_mode = tcgetattr(STDIN_FILENO, &crash_shell_mode) == 0; }

int shim_arm_crash_handler(int out_fd, int err_fd, const char *restore, const char *notice) {
    crash_out_fd = out_fd;
    crash_err_fd = err_fd;
    free(crash_restore);
    free(crash_notice);
    crash_restore = strdup(restore);
    crash_notice = strdup(notice);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_crash;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    size_t i, count = sizeof crash_signals / sizeof crash_signals[0];
    for (i = 0; i < count; i++) {
        if (sigaction(crash_signals[i], &sa, &crash_previous[i]) != 0) return -1;
    }
    crash_armed = 1;
    return 0;
}

void shim_disarm_crash_handler(void) {
    if (!crash_armed) return;
    crash_armed = 0;
    size_t i, count = sizeof crash_signals / sizeof crash_signals[0];
    for (i = 0; i < count; i++) sigaction(crash_signals[i], &crash_previous[i], NULL);
}

const char *shim_capability(const char *name) {
    char *s = tigetstr(name);
    if (s == NULL || s == (char *)-1) return "";
    return s;
}
