#define _GNU_SOURCE
#include <spawn.h>
#include <fcntl.h>
#include <unistd.h>
#include "cspawn.h"

int plumb_spawn_file_actions_addchdir(posix_spawn_file_actions_t *actions, const char *path) {
    return posix_spawn_file_actions_addchdir_np(actions, path);
}

int plumb_pipe_cloexec(int fds[2]) {
    return pipe2(fds, O_CLOEXEC);
}
