// The C library's allocator settings (mallopt), for commands that tune how memory is kept.
#if defined(__linux__)
#include <malloc.h>
#endif
