/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What the userspace fuzz targets share (common.c). */
#ifndef _VSW_FUZZ_COMMON_H
#define _VSW_FUZZ_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct vsw;
struct cli_object;

/* Output and error messages go to /dev/null; call once. */
void fz_quiet(void);
/*
 * vswctl's dispatch without main(): leading -j, -p, -s, then OBJECT and
 * its arguments, parsed by the object's parser; then, when @h is given
 * and the line parsed, the object's run() on it, as vswctl would. Each
 * argument is a copy of its own, so that reading past one is caught.
 * "apply" only with @apply (its parser reads the files it names).
 * Returns what vswctl would exit with.
 */
int fz_vswctl(struct vsw *h, int argc, char **argv, bool apply);
/* Split @data on NUL bytes into at most @max malloc'd strings. */
int fz_split(const uint8_t *data, size_t size, char **argv, int max);
void fz_free_args(int argc, char **argv);

#endif /* _VSW_FUZZ_COMMON_H */
