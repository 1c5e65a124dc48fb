#ifndef ISOGAP_CMIMALLOC_SHIM_H
#define ISOGAP_CMIMALLOC_SHIM_H
/* mimalloc, linked into the isogap executable ahead of the C library so that it serves every
   malloc and free of the process (Swift's runtime, Foundation, libyaml). Only its version is
   called by name. */
#include <mimalloc.h>
#endif
