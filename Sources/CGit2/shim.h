#ifndef PLUMB_CGIT2_SHIM_H
#define PLUMB_CGIT2_SHIM_H
#include <git2.h>
#endif
