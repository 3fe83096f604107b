/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * One output path for text and JSON, iproute2 style: every print call
 * names the JSON key and the text form, so both come from the same code.
 *
 * Text: items are separated by single spaces; an object closed at the top
 * level or as an element of the top-level list ends its line. A text
 * format takes exactly one "%s" (numbers are converted first); a NULL
 * format prints nothing in text, a NULL key nothing in JSON.
 *
 * JSON: containers nest as opened; when the outermost one closes it is
 * written as one line (or pretty-printed) and flushed.
 */
#ifndef _VSWCTL_OUTPUT_H
#define _VSWCTL_OUTPUT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

void out_init(FILE *f, bool json, bool pretty);
bool out_is_json(void);
void out_open_object(const char *key, const char *fmt);
void out_open_array(const char *key, const char *fmt);
void out_close(void);
void out_str(const char *key, const char *fmt, const char *val);
void out_u64(const char *key, const char *fmt, uint64_t val);
void out_bool(const char *key, const char *fmt, bool val);
void out_null(const char *key, const char *fmt);
void out_mac(const char *key, const char *fmt, const uint8_t *mac);
/*
 * Text: end the line; the next item starts a new one, after @indent.
 * For objects shown as a block of lines (team show). JSON: nothing.
 */
void out_text_newline(const char *indent);
/* Release anything left open (after an error); prints nothing. */
void out_reset(void);

#endif /* _VSWCTL_OUTPUT_H */
