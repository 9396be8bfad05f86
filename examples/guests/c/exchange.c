/*
 * Weir example guest: C with wasi-libc's malloc/free (dlmalloc), built as a WASI reactor
 * (clang --target=wasm32-wasi -mexec-model=reactor, see ../../build.sh).
 *
 * Allocator profile "malloc": malloc(size) / free(ptr) are exported directly.
 * The host must call the reactor's `_initialize` export once before anything else.
 *
 * Ownership:
 *  - inputs are BORROWED: the host allocates them with malloc, copies in, calls, frees them.
 *  - every returned string is a NEW malloc'd block that the HOST frees with free().
 *
 * The *_demo functions contain deliberate memory bugs for Weir's memory checker (memcheck)
 * and must only be called by memcheck tests. They are compiled with optnone so clang does
 * not delete or fold the buggy malloc/free sequences.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define EXPORT(name) __attribute__((export_name(name)))
#define DEMO __attribute__((noinline, optnone))

static char up(char c) { return (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c; }

/* Wrapping byte sum (uint8_t result, like the seed's Rust): [1,2,3,4,5] -> 15, [200,100] -> 44. */
EXPORT("array_sum")
uint8_t array_sum(const uint8_t *p, size_t len) {
    uint8_t sum = 0;
    for (size_t i = 0; i < len; i++) sum += p[i];
    return sum;
}

/* ASCII uppercase of the NUL-terminated string s; returns a NEW malloc'd NUL-terminated
 * string (strlen(s)+1 bytes) the host frees with free(). Returns 0 if malloc fails. */
EXPORT("upper")
char *upper(const char *s) {
    size_t n = strlen(s);
    char *out = malloc(n + 1);
    if (!out) return NULL;
    for (size_t i = 0; i < n; i++) out[i] = up(s[i]);
    out[n] = '\0';
    return out;
}

/* ASCII uppercase of (s, len) - s need not be NUL-terminated and may contain NULs.
 * Returns a NEW malloc'd block of len+1 bytes (NUL-terminated for convenience) and writes
 * len to *out_len (a 4-byte size_t). The host frees the result with free(). */
EXPORT("upper_len")
char *upper_len(const char *s, size_t len, size_t *out_len) {
    char *out = malloc(len + 1);
    if (!out) return NULL;
    for (size_t i = 0; i < len; i++) out[i] = up(s[i]);
    out[len] = '\0';
    *out_len = len;
    return out;
}

/* Like upper(), but also makes a scratch copy of s that it never frees: every call leaks
 * exactly strlen(s)+1 bytes. The returned string is fine and is freed by the host. */
EXPORT("leaky_upper")
DEMO char *leaky_upper(const char *s) {
    size_t n = strlen(s);
    char *scratch = malloc(n + 1); /* LEAK: never freed */
    memcpy(scratch, s, n + 1);
    char *out = malloc(n + 1);
    for (size_t i = 0; i < n; i++) out[i] = up(scratch[i]);
    out[n] = '\0';
    return out;
}

/* Frees the same 16-byte block twice. On a fresh instance wasi-libc's dlmalloc does not
 * notice (the first free merged the chunk into the top chunk), so natively the call returns
 * 0 and the heap is silently corrupted; a memory checker must report "double free". */
EXPORT("double_free_demo")
DEMO int double_free_demo(void) {
    char *p = malloc(16);
    p[0] = 1;
    free(p);
    free(p); /* BUG: double free */
    return 0;
}

/* Writes 42 into a 16-byte block, frees it, then reads p[0] (use after free) and returns
 * it. On a fresh instance the freed chunk is merged into dlmalloc's top chunk without
 * touching the payload, so the stale 42 is returned: the bug is silent natively. */
EXPORT("use_after_free_demo")
DEMO int use_after_free_demo(void) {
    volatile char *p = malloc(16);
    p[0] = 42;
    free((void *)p);
    return p[0]; /* BUG: use after free */
}

/* Allocates 16 bytes, writes p[16] (one past the end: heap overflow), frees, returns 0.
 * Natively harmless (dlmalloc rounds 16 up to a 20-byte usable chunk), but the write is
 * outside the requested block, so a memory checker must report it. */
EXPORT("overflow_demo")
DEMO int overflow_demo(void) {
    volatile char *p = malloc(16);
    p[16] = 7; /* BUG: heap buffer overflow by one byte */
    free((void *)p);
    return 0;
}
