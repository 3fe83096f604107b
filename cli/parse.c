// SPDX-License-Identifier: GPL-2.0-or-later
/* Strict argument parsing shared by every object. */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <sys/socket.h>

#include "vswctl.h"

FILE *cli_errf;
char cli_errbuf[1024];
bool cli_err_quiet;

void cli_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cli_errbuf, sizeof(cli_errbuf), fmt, ap);
	va_end(ap);
	if (!cli_err_quiet)
		fprintf(cli_errf ? cli_errf : stderr, "Error: %s\n",
			cli_errbuf);
}

void cli_req_init(struct cli_req *req)
{
	memset(req, 0, sizeof(*req));
	req->vlan = -1;
}

int cli_parse_verb(const struct cli_verb *verbs, const char *object,
		   int argc, char **argv, const char *dflt)
{
	const char *word = argc > 0 ? argv[0] : dflt;
	const struct cli_verb *v;

	if (!word) {
		cli_error("missing verb for \"%s\" (try \"vswctl %s help\")",
			  object, object);
		return -1;
	}
	for (v = verbs; v->name; v++)
		if (!strcmp(v->name, word))
			return v->verb;
	cli_error("unknown verb \"%s\" for \"%s\" (try \"vswctl %s help\")",
		  word, object, object);
	return -1;
}

/* Decimal only: no sign, no spaces, no trailing junk, no overflow. */
int cli_parse_u32(const char *s, const char *what, uint32_t min,
		  uint32_t max, uint32_t *out)
{
	unsigned long long v;
	char *end;

	if (!isdigit((unsigned char)s[0]))
		goto bad;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end || v < min || v > max)
		goto bad;
	*out = v;
	return 0;
bad:
	cli_error("invalid %s \"%s\" (%u-%u)", what, s, min, max);
	return -1;
}

int cli_parse_vlan(const char *s, int *vlan)
{
	uint32_t v;

	if (cli_parse_u32(s, "VLAN", 0, VSW_VLAN_MAX, &v))
		return -1;
	*vlan = v;
	return 0;
}

/* "on" or "off" for keyword @what. */
int cli_parse_onoff(const char *s, const char *what, bool *out)
{
	if (!strcmp(s, "on"))
		*out = true;
	else if (!strcmp(s, "off"))
		*out = false;
	else {
		cli_error("invalid value \"%s\" for \"%s\" (on|off)", s, what);
		return -1;
	}
	return 0;
}

/* Exactly six colon-separated pairs of hex digits. */
int cli_parse_mac(const char *s, uint8_t *mac)
{
	int i;

	if (strlen(s) != 17)
		goto bad;
	for (i = 0; i < VSW_MAC_LEN; i++) {
		const char *p = s + 3 * i;

		if (!isxdigit((unsigned char)p[0]) ||
		    !isxdigit((unsigned char)p[1]) ||
		    (i < VSW_MAC_LEN - 1 && p[2] != ':'))
			goto bad;
		mac[i] = strtoul((char[3]){ p[0], p[1], 0 }, NULL, 16);
	}
	return 0;
bad:
	cli_error("invalid MAC address \"%s\" (xx:xx:xx:xx:xx:xx)", s);
	return -1;
}

/* The kernel's dev_valid_name() rules, checked early for a clear message. */
int cli_parse_name(const char *s, const char *what)
{
	const char *p;

	if (!*s || strlen(s) >= IFNAMSIZ || !strcmp(s, ".") ||
	    !strcmp(s, ".."))
		goto bad;
	for (p = s; *p; p++)
		if (*p == '/' || *p == ':' || isspace((unsigned char)*p))
			goto bad;
	return 0;
bad:
	cli_error("invalid %s name \"%s\" (1-%d characters, no '/', ':' or spaces)",
		  what, s, IFNAMSIZ - 1);
	return -1;
}

/* Take the next word as the @what name. */
int cli_positional(int *argc, char ***argv, const char *what,
		   const char **out)
{
	if (*argc < 1) {
		cli_error("missing %s name", what);
		return -1;
	}
	if (cli_parse_name((*argv)[0], what))
		return -1;
	*out = (*argv)[0];
	(*argc)--;
	(*argv)++;
	return 0;
}

