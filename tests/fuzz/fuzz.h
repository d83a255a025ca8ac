/*
 * What every fuzz target defines: libFuzzer's entry point.  With
 * --enable-fuzzing libFuzzer calls it; otherwise replay.c does, over the
 * seed corpus and mutations of it.
 */
#ifndef TERN_FUZZ_H
#define TERN_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* A NUL-terminated copy of the input, for the parsers that want one. */
char *fuzz_strndup(const uint8_t *, size_t);

#endif
