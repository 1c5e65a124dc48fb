#ifndef ISOGAP_CHEAPTUNING_SHIM_H
#define ISOGAP_CHEAPTUNING_SHIM_H
/* glibc's heap settings (mallopt); other C libraries have none of these. */
#if defined(__linux__)
#include <malloc.h>
#endif
#endif