/* "KEYWORD VALUE": take both, once. */
int cli_keyword_value(int *argc, char ***argv, bool *seen, const char **val)
{
	const char *kw = (*argv)[0];

	if (*seen) {
		cli_error("duplicate \"%s\"", kw);
		return -1;
	}
	if (*argc < 2) {
		cli_error("missing value after \"%s\"", kw);
		return -1;
	}
	*seen = true;
	*val = (*argv)[1];
	*argc -= 2;
	*argv += 2;
	return 0;
}

int cli_no_more(int argc, char **argv)
{
	if (argc > 0) {
		cli_error("unexpected argument \"%s\"", argv[0]);
		return -1;
	}
	return 0;
}

/* Port group names: what the kernel takes, 1-63 printable, no spaces. */
int cli_parse_pgname(const char *s)
{
	const char *p;

	if (!*s || strlen(s) > VSW_PORTGROUP_NAME_MAX)
		goto bad;
	for (p = s; *p; p++)
		if (!isgraph((unsigned char)*p))
			goto bad;
	return 0;
bad:
	cli_error("invalid port group name \"%s\" (1-%d printable characters, no spaces)",
		  s, VSW_PORTGROUP_NAME_MAX);
	return -1;
}

static bool all_digits(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return len > 0;
}

/* One VLAN of a trunk list: @len digits at @s, which must make 1-4094. */
static int trunk_vlan(const char *list, const char *s, size_t len,
		      unsigned int *vid)
{
	unsigned long v = 0;
	size_t i;

	/* A long number is out of range anyway: stop before overflowing. */
	for (i = 0; i < len && v <= VSW_VLAN_MAX; i++)
		v = v * 10 + (s[i] - '0');
	if (v < 1 || v > VSW_VLAN_MAX) {
		cli_error("trunk list \"%s\": VLAN %.*s is out of range (1-%d)",
			  list, (int)len, s, VSW_VLAN_MAX);
		return -1;
	}
	*vid = v;
	return 0;
}

/*
 * "10,20-30": comma-separated VLANs and ranges A-B, each VLAN 1-4094 and
 * listed once. Fills @bm (VSW_VLAN_BITMAP_LEN bytes) from zero.
 */
int cli_parse_trunk(const char *s, uint8_t *bm)
{
	const char *item = s, *end, *dash;
	unsigned int first, last, vid, n = 0;
	size_t len, len1;

	memset(bm, 0, VSW_VLAN_BITMAP_LEN);
	if (!*s) {
		cli_error("empty trunk list");
		return -1;
	}
	for (;;) {
		end = strchrnul(item, ',');
		len = end - item;
		n++;
		if (!len) {
			cli_error("trunk list \"%s\": item %u is empty", s, n);
			return -1;
		}
		dash = memchr(item, '-', len);
		len1 = dash ? (size_t)(dash - item) : len;
		if (!all_digits(item, len1) ||
		    (dash && !all_digits(dash + 1, end - dash - 1))) {
			cli_error("trunk list \"%s\": invalid item \"%.*s\" (VLAN or range A-B)",
				  s, (int)len, item);
			return -1;
		}
		if (trunk_vlan(s, item, len1, &first) ||
		    (dash && trunk_vlan(s, dash + 1, end - dash - 1, &last)))
			return -1;
		if (!dash)
			last = first;
		if (last < first) {
			cli_error("trunk list \"%s\": range \"%.*s\" ends before it starts",
				  s, (int)len, item);
			return -1;
		}
		for (vid = first; vid <= last; vid++) {
			if (vsw_vlan_bitmap_test(bm, vid)) {
				cli_error("trunk list \"%s\": VLAN %u is listed twice",
					  s, vid);
				return -1;
			}
			vsw_vlan_bitmap_set(bm, vid);
		}
		if (!*end)
			return 0;
		item = end + 1;
	}
}

static const char *const team_policies[] = {
	[VSW_TEAM_POLICY_PORT_ID] = "port-id",
	[VSW_TEAM_POLICY_IP_HASH] = "ip-hash",
	[VSW_TEAM_POLICY_MAC_HASH] = "mac-hash",
	[VSW_TEAM_POLICY_FAILOVER] = "failover",
	[VSW_TEAM_POLICY_LACP] = "lacp",
};

static const char *const team_detects[] = {
	[VSW_TEAM_DETECT_LINK] = "link",
	[VSW_TEAM_DETECT_BEACON] = "beacon",
};

