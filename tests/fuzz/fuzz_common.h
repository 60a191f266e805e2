/* fuzz_common.h — shared bits of the libFuzzer harnesses (tests/fuzz/fuzz_*.c).
 *
 * Global state is allowed here (and only here): the harnesses keep the loaded layout, fonts and
 * hyphenator across inputs because loading them per input would cost more than the code under test. */
#ifndef ZW_FUZZ_COMMON_H
#define ZW_FUZZ_COMMON_H

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Run from the repository root so layouts/ and the relative font lookups work: $ZW_ROOT if set, else
 * two folders above the binary (build/fuzz/fuzz_x → .). */
static void fuzz_chdir_root(void) {
    const char *root = getenv("ZW_ROOT");
    char buf[PATH_MAX];
    if (!root) {
        ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
        if (n > 0) {
            buf[n] = 0;
            for (int i = 0; i < 3; i++) {   /* strip file name, fuzz/, build/ */
                char *slash = strrchr(buf, '/');
                if (slash) *slash = 0;
            }
            root = buf;
        }
    }
    if (root && chdir(root) != 0) {
        fprintf(stderr, "fuzz: cannot chdir to %s\n", root);
        abort();
    }
    if (access("layouts/programmabegroting.yaml", R_OK) != 0) {
        fprintf(stderr, "fuzz: run from the repository root or set ZW_ROOT\n");
        abort();
    }
}

#endif
