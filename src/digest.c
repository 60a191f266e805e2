/* digest.c — the 128-bit input digest behind the PDF's /ID (zw_digest.h).
 *
 * Four 64-bit lanes each take one 8-byte word of every 32-byte block: multiply, rotate, multiply (the
 * round of the xxHash family), so the lanes run in parallel.  The final step folds the lanes, the length
 * and the last bytes into two words, each finished with a full-avalanche mix.  Words are read
 * little-endian whatever the machine, so the digest is the same everywhere. */
#include "zw_digest.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#define P1 0x9E3779B185EBCA87ULL
#define P2 0xC2B2AE3D27D4EB4FULL
#define P3 0x165667B19E3779F9ULL
#define P4 0x85EBCA77C2B2AE63ULL

static uint64_t rotl(uint64_t x, int r) { return x << r | x >> (64 - r); }

/* Eight bytes as a little-endian word: one load on a little-endian machine. */
static uint64_t read64(const unsigned char *p) {
    uint64_t v;
    memcpy(&v, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    v = __builtin_bswap64(v);
#endif
    return v;
}

static uint64_t round64(uint64_t acc, uint64_t v) { return rotl(acc + v * P2, 31) * P1; }

/* A 64-bit finaliser: every input bit changes about half of the output bits. */
static uint64_t avalanche(uint64_t h) {
    h ^= h >> 33;
    h *= P2;
    h ^= h >> 29;
    h *= P3;
    return h ^ h >> 32;
}

void zw_digest_init(zw_digest *h) {
    *h = (zw_digest){{P1 + P2, P2, 0, -P1}, 0, {0}, 0};
}

static void block(zw_digest *h, const unsigned char *p) {
    for (int i = 0; i < 4; i++) h->lane[i] = round64(h->lane[i], read64(p + 8 * i));
}

void zw_digest_add(zw_digest *h, const void *data, size_t n) {
    const unsigned char *p = data;
    h->total += n;
    if (h->ntail) {
        size_t k = 32 - h->ntail < n ? 32 - h->ntail : n;
        memcpy(h->tail + h->ntail, p, k);
        h->ntail += k;
        p += k;
        n -= k;
        if (h->ntail < 32) return;
        block(h, h->tail);
        h->ntail = 0;
    }
    for (; n >= 32; p += 32, n -= 32) block(h, p);
    memcpy(h->tail, p, n);
    h->ntail = n;
}

void zw_digest_str(zw_digest *h, const char *s) { zw_digest_add(h, s ? s : "", s ? strlen(s) + 1 : 1); }

bool zw_digest_file(zw_digest *h, const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) return false;
    unsigned char buf[1 << 16];
    size_t got;
    while ((got = fread(buf, 1, sizeof buf, f)) > 0) zw_digest_add(h, buf, got);
    int err = ferror(f) ? (errno ? errno : EIO) : 0;
    fclose(f);
    errno = err;
    return err == 0;
}

void zw_digest_final(const zw_digest *h, unsigned char out[16]) {
    uint64_t a = rotl(h->lane[0], 1) + rotl(h->lane[1], 7) + rotl(h->lane[2], 12) + rotl(h->lane[3], 18);
    uint64_t b = h->lane[0] ^ rotl(h->lane[1], 29) ^ rotl(h->lane[2], 41) ^ rotl(h->lane[3], 53);
    a += h->total * P4;
    b ^= h->total * P3;
    size_t i = 0;
    for (; i + 8 <= h->ntail; i += 8) {
        uint64_t v = read64(h->tail + i);
        a = round64(a, v);
        b = round64(b ^ P4, v);
    }
    for (; i < h->ntail; i++) {
        a = rotl(a ^ h->tail[i] * P3, 11) * P1;
        b = rotl(b + h->tail[i] * P1, 23) * P2;
    }
    uint64_t hi = avalanche(a ^ rotl(b, 32)), lo = avalanche(b + a * P3);
    for (int k = 0; k < 8; k++) {
        out[k] = (unsigned char)(hi >> (56 - 8 * k));
        out[8 + k] = (unsigned char)(lo >> (56 - 8 * k));
    }
}
