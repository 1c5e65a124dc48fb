#ifndef ISOGAP_CMIMALLOC_SHIM_H
#define ISOGAP_CMIMALLOC_SHIM_H
/* mimalloc, linked into the isogap executable ahead of the C library so that it serves every
   malloc and free of the process (Swift's runtime, Foundation, libyaml). Nothing of it is called
   by name: importing the module is what links it. */
#include <mimalloc.h>
#endif
