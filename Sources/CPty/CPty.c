#define _GNU_SOURCE
#include "CPty.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/pidfd.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

int intersession_pty_resize(int fd, unsigned short rows, unsigned short cols) {
    struct winsize ws;
    memset(&ws, 0, sizeof ws);
    ws.ws_row = rows;
    ws.ws_col = cols;
    return ioctl(fd, TIOCSWINSZ, &ws) == 0 ? 0 : errno;
}

int intersession_spawn(const char *path, char *const argv[], char *const envp[], int pty, unsigned short rows,
                       unsigned short cols, int ticket_fd, int *master_out, int *out_read, int *err_read,
                       pid_t *pid_out) {
    int master = -1, out[2] = {-1, -1}, err[2] = {-1, -1}, rc = 0;
    char slave[128];
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attr;
    if ((rc = posix_spawn_file_actions_init(&actions)) != 0) return rc;
    if ((rc = posix_spawnattr_init(&attr)) != 0) {
        posix_spawn_file_actions_destroy(&actions);
        return rc;
    }
    if (pty) {
        master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
        if (master < 0 || grantpt(master) != 0 || unlockpt(master) != 0 ||
            ptsname_r(master, slave, sizeof slave) != 0) {
            rc = errno ? errno : EIO;
            goto fail;
        }
        if ((rc = intersession_pty_resize(master, rows, cols)) != 0) goto fail;
        // After setsid, the first terminal the session leader opens (without O_NOCTTY) becomes
        // its controlling terminal: the slave, as fd 0, then 1 and 2.
        if ((rc = posix_spawn_file_actions_addopen(&actions, 0, slave, O_RDWR, 0)) != 0) goto fail;
        if ((rc = posix_spawn_file_actions_adddup2(&actions, 0, 1)) != 0) goto fail;
        if ((rc = posix_spawn_file_actions_adddup2(&actions, 0, 2)) != 0) goto fail;
    } else {
        if (pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0) {
            rc = errno;
            goto fail;
        }
        if ((rc = posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)) != 0) goto fail;
        if ((rc = posix_spawn_file_actions_adddup2(&actions, out[1], 1)) != 0) goto fail;
        if ((rc = posix_spawn_file_actions_adddup2(&actions, err[1], 2)) != 0) goto fail;
    }
    if (ticket_fd >= 0 && (rc = posix_spawn_file_actions_adddup2(&actions, ticket_fd, 3)) != 0) goto fail;
    if ((rc = posix_spawn_file_actions_addclosefrom_np(&actions, ticket_fd >= 0 ? 4 : 3)) != 0) goto fail;
    if ((rc = posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)) != 0)
        goto fail;
    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &all);
    rc = posix_spawn(pid_out, path, &actions, &attr, argv, envp);
    if (rc != 0) goto fail;
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    if (pty) {
        *master_out = master;
    } else {
        close(out[1]);
        close(err[1]);
        *out_read = out[0];
        *err_read = err[0];
    }
    return 0;
fail:
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    if (master >= 0) close(master);
    for (int i = 0; i < 2; i++) {
        if (out[i] >= 0) close(out[i]);
        if (err[i] >= 0) close(err[i]);
    }
    return rc;
}

int intersession_pidfd_open(pid_t pid) { return pidfd_open(pid, 0); }

int intersession_pidfd_reap(int pidfd, int *signalled, int *code) {
    siginfo_t info;
    memset(&info, 0, sizeof info);
    if (waitid((idtype_t)P_PIDFD, (id_t)pidfd, &info, WEXITED | WNOHANG) != 0) return -1;
    if (info.si_pid == 0) return 0;
    *signalled = info.si_code == CLD_EXITED ? 0 : 1;
    *code = info.si_status;
    return 1;
}
