// mimalloc (https://github.com/microsoft/mimalloc), linked into the plumb executable so that it
// replaces the C library's malloc for the whole process, and its options.
#include <mimalloc.h>
