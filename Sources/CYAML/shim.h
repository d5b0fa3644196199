#ifndef PLUMB_CYAML_SHIM_H
#define PLUMB_CYAML_SHIM_H
#include <yaml.h>
#endif
