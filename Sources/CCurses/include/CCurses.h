#ifndef CCURSES_H
#define CCURSES_H
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1   /* the wide API: cchar_t, setcchar, mvwadd_wch, get_wch */
#endif
#include <ncursesw/curses.h>
#include <signal.h>

/* Macros and C globals Swift cannot import (or, in Swift 6 mode, use). */
static inline unsigned int shim_a_bold(void)      { return (unsigned int)A_BOLD; }
static inline unsigned int shim_a_reverse(void)   { return (unsigned int)A_REVERSE; }
static inline unsigned int shim_a_underline(void) { return (unsigned int)A_UNDERLINE; }
static inline unsigned int shim_a_dim(void)       { return (unsigned int)A_DIM; }
static inline int shim_key_f(int n)               { return KEY_F(n); }
static inline WINDOW *shim_stdscr(void)           { return stdscr; }
static inline int shim_lines(void)                { return LINES; }
static inline int shim_cols(void)                 { return COLS; }
static inline int shim_colors(void)               { return COLORS; }

/* Signals: the handler only records the signal; the loop restores the terminal and exits. */
int shim_install_signal_handlers(void);
/* The last terminating signal received (SIGINT, SIGTERM, SIGHUP, SIGQUIT), or 0. */
int shim_pending_signal(void);
/* Whether SIGCONT arrived since the last call (resumed after Ctrl-Z): repaint everything. */
int shim_take_resumed(void);
/* Whether SIGWINCH arrived since the last call; then the terminal's size by ioctl. */
int shim_take_resized(void);
int shim_terminal_size(int *rows, int *cols);
/* Whether SIGTSTP (Ctrl-Z) arrived since the last call; then stop the process for real. */
int shim_take_suspend(void);
void shim_suspend_now(void);
/* Ctrl-\ becomes a key: the terminal's quit character is turned off in the program's mode. */
int shim_quit_key_off(void);
/* A crash (SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT) first writes `restore` to out_fd and
   puts back the terminal mode read by shim_remember_shell_mode (before initscr), writes `notice` to err_fd, then goes on to the
   handler that was there before (the Swift runtime's). */
void shim_remember_shell_mode(void);
int shim_arm_crash_handler(int out_fd, int err_fd, const char *restore, const char *notice);
void shim_disarm_crash_handler(void);
/* A terminfo string capability of the current terminal, or "". */
const char *shim_capability(const char *name);
/* Draws one grapheme (UTF-32 scalars, up to 5, zero-terminated) with attributes and a pair. */
int shim_put_cell(int y, int x, const wchar_t *scalars, unsigned int attrs, short pair);
#endif
