#ifndef ISOGAP_CLINUXFILES_SHIM_H
#define ISOGAP_CLINUXFILES_SHIM_H
/* Linux's openat2 (no C library wrapper in most versions), for opening a file that must lie inside
 * a folder with the kernel doing the check. */
#if defined(__linux__)
#include <errno.h>
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>
#if defined(SYS_openat2) && __has_include(<linux/openat2.h>)
#include <linux/openat2.h>
#define ISOGAP_HAS_OPENAT2 1
#endif

/* Opens `path`, relative to the open folder `folder`, refusing (errno EXDEV) any path whose
 * resolution would leave the folder: through "..", an absolute path or a symbolic link. Returns -1
 * with errno ENOSYS where the kernel or its headers lack openat2. */
static inline int isogap_open_beneath(int folder, const char *path, int flags) {
#if defined(ISOGAP_HAS_OPENAT2)
    struct open_how how = {0};
    how.flags = (unsigned long long)flags;
    how.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
    return (int)syscall(SYS_openat2, folder, path, &how, sizeof how);
#else
    (void)folder;
    (void)path;
    (void)flags;
    errno = ENOSYS;
    return -1;
#endif
}
#endif
#endif
