#ifndef PLUMB_CSPAWN_H
#define PLUMB_CSPAWN_H
#include <spawn.h>

/// posix_spawn_file_actions_addchdir_np, which Swift's Glibc module does not expose
/// (it is declared only under _GNU_SOURCE).
int plumb_spawn_file_actions_addchdir(posix_spawn_file_actions_t *actions, const char *path);

/// pipe2(fds, O_CLOEXEC), which Swift's Glibc module does not expose either.
int plumb_pipe_cloexec(int fds[2]);

#endif