static const char *const lacp_rates[] = {
	[VSW_LACP_RATE_SLOW] = "slow",
	[VSW_LACP_RATE_FAST] = "fast",
};

#define N_NAMES(a)	(sizeof(a) / sizeof((a)[0]))

static const char *enum_name(const char *const *names, unsigned int n,
			     unsigned int v)
{
	return v < n ? names[v] : NULL;
}

/* @s as one of @names; the message lists them as "a|b|c". */
static int parse_enum(const char *s, const char *what,
		      const char *const *names, unsigned int n,
		      unsigned int *out)
{
	char all[128] = "";
	size_t len = 0;
	unsigned int i;

	for (i = 0; i < n; i++) {
		if (!strcmp(s, names[i])) {
			*out = i;
			return 0;
		}
	}
	for (i = 0; i < n; i++)
		len += snprintf(all + len, sizeof(all) - len, "%s%s",
				i ? "|" : "", names[i]);
	cli_error("invalid value \"%s\" for \"%s\" (%s)", s, what, all);
	return -1;
}

const char *cli_team_policy_name(unsigned int policy)
{
	return enum_name(team_policies, N_NAMES(team_policies), policy);
}

const char *cli_team_detect_name(unsigned int detect)
{
	return enum_name(team_detects, N_NAMES(team_detects), detect);
}

const char *cli_lacp_rate_name(unsigned int rate)
{
	return enum_name(lacp_rates, N_NAMES(lacp_rates), rate);
}

int cli_parse_team_policy(const char *s, enum vsw_team_policy *out)
{
	unsigned int v;

	if (parse_enum(s, "policy", team_policies, N_NAMES(team_policies), &v))
		return -1;
	*out = v;
	return 0;
}

int cli_parse_team_detect(const char *s, enum vsw_team_detect *out)
{
	unsigned int v;

	if (parse_enum(s, "detect", team_detects, N_NAMES(team_detects), &v))
		return -1;
	*out = v;
	return 0;
}

int cli_parse_lacp_rate(const char *s, enum vsw_lacp_rate *out)
{
	unsigned int v;

	if (parse_enum(s, "lacp-rate", lacp_rates, N_NAMES(lacp_rates), &v))
		return -1;
	*out = v;
	return 0;
}

/* Add device @name to @list; @what and @s only for messages. */
int cli_devlist_add(struct cli_devlist *list, const char *what,
		    const char *s, const char *name, size_t len)
{
	unsigned int i;

	if (len >= IF_NAMESIZE || !strncmp(name, ".", len) ||
	    !strncmp(name, "..", len) || memchr(name, '/', len) ||
	    memchr(name, ':', len))
		goto bad;
	for (i = 0; i < len; i++)
		if (isspace((unsigned char)name[i]))
			goto bad;
	if (len == 4 && !strncmp(name, "none", 4)) {
		cli_error("%s list \"%s\": \"none\" stands alone (it clears the list)",
			  what, s);
		return -1;
	}
	for (i = 0; i < list->n; i++) {
		if (strlen(list->names[i]) == len &&
		    !strncmp(list->names[i], name, len)) {
			cli_error("%s list \"%s\": %.*s is listed twice", what,
				  s, (int)len, name);
			return -1;
		}
	}
	if (list->n == CLI_DEVLIST_MAX) {
		cli_error("%s list \"%s\": more than %d devices", what, s,
			  CLI_DEVLIST_MAX);
		return -1;
	}
	memcpy(list->names[list->n], name, len);
	list->names[list->n][len] = '\0';
	list->ptrs[list->n] = list->names[list->n];
	list->n++;
	return 0;
bad:
	cli_error("%s list \"%s\": invalid device name \"%.*s\" (1-%d characters, no '/', ':' or spaces)",
		  what, s, (int)len, name, IF_NAMESIZE - 1);
	return -1;
}

/*
 * "eth1,eth2": device names, in order, each once; "none" is the empty
 * list. @what names the list in messages ("active").
 */
int cli_parse_devlist(const char *s, const char *what,
		      struct cli_devlist *list)
{
	const char *item = s, *end;
	unsigned int n = 0;

