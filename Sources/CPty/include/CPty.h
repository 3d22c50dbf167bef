#ifndef INTERSESSION_CPTY_H
#define INTERSESSION_CPTY_H

#include <sys/types.h>

/// Starts `path` with `argv` and `envp` in a new session (setsid), without forking this process
/// (posix_spawn). With `pty` non-zero, on a new pseudo-terminal of `rows` x `cols`: its slave
/// becomes the child's controlling terminal and fds 0-2, and the master comes back in
/// `*master_out` (close-on-exec). Else fd 0 is /dev/null and fds 1 and 2 are the write ends of
/// new pipes whose read ends come back in `*out_read` and `*err_read`. `ticket_fd`, when >= 0,
/// becomes the child's fd 3. Every other descriptor is closed in the child. Returns 0 and the
/// child's pid in `*pid_out`, or an errno value (nothing is left open then).
int intersession_spawn(const char *path, char *const argv[], char *const envp[], int pty, unsigned short rows,
                       unsigned short cols, int ticket_fd, int *master_out, int *out_read, int *err_read,
                       pid_t *pid_out);

/// Sets the window size of the pseudo-terminal whose master is `fd` (the child's foreground
/// process group gets SIGWINCH). Returns 0 or an errno value.
int intersession_pty_resize(int fd, unsigned short rows, unsigned short cols);

/// A descriptor for child `pid` that polls readable once it has ended (Linux's pidfd), or -1
/// with errno set.
int intersession_pidfd_open(pid_t pid);

/// Reaps the ended child of `pidfd` without waiting: 1 with `*signalled` (0 or 1) and `*code`
/// (its exit status or the signal that ended it), 0 while it runs, or -1 with errno set.
int intersession_pidfd_reap(int pidfd, int *signalled, int *code);

#endif
