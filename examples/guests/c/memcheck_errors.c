/*
 * Weir example guest for the memory checker: one exported function per error kind memcheck
 * reports, each reaching the bug through a short call chain so reports can show the guest
 * stack ("at make_copy, by leak_demo"). WASI reactor with wasi-libc's dlmalloc, built by
 * ../../build.sh into examples/wasm/memcheck-errors.wasm.
 *
 * Only memcheck tests call these. The helpers are noinline and the demos optnone so that clang
 * neither inlines the call chains away nor folds the deliberately buggy sequences.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define EXPORT(name) __attribute__((export_name(name)))
#define KEEP __attribute__((noinline, optnone))

/* --- helpers forming the call chains --------------------------------------------------- */

KEEP static char *make_copy(const char *s, size_t n) {
    char *p = malloc(n);
    memcpy(p, s, n);
    return p;
}

KEEP static char *make_buffer(size_t n) {
    return malloc(n);
}

KEEP static void release(void *p) {
    free(p);
}

KEEP static int read_at(volatile char *p, int i) {
    return p[i];
}

KEEP static void write_at(volatile char *p, int i, char v) {
    p[i] = v;
}

/* --- one bug each ---------------------------------------------------------------------- */

/* Clean: allocates, uses and frees; memcheck must report nothing. Returns 6. */
EXPORT("clean_demo")
KEEP int clean_demo(void) {
    char *p = make_copy("hello", 6);
    int n = (int)strlen(p) + 1;
    char *q = realloc(p, 64);
    q[10] = 'x';
    release(q);
    char *z = calloc(4, 4);
    n += z[3];
    release(z);
    return n;
}

/* LEAK: 24 bytes from make_copy are never freed. */
EXPORT("leak_demo")
KEEP int leak_demo(void) {
    char *p = make_copy("leaked by leak_demo....", 24);
    return p[0];
}

/* DOUBLE_FREE: the second release() frees a block already freed. */
EXPORT("double_free_demo")
KEEP int double_free_demo(void) {
    char *p = make_buffer(32);
    write_at(p, 0, 1);
    release(p);
    release(p); /* BUG */
    return 0;
}

/* INVALID_FREE: frees a pointer 8 bytes inside a live block; then frees the block itself. */
EXPORT("invalid_free_demo")
KEEP int invalid_free_demo(void) {
    char *p = make_buffer(40);
    release(p + 8); /* BUG */
    release(p);
    return 0;
}

/* USE_AFTER_FREE: reads a freed block (natively the stale byte is still there). */
EXPORT("use_after_free_demo")
KEEP int use_after_free_demo(void) {
    char *p = make_buffer(48);
    write_at(p, 5, 42);
    release(p);
    return read_at(p, 5); /* BUG */
}

/* HEAP_OVERFLOW: writes one byte past the end of a 20-byte block. */
EXPORT("heap_overflow_demo")
KEEP int heap_overflow_demo(void) {
    char *p = make_buffer(20);
    write_at(p, 20, 7); /* BUG */
    release(p);
    return 0;
}

/* UNINIT_READ: reads a malloc'd byte never written. */
EXPORT("uninit_read_demo")
KEEP int uninit_read_demo(void) {
    char *p = make_buffer(12);
    write_at(p, 0, 1);
    int v = read_at(p, 7); /* BUG: p[7] was never written */
    release(p);
    return v & 0;
}

/* STACK_OVERFLOW: recursion with 4 KiB frames, `depth` deep. The C stack is 64 KiB, so 20
 * frames run through its end into static data (natively silent: wasm has no guard page). */
KEEP static int recurse(int depth) {
    volatile char frame[4096];
    frame[4095] = (char)depth;
    if (depth == 0) return frame[4095];
    return recurse(depth - 1) + frame[4095];
}

EXPORT("stack_overflow_demo")
KEEP int stack_overflow_demo(int depth) {
    return recurse(depth);
}

/* Not an error: the block stays allocated but a static variable points to it, like a C
 * program's global table kept until exit (Valgrind: "still reachable"). Calling it again
 * overwrites the pointer, so the first block becomes definitely lost. */
static char *kept;

EXPORT("still_reachable_demo")
KEEP int still_reachable_demo(void) {
    kept = make_buffer(64);
    write_at(kept, 0, 1);
    return 0;
}
