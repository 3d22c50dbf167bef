#ifndef INTERSESSION_CFILESYNC_H
#define INTERSESSION_CFILESYNC_H

/// Writes to disk everything cached for the filesystem that holds `fd` (Linux's syncfs): one
/// call for a batch of files instead of an fsync each. Returns 0 or an errno value.
int intersession_syncfs(int fd);

/// Renames `from` to `to` unless `to` exists (Linux's renameat2 with RENAME_NOREPLACE; where the
/// filesystem cannot, a hard link and an unlink, which never replace either). Returns 0, EEXIST
/// when `to` is there, or another errno value.
int intersession_rename_noreplace(const char *from, const char *to);

#endif
