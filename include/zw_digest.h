/* zw_digest.h — a 128-bit digest of a document's inputs, for the PDF's /ID.
 *
 * The /ID of an archived edition must be the same wherever and whenever the same inputs are rendered,
 * and differ when any input differs: zw_render feeds the data, the layout files, the fonts, the program's
 * version and the PDF/A profile through one digest.  It is not a cryptographic hash (nobody forges an
 * edition by its /ID); it reads 32 bytes a step in four independent lanes, so a 13 MB data file costs a
 * few milliseconds (libharu's MD5 took 85 ms). */
#ifndef ZW_DIGEST_H
#define ZW_DIGEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct zw_digest {
    uint64_t lane[4];             /* the state */
    uint64_t total;               /* bytes added */
    unsigned char tail[32];       /* bytes waiting for a full block */
    size_t ntail;
} zw_digest;

void zw_digest_init(zw_digest *h);
void zw_digest_add(zw_digest *h, const void *p, size_t n);
/* A string and its terminating NUL, so that ("ab", "c") and ("a", "bc") differ; NULL adds one 0 byte. */
void zw_digest_str(zw_digest *h, const char *s);
/* The bytes of a file; false (errno set) when it cannot be read (what was read stays added). */
bool zw_digest_file(zw_digest *h, const char *path);
void zw_digest_final(const zw_digest *h, unsigned char out[16]);

#endif