	list->n = 0;
	if (!*s) {
		cli_error("empty %s list (DEV,... or none)", what);
		return -1;
	}
	if (!strcmp(s, "none"))
		return 0;
	for (;;) {
		end = strchrnul(item, ',');
		n++;
		if (end == item) {
			cli_error("%s list \"%s\": item %u is empty", what, s, n);
			return -1;
		}
		if (cli_devlist_add(list, what, s, item, end - item))
			return -1;
		if (!*end)
			return 0;
		item = end + 1;
	}
}

/* An IPv4 or IPv6 address, as inet_pton() takes it; quiet. */
static bool addr_pton(const char *s, size_t len, struct vsw_addr *a)
{
	char buf[INET6_ADDRSTRLEN];

	memset(a, 0, sizeof(*a));
	if (len >= sizeof(buf))
		return false;
	memcpy(buf, s, len);
	buf[len] = '\0';
	if (inet_pton(AF_INET, buf, a->addr) == 1)
		a->family = AF_INET;
	else if (inet_pton(AF_INET6, buf, a->addr) == 1)
		a->family = AF_INET6;
	return a->family != 0;
}

/* "local", "group", ...: an IPv4 or IPv6 address for keyword @what. */
int cli_parse_addr(const char *s, const char *what, struct vsw_addr *a)
{
	if (addr_pton(s, strlen(s), a))
		return 0;
	cli_error("invalid %s address \"%s\" (IPv4 or IPv6)", what, s);
	return -1;
}

const char *cli_addr_str(const struct vsw_addr *a, char *buf, size_t len)
{
	if ((a->family != AF_INET && a->family != AF_INET6) ||
	    !inet_ntop(a->family, a->addr, buf, len))
		snprintf(buf, len, "family-%u", a->family);
	return buf;
}

static size_t addr_len(const struct vsw_addr *a)
{
	return a->family == AF_INET ? 4 : a->family == AF_INET6 ? 16 : 0;
}

bool cli_addr_is_multicast(const struct vsw_addr *a)
{
	if (a->family == AF_INET)
		return (a->addr[0] & 0xf0) == 0xe0;
	return a->family == AF_INET6 && a->addr[0] == 0xff;
}

bool cli_addr_eq(const struct vsw_addr *a, const struct vsw_addr *b)
{
	return a->family == b->family &&
	       !memcmp(a->addr, b->addr, addr_len(a));
}

/* A VTEP's address: neither multicast nor all zeroes. */
int cli_check_unicast(const struct vsw_addr *a, const char *what)
{
	static const uint8_t zero[VSW_ADDR_LEN];
	char buf[INET6_ADDRSTRLEN];

	if (!cli_addr_is_multicast(a) && memcmp(a->addr, zero, addr_len(a)))
		return 0;
	cli_error("%s address %s is not a unicast address", what,
		  cli_addr_str(a, buf, sizeof(buf)));
	return -1;
}

/*
 * "192.0.2.2,192.0.2.3": remote VTEPs, each once, unicast; their family
 * is checked against the local address by the caller.
 */
int cli_parse_addrlist(const char *s, const char *what,
		       struct cli_addrlist *list)
{
	const char *item = s, *end;
	char buf[INET6_ADDRSTRLEN];
	unsigned int i, n = 0;
	struct vsw_addr *a;

	list->n = 0;
	if (!*s) {
		cli_error("empty %s list (IP,...)", what);
		return -1;
	}
	for (;;) {
		end = strchrnul(item, ',');
		n++;
		if (end == item) {
			cli_error("%s list \"%s\": item %u is empty", what, s, n);
			return -1;
		}
		if (list->n == CLI_ADDRLIST_MAX) {
			cli_error("%s list \"%s\": more than %d addresses", what,
				  s, CLI_ADDRLIST_MAX);
			return -1;
		}
		a = &list->addrs[list->n];
		if (!addr_pton(item, end - item, a)) {
			cli_error("%s list \"%s\": invalid address \"%.*s\" (IPv4 or IPv6)",
				  what, s, (int)(end - item), item);
			return -1;
		}
		if (cli_check_unicast(a, what))
			return -1;
		for (i = 0; i < list->n; i++) {
			if (cli_addr_eq(a, &list->addrs[i])) {
				cli_error("%s list \"%s\": %s is listed twice",
					  what, s,
					  cli_addr_str(a, buf, sizeof(buf)));
				return -1;
			}
		}
		list->n++;
		if (!*end)
			return 0;
		item = end + 1;
	}
}
