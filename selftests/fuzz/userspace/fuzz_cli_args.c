// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vswctl's command line: the input split on NUL bytes is argv after
 * "vswctl" (leading -j, -p, -s as global options), parsed by the object's
 * parser, then run against the fake kernel, which acknowledges every
 * request after checking it is well formed: what the parsers let through
 * must make a sound request. "apply" is left out (its arguments are file
 * names; fuzz_config reads the files).
 */
#include <stdint.h>
#include <stdlib.h>

#include "../../../cli/vswctl.h"
#include "common.h"
#include "fake_kernel.h"

#define ARGS_MAX	64

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fz_quiet();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *argv[ARGS_MAX];
	struct vsw *h;
	int argc;

	argc = fz_split(data, size, argv, ARGS_MAX);
	h = fk_open();
	fk_script(NULL, 0);
	fz_vswctl(h, argc, argv, false);
	fk_close(h);
	fz_free_args(argc, argv);
	return 0;
}
