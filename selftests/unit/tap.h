/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Minimal TAP producer for the unit tests. */
#ifndef _VSW_TAP_H
#define _VSW_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

static inline __attribute__((format(printf, 2, 3)))
int ok(int cond, const char *fmt, ...)
{
	va_list ap;

	printf("%sok %d - ", cond ? "" : "not ", ++tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	if (!cond)
		tap_failed++;
	fflush(stdout);
	return cond;
}

/* String equality, showing both sides on failure. */
#define ok_str(got, want, ...) do {					\
	const char *_g = (got), *_w = (want);				\
	if (!ok(_g && _w ? !strcmp(_g, _w) : _g == _w, __VA_ARGS__))	\
		printf("#   got:  %s\n#   want: %s\n",			\
		       _g ? _g : "(null)", _w ? _w : "(null)");		\
} while (0)

#define ok_int(got, want, ...) do {					\
	long _g = (got), _w = (want);					\
	if (!ok(_g == _w, __VA_ARGS__))					\
		printf("#   got: %ld, want: %ld\n", _g, _w);		\
} while (0)

static inline int tap_done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

#endif /* _VSW_TAP_H */
