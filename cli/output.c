// SPDX-License-Identifier: GPL-2.0-or-later
/* Text and JSON output behind one set of print calls; see output.h. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>

#include "output.h"

#define OUT_DEPTH_MAX	8

static struct {
	FILE *f;
	bool json;
	bool pretty;
	bool line_started;	/* text: an item is on the current line */
	const char *indent;	/* text: before the next line's first item */
	int depth;
	bool is_object[OUT_DEPTH_MAX];
	json_object *stack[OUT_DEPTH_MAX];
} out;

void out_init(FILE *f, bool json, bool pretty)
{
	out_reset();
	out.f = f;
	out.json = json || pretty;
	out.pretty = pretty;
}

bool out_is_json(void)
{
	return out.json;
}

static void text(const char *fmt, const char *val)
{
	if (!fmt)
		return;
	if (out.line_started)
		fputc(' ', out.f);
	else if (out.indent)
		fputs(out.indent, out.f);
	out.indent = NULL;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	fprintf(out.f, fmt, val);
#pragma GCC diagnostic pop
	out.line_started = true;
}

static void end_line(void)
{
	out.indent = NULL;
	if (!out.line_started)
		return;
	fputc('\n', out.f);
	fflush(out.f);
	out.line_started = false;
}

void out_text_newline(const char *indent)
{
	if (out.json)
		return;
	end_line();
	out.indent = indent;
}

/* Add @val to the innermost container; json-c takes the reference. */
static void add(const char *key, json_object *val)
{
	json_object *cur = out.stack[out.depth - 1];

	if (out.is_object[out.depth - 1])
		json_object_object_add(cur, key ? key : "", val);
	else
		json_object_array_add(cur, val);
}

static void push(const char *key, bool object)
{
	json_object *o = NULL;

	if (out.depth == OUT_DEPTH_MAX)
		return;
	if (out.json) {
		o = object ? json_object_new_object() : json_object_new_array();
		if (out.depth)
			add(key, json_object_get(o));
	}
	out.stack[out.depth] = o;
	out.is_object[out.depth] = object;
	out.depth++;
}

void out_open_object(const char *key, const char *fmt)
{
	if (!out.json)
		text(fmt, "");
	push(key, true);
}

void out_open_array(const char *key, const char *fmt)
{
	if (!out.json)
		text(fmt, "");
	push(key, false);
}

void out_close(void)
{
	int flags = JSON_C_TO_STRING_NOSLASHESCAPE;
	json_object *o;

	if (!out.depth)
		return;
	out.depth--;
	o = out.stack[out.depth];
	out.stack[out.depth] = NULL;
	if (!out.json) {
		/* Top-level objects and those of the top-level list. */
		if (out.is_object[out.depth] &&
		    (out.depth == 0 ||
		     (out.depth == 1 && !out.is_object[0])))
			end_line();
		return;
	}
	if (!out.depth) {
		flags |= out.pretty ? JSON_C_TO_STRING_PRETTY |
				      JSON_C_TO_STRING_SPACED :
				      JSON_C_TO_STRING_PLAIN;
		fprintf(out.f, "%s\n", json_object_to_json_string_ext(o, flags));
		fflush(out.f);
	}
	json_object_put(o);
}

void out_reset(void)
{
	while (out.depth) {
		out.depth--;
		json_object_put(out.stack[out.depth]);
		out.stack[out.depth] = NULL;
	}
	out.line_started = false;
	out.indent = NULL;
}

/* JSON takes keyed values in objects, and any value in arrays. */
static bool json_wants(const char *key)
{
	return out.json && out.depth &&
	       (key || !out.is_object[out.depth - 1]);
}

/* Length of the valid UTF-8 sequence at @s, 0 if there is none. */
static size_t utf8_len(const unsigned char *s)
{
	size_t n, i;
	uint32_t c;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, c = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, c = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, c = s[0] & 0x07;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	/* Overlong forms, UTF-16 surrogates, beyond U+10FFFF. */
	if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000) ||
	    (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		return 0;
	return n;
}

/*
 * JSON text must be UTF-8, but device names are any bytes the kernel
 * takes: a byte that starts no valid sequence becomes U+FFFD.
 */
static struct json_object *json_string_utf8(const char *val)
{
	const unsigned char *s = (const unsigned char *)val;
	struct json_object *o;
	size_t n, len = 0;
	char *buf;

	for (n = 0; s[n]; n += utf8_len(s + n) ?: 1)
		if (!utf8_len(s + n))
			break;
	if (!s[n])
		return json_object_new_string(val);
	buf = malloc(3 * strlen(val) + 1);
	if (!buf)
		return NULL;
	while (*s) {
		n = utf8_len(s);
		if (n) {
			memcpy(buf + len, s, n);
			len += n;
			s += n;
		} else {
			memcpy(buf + len, "\xef\xbf\xbd", 3);
			len += 3;
			s++;
		}
	}
	o = json_object_new_string_len(buf, len);
	free(buf);
	return o;
}

void out_str(const char *key, const char *fmt, const char *val)
{
	if (!out.json)
		text(fmt, val);
	else if (json_wants(key))
		add(key, json_string_utf8(val));
}

void out_u64(const char *key, const char *fmt, uint64_t val)
{
	char buf[24];

	if (!out.json) {
		snprintf(buf, sizeof(buf), "%" PRIu64, val);
		text(fmt, buf);
	} else if (json_wants(key)) {
		add(key, json_object_new_uint64(val));
	}
}

/* Text shows @fmt (with an empty value) only when @val is true. */
void out_bool(const char *key, const char *fmt, bool val)
{
	if (!out.json) {
		if (val)
			text(fmt, "");
	} else if (json_wants(key)) {
		add(key, json_object_new_boolean(val));
	}
}

void out_null(const char *key, const char *fmt)
{
	if (!out.json)
		text(fmt, "-");
	else if (json_wants(key))
		add(key, NULL);
}

void out_mac(const char *key, const char *fmt, const uint8_t *mac)
{
	char buf[18];

	snprintf(buf, sizeof(buf), "%02x:%02x:%02x:%02x:%02x:%02x",
		 mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
	out_str(key, fmt, buf);
}
