// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vsw-libvirt-hook: libvirt's qemu hook for vsw, installed as
 * /etc/libvirt/hooks/qemu.d/vsw. libvirt runs it as
 *
 *	vsw DOMAIN OPERATION SUB-OPERATION EXTRA     (domain XML on stdin)
 *
 * The domain says which of its <interface type='ethernet'> go on which
 * switch in its <metadata>, matched by MAC:
 *
 *	<metadata>
 *	  <vsw:ports xmlns:vsw="urn:x-vsw:libvirt:1">
 *	    <vsw:port mac="52:54:00:12:34:56" switch="sw0" portgroup="web"/>
 *	  </vsw:ports>
 *	</metadata>
 *
 * prepare   taps named by <target dev='X' managed='no'/> are created when
 *           they do not exist yet (persistent, remembered in the state
 *           file) and attached
 * start     every interface is attached (libvirt has created and named
 *           the taps it manages by now; managed='no' ones are set again)
 * stopped,
 * release   detach, and delete the taps this hook created
 * others    nothing
 *
 * Attaching brings the device up, puts it in its port group and sets the
 * port's MAC (the one the VM may use) from <mac address>. A device that is
 * a port of that switch already is only moved (port set).
 *
 * A failure in prepare or start undoes what this run did, prints
 * "vsw hook: domain D: ..." on stderr and exits 1, and libvirt does not
 * start the domain. stopped and release go on past errors and are
 * idempotent. The hook never calls back into libvirt. Domains without vsw
 * metadata are left alone and the vsw module is not even asked.
 *
 * State: /run/vsw/libvirt/DOMAIN (VSW_LIBVIRT_STATE_DIR overrides the
 * directory, for tests): "tap IFNAME" for each tap the hook created,
 * "port IFNAME SWITCH" for each port it configured.
 */
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#include <linux/if_arp.h>
#include <linux/if_tun.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <vsw/vsw.h>

#define VSW_NS			"urn:x-vsw:libvirt:1"
#define STATE_DIR		"/run/vsw/libvirt"
#define XML_MAX_INPUT		(16 << 20)

/* One <interface type='ethernet'> with vsw metadata. */
struct iface {
	uint8_t mac[VSW_MAC_LEN];
	char mac_str[18];
	char sw[IFNAMSIZ];
	char portgroup[VSW_PORTGROUP_NAME_MAX + 1];	/* "" = default */
	char dev[IFNAMSIZ];		/* "" = no <target dev> yet */
	bool managed_no;		/* <target managed='no'/> */
	unsigned int queues;		/* <driver queues='N'/> */
	bool done;			/* attached or moved in this run */
	bool added;			/* port add (not set) in this run */
	bool created;			/* tap created in this run */
};

struct state_entry {
	bool tap;			/* "tap IFNAME", else "port IFNAME SW" */
	char dev[IFNAMSIZ];
	char sw[IFNAMSIZ];
};

struct hook {
	const char *domain;
	struct iface *ifs;
	unsigned int n_ifs;
	struct state_entry *st;
	unsigned int n_st;
	char state_path[4096];
	struct vsw *h;
};

static void __attribute__((format(printf, 2, 3)))
err(const struct hook *k, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "vsw hook: domain %s: ", k->domain);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static const char *vsw_err(const struct hook *k, int ret)
{
	const char *m = k->h ? vsw_errmsg(k->h) : NULL;

	return m ? m : strerror(-ret);
}

static bool parse_mac(const char *s, uint8_t *mac)
{
	unsigned int b[VSW_MAC_LEN];
	char end;
	int i;

	if (sscanf(s, "%2x:%2x:%2x:%2x:%2x:%2x%c", &b[0], &b[1], &b[2], &b[3],
		   &b[4], &b[5], &end) != VSW_MAC_LEN)
		return false;
	for (i = 0; i < VSW_MAC_LEN; i++)
		mac[i] = b[i];
	return true;
}

static void format_mac(const uint8_t *mac, char *buf)
{
	snprintf(buf, 18, "%02x:%02x:%02x:%02x:%02x:%02x", mac[0], mac[1],
		 mac[2], mac[3], mac[4], mac[5]);
}

static bool is_elem(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && !xmlStrcmp(n->name, BAD_CAST name);
}

static bool in_vsw_ns(const xmlNode *n)
{
	return n->ns && n->ns->href && !xmlStrcmp(n->ns->href, BAD_CAST VSW_NS);
}

static const xmlNode *child(const xmlNode *n, const char *name)
{
	for (n = n->children; n; n = n->next)
		if (is_elem(n, name) && !n->ns)
			return n;
	return NULL;
}

/* An attribute's value (libxml2 allocates it) copied into @buf. */
static bool attr(const xmlNode *n, const char *name, char *buf, size_t len)
{
	xmlChar *v = xmlGetNoNsProp(n, BAD_CAST name);
	bool ok;

	if (!v)
		return false;
	ok = strlen((char *)v) < len;
	snprintf(buf, len, "%s", (char *)v);
	xmlFree(v);
	return ok;
}

static bool has_attr(const xmlNode *n, const char *name)
{
	return xmlHasNsProp(n, BAD_CAST name, NULL) != NULL;
}

static bool valid_ifname(const char *s)
{
	size_t len = strlen(s);

	return len > 0 && len < IFNAMSIZ && !strchr(s, '/') &&
	       strcmp(s, ".") && strcmp(s, "..") && !strpbrk(s, " \t\n:");
}

/* One <vsw:port>: MAC, switch and port group, checked. */
static int parse_port(struct hook *k, const xmlNode *n, struct iface *f)
{
	char buf[64];
	xmlAttr *a;
	unsigned int i;

	for (a = n->properties; a; a = a->next) {
		if (xmlStrcmp(a->name, BAD_CAST "mac") &&
		    xmlStrcmp(a->name, BAD_CAST "switch") &&
		    xmlStrcmp(a->name, BAD_CAST "portgroup")) {
			err(k, "<vsw:port> has an unknown attribute \"%s\" (mac, switch, portgroup)",
			    (const char *)a->name);
			return -1;
		}
	}
	if (!attr(n, "mac", buf, sizeof(buf)) || !parse_mac(buf, f->mac)) {
		err(k, "<vsw:port> needs mac=\"aa:bb:cc:dd:ee:ff\" (the <mac address> of its interface)");
		return -1;
	}
	format_mac(f->mac, f->mac_str);
	if (!attr(n, "switch", f->sw, sizeof(f->sw)) || !valid_ifname(f->sw)) {
		err(k, "<vsw:port mac='%s'> needs switch=\"NAME\", a switch device name",
		    f->mac_str);
		return -1;
	}
	if (has_attr(n, "portgroup") &&
	    (!attr(n, "portgroup", f->portgroup, sizeof(f->portgroup)) ||
	     !f->portgroup[0])) {
		err(k, "<vsw:port mac='%s'>: portgroup is 1 to %d characters",
		    f->mac_str, VSW_PORTGROUP_NAME_MAX);
		return -1;
	}
	for (i = 0; i < k->n_ifs; i++) {
		if (!memcmp(k->ifs[i].mac, f->mac, VSW_MAC_LEN)) {
			err(k, "two <vsw:port> for mac %s", f->mac_str);
			return -1;
		}
	}
	return 0;
}

/* The <interface> of @f's MAC: its device, managed flag and queues. */
static int match_interface(struct hook *k, const xmlNode *devices,
			   struct iface *f)
{
	const xmlNode *n, *m, *t, *d;
	uint8_t mac[VSW_MAC_LEN];
	char buf[64], type[32] = "";

	for (n = devices ? devices->children : NULL; n; n = n->next) {
		if (!is_elem(n, "interface") || n->ns)
			continue;
		m = child(n, "mac");
		if (!m || !attr(m, "address", buf, sizeof(buf)) ||
		    !parse_mac(buf, mac) || memcmp(mac, f->mac, VSW_MAC_LEN))
			continue;
		if (!attr(n, "type", type, sizeof(type)) ||
		    strcmp(type, "ethernet")) {
			err(k, "interface %s is <interface type='%s'>: vsw metadata is for type='ethernet' (a type='direct' macvtap on a switch is libvirt's own)",
			    f->mac_str, type);
			return -1;
		}
		t = child(n, "target");
		if (t && has_attr(t, "dev") &&
		    (!attr(t, "dev", f->dev, sizeof(f->dev)) ||
		     !valid_ifname(f->dev))) {
			err(k, "interface %s: bad <target dev>", f->mac_str);
			return -1;
		}
		f->managed_no = t && attr(t, "managed", buf, sizeof(buf)) &&
				!strcmp(buf, "no");
		d = child(n, "driver");
		f->queues = 1;
		if (d && attr(d, "queues", buf, sizeof(buf)))
			f->queues = strtoul(buf, NULL, 10);
		return 0;
	}
	err(k, "<vsw:port mac='%s'>: the domain has no interface with that MAC",
	    f->mac_str);
	return -1;
}

/* Every interface with vsw metadata; 0 with none when there is none. */
static int parse_domain(struct hook *k, const char *xml, size_t len)
{
	const xmlNode *root, *meta, *devices, *n, *p;
	xmlDoc *doc;
	int ret = -1;

	doc = xmlReadMemory(xml, len, "domain.xml", NULL,
			    XML_PARSE_NONET | XML_PARSE_NOERROR |
			    XML_PARSE_NOWARNING);
	if (!doc) {
		const xmlError *e = xmlGetLastError();
		const char *m = e && e->message ? e->message : "unknown error";

		/* libxml2's messages end with a newline. */
		err(k, "cannot parse the domain XML on stdin: %.*s",
		    (int)strcspn(m, "\n"), m);
		return -1;
	}
	root = xmlDocGetRootElement(doc);
	if (!root || !is_elem(root, "domain")) {
		err(k, "the XML on stdin is not a <domain>");
		goto out;
	}
	meta = child(root, "metadata");
	devices = child(root, "devices");
	for (n = meta ? meta->children : NULL; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || !in_vsw_ns(n))
			continue;
		if (!is_elem(n, "ports")) {
			err(k, "unknown element <%s> in namespace %s (<ports>)",
			    (const char *)n->name, VSW_NS);
			goto out;
		}
		for (p = n->children; p; p = p->next) {
			struct iface *f, *ifs;

			if (p->type != XML_ELEMENT_NODE)
				continue;
			if (!in_vsw_ns(p) || !is_elem(p, "port")) {
				err(k, "unknown element <%s> in <vsw:ports> (<vsw:port>)",
				    (const char *)p->name);
				goto out;
			}
			ifs = realloc(k->ifs, (k->n_ifs + 1) * sizeof(*ifs));
			if (!ifs) {
				err(k, "out of memory");
				goto out;
			}
			k->ifs = ifs;
			f = &k->ifs[k->n_ifs];
			memset(f, 0, sizeof(*f));
			if (parse_port(k, p, f) || match_interface(k, devices, f))
				goto out;
			k->n_ifs++;
		}
	}
	ret = 0;
out:
	xmlFreeDoc(doc);
	return ret;
}

/* ---- state file ---------------------------------------------------------- */

static const char *state_dir(void)
{
	const char *d = getenv("VSW_LIBVIRT_STATE_DIR");

	return d && *d ? d : STATE_DIR;
}

static int mkdir_p(const char *path)
{
	char buf[4096], *s;

	snprintf(buf, sizeof(buf), "%s", path);
	for (s = buf + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(buf, 0755) && errno != EEXIST)
			return -1;
		*s = '/';
	}
	return mkdir(buf, 0755) && errno != EEXIST ? -1 : 0;
}

static int state_load(struct hook *k)
{
	char line[256], kind[16], dev[64], sw[64];
	FILE *f;
	int n;

	f = fopen(k->state_path, "re");
	if (!f)
		return errno == ENOENT ? 0 : -1;
	while (fgets(line, sizeof(line), f)) {
		struct state_entry *e, *st;

		if (line[0] == '#')
			continue;
		n = sscanf(line, "%15s %63s %63s", kind, dev, sw);
		if (n < 2 || strlen(dev) >= IFNAMSIZ || strlen(sw) >= IFNAMSIZ)
			continue;
		st = realloc(k->st, (k->n_st + 1) * sizeof(*st));
		if (!st) {
			fclose(f);
			return -1;
		}
		k->st = st;
		e = &k->st[k->n_st];
		memset(e, 0, sizeof(*e));
		if (!strcmp(kind, "tap") && n == 2)
			e->tap = true;
		else if (!strcmp(kind, "port") && n == 3)
			snprintf(e->sw, sizeof(e->sw), "%s", sw);
		else
			continue;
		snprintf(e->dev, sizeof(e->dev), "%s", dev);
		k->n_st++;
	}
	fclose(f);
	return 0;
}

/* Write the state atomically; no entries: no file. */
static int state_save(struct hook *k)
{
	char tmp[4200];
	unsigned int i;
	FILE *f;

	if (!k->n_st) {
		if (unlink(k->state_path) && errno != ENOENT)
			return -1;
		return 0;
	}
	if (mkdir_p(state_dir()))
		return -1;
	snprintf(tmp, sizeof(tmp), "%s.tmp", k->state_path);
	f = fopen(tmp, "we");
	if (!f)
		return -1;
	fprintf(f, "# vsw libvirt hook: what it did for domain %s\n", k->domain);
	for (i = 0; i < k->n_st; i++) {
		if (k->st[i].tap)
			fprintf(f, "tap %s\n", k->st[i].dev);
		else
			fprintf(f, "port %s %s\n", k->st[i].dev, k->st[i].sw);
	}
	if (fclose(f) || rename(tmp, k->state_path)) {
		unlink(tmp);
		return -1;
	}
	return 0;
}

static struct state_entry *state_find(struct hook *k, bool tap, const char *dev)
{
	unsigned int i;

	for (i = 0; i < k->n_st; i++)
		if (k->st[i].tap == tap && !strcmp(k->st[i].dev, dev))
			return &k->st[i];
	return NULL;
}

static int state_add(struct hook *k, bool tap, const char *dev, const char *sw)
{
	struct state_entry *e, *st;

	e = state_find(k, tap, dev);
	if (!e) {
		st = realloc(k->st, (k->n_st + 1) * sizeof(*st));
		if (!st)
			return -1;
		k->st = st;
		e = &k->st[k->n_st++];
		memset(e, 0, sizeof(*e));
		e->tap = tap;
		snprintf(e->dev, sizeof(e->dev), "%s", dev);
	}
	snprintf(e->sw, sizeof(e->sw), "%s", sw ? sw : "");
	return state_save(k);
}

static void state_remove(struct hook *k, bool tap, const char *dev)
{
	struct state_entry *e = state_find(k, tap, dev);

	if (!e)
		return;
	*e = k->st[--k->n_st];
	if (state_save(k))
		err(k, "cannot write %s: %s", k->state_path, strerror(errno));
}

/* ---- devices --------------------------------------------------------------- */

static bool dev_exists(const char *dev)
{
	return if_nametoindex(dev) != 0;
}

/* Bring @dev up and, when @addr is given, set its address first. */
static int dev_setup(const char *dev, const uint8_t *addr)
{
	struct ifreq ifr;
	int fd, ret = -1;

	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, IFNAMSIZ, "%s", dev);
	if (addr) {
		ifr.ifr_hwaddr.sa_family = ARPHRD_ETHER;
		memcpy(ifr.ifr_hwaddr.sa_data, addr, VSW_MAC_LEN);
		if (ioctl(fd, SIOCSIFHWADDR, &ifr) < 0)
			goto out;
	}
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) < 0)
		goto out;
	if (!(ifr.ifr_flags & IFF_UP)) {
		ifr.ifr_flags |= IFF_UP;
		if (ioctl(fd, SIOCSIFFLAGS, &ifr) < 0)
			goto out;
	}
	ret = 0;
out:
	close(fd);
	return ret;
}

/*
 * A persistent tap as libvirt then opens it for QEMU: TUNSETIFF with
 * IFF_TAP | IFF_NO_PI, IFF_MULTI_QUEUE when it asks for several queues
 * (the one flag an open of an existing tap must repeat; IFF_VNET_HDR is
 * chosen per open).
 */
static int tap_create(const char *dev, bool mq)
{
	struct ifreq ifr;
	int fd, ret = -1;

	fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return -1;
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, IFNAMSIZ, "%s", dev);
	/* IFF_TUN_EXCL: a device of that name appearing meanwhile is not ours. */
	ifr.ifr_flags = IFF_TAP | IFF_NO_PI | IFF_TUN_EXCL |
			(mq ? IFF_MULTI_QUEUE : 0);
	if (ioctl(fd, TUNSETIFF, &ifr) == 0 && ioctl(fd, TUNSETPERSIST, 1) == 0)
		ret = 0;
	close(fd);
	return ret;
}

/* The tun flags of @dev from sysfs; -1 when it is not a tun/tap. */
static long tun_flags(const char *dev)
{
	char path[128], buf[32];
	FILE *f;
	long v = -1;

	snprintf(path, sizeof(path), "/sys/class/net/%s/tun_flags", dev);
	f = fopen(path, "re");
	if (!f)
		return -1;
	if (fgets(buf, sizeof(buf), f))
		v = strtol(buf, NULL, 16);
	fclose(f);
	return v;
}

/* Delete a persistent tap; gone already is fine. */
static int tap_delete(const char *dev)
{
	struct ifreq ifr;
	long flags = tun_flags(dev);
	int fd, ret = -1;

	if (!dev_exists(dev))
		return 0;
	if (flags < 0 || !(flags & IFF_TAP)) {
		errno = ENOTTY;
		return -1;
	}
	fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return -1;
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, IFNAMSIZ, "%s", dev);
	ifr.ifr_flags = IFF_TAP | IFF_NO_PI | (flags & IFF_MULTI_QUEUE);
	if (ioctl(fd, TUNSETIFF, &ifr) == 0 && ioctl(fd, TUNSETPERSIST, 0) == 0)
		ret = 0;
	close(fd);
	return ret;
}

/* ---- switch ports ------------------------------------------------------------ */

struct port_query {
	const char *dev;
	char sw[IFNAMSIZ];		/* "" = not a port */
};

static int port_cb(const struct vsw_port *p, void *arg)
{
	struct port_query *q = arg;

	if (p->name && !strcmp(p->name, q->dev) && p->switch_name)
		snprintf(q->sw, sizeof(q->sw), "%s", p->switch_name);
	return 0;
}

/* The switch @dev is a port of, in @sw ("" when none). */
static int port_switch(struct hook *k, const char *dev, char *sw)
{
	struct port_query q = { .dev = dev };
	int ret;

	ret = vsw_port_list(k->h, NULL, port_cb, &q);
	if (ret)
		return ret;
	snprintf(sw, IFNAMSIZ, "%s", q.sw);
	return 0;
}

/* 0, or -ENOENT without the module (said only when @say_enoent), or -1. */
static int open_vsw(struct hook *k, bool say_enoent)
{
	int ret;

	if (k->h)
		return 0;
	ret = vsw_open(&k->h);
	if (!ret)
		return 0;
	k->h = NULL;
	if (ret == -ENOENT) {
		if (say_enoent)
			err(k, "the vsw Generic Netlink family is not there (is the vsw module loaded?)");
		return -ENOENT;
	}
	err(k, "cannot open a netlink socket: %s", strerror(-ret));
	return -1;
}

/* Put @f's device on its switch, in its port group, with its MAC. */
static int attach(struct hook *k, struct iface *f)
{
	struct vsw_port_opts o = {
		.portgroup = f->portgroup[0] ? f->portgroup : "default",
		.has_mac = true,
	};
	char cur[IFNAMSIZ];
	int ret;

	memcpy(o.mac, f->mac, VSW_MAC_LEN);
	if (dev_setup(f->dev, NULL)) {
		err(k, "interface %s (%s): cannot bring it up: %s", f->mac_str,
		    f->dev, strerror(errno));
		return -1;
	}
	ret = port_switch(k, f->dev, cur);
	if (ret) {
		err(k, "interface %s (%s): cannot list ports: %s", f->mac_str,
		    f->dev, vsw_err(k, ret));
		return -1;
	}
	if (cur[0] && strcmp(cur, f->sw)) {
		err(k, "interface %s (%s): a port of switch %s already, not of %s",
		    f->mac_str, f->dev, cur, f->sw);
		return -1;
	}
	if (cur[0]) {
		ret = vsw_port_set(k->h, f->dev, &o);
	} else {
		ret = vsw_port_add(k->h, f->sw, f->dev, VSW_PORT_KIND_PORT, &o);
		f->added = !ret;
	}
	if (ret) {
		err(k, "interface %s (%s): cannot attach it to switch %s%s%s: %s",
		    f->mac_str, f->dev, f->sw, f->portgroup[0] ? " port group " : "",
		    f->portgroup, vsw_err(k, ret));
		return -1;
	}
	f->done = true;
	if (state_add(k, false, f->dev, f->sw)) {
		err(k, "cannot write %s: %s", k->state_path, strerror(errno));
		return -1;
	}
	return 0;
}

/* Detach @dev when it is a port of @sw; 0 when it is not (any more). */
static int detach(struct hook *k, const char *dev, const char *sw)
{
	char cur[IFNAMSIZ];
	int ret;

	if (!dev_exists(dev))
		return 0;
	ret = port_switch(k, dev, cur);
	if (ret) {
		err(k, "%s: cannot list ports: %s", dev, vsw_err(k, ret));
		return -1;
	}
	if (strcmp(cur, sw))
		return 0;
	ret = vsw_port_del(k->h, dev, VSW_PORT_KIND_PORT);
	if (ret && ret != -ENODEV) {
		err(k, "%s: cannot detach it from switch %s: %s", dev, sw,
		    vsw_err(k, ret));
		return -1;
	}
	return 0;
}

static int delete_tap(struct hook *k, const char *dev)
{
	if (tap_delete(dev)) {
		err(k, "%s: cannot delete the tap the hook created: %s", dev,
		    strerror(errno));
		return -1;
	}
	state_remove(k, true, dev);
	return 0;
}

/* Undo what this run did, after a failure in prepare or start. */
static void rollback(struct hook *k)
{
	unsigned int i;

	for (i = 0; i < k->n_ifs; i++) {
		struct iface *f = &k->ifs[i];

		if (f->added && !detach(k, f->dev, f->sw))
			state_remove(k, false, f->dev);
		if (f->created)
			delete_tap(k, f->dev);
	}
}

static int op_attach(struct hook *k, bool prepare)
{
	unsigned int i;

	if (state_load(k)) {
		err(k, "cannot read %s: %s", k->state_path, strerror(errno));
		return 1;
	}
	if (open_vsw(k, true))
		return 1;
	for (i = 0; i < k->n_ifs; i++) {
		struct iface *f = &k->ifs[i];
		uint8_t tapmac[VSW_MAC_LEN];

		/*
		 * libvirt creates (and names) the taps it manages after
		 * prepare: those are attached at start.
		 */
		if (prepare && !f->managed_no)
			continue;
		if (!f->dev[0]) {
			err(k, "interface %s has no <target dev> (libvirt names every tap by start)",
			    f->mac_str);
			goto fail;
		}
		if (!dev_exists(f->dev)) {
			if (!prepare) {
				err(k, "interface %s: device %s does not exist",
				    f->mac_str, f->dev);
				goto fail;
			}
			if (tap_create(f->dev, f->queues > 1)) {
				err(k, "interface %s: cannot create tap %s: %s",
				    f->mac_str, f->dev, strerror(errno));
				goto fail;
			}
			f->created = true;
			if (state_add(k, true, f->dev, NULL)) {
				err(k, "cannot write %s: %s", k->state_path,
				    strerror(errno));
				goto fail;
			}
			/*
			 * As libvirt does for its taps: the guest's MAC with
			 * the first byte 0xfe, never the guest's own.
			 */
			memcpy(tapmac, f->mac, VSW_MAC_LEN);
			tapmac[0] = tapmac[0] == 0xfe ? 0xfa : 0xfe;
			if (dev_setup(f->dev, tapmac)) {
				err(k, "interface %s: cannot set up tap %s: %s",
				    f->mac_str, f->dev, strerror(errno));
				goto fail;
			}
		}
		if (attach(k, f))
			goto fail;
	}
	return 0;
fail:
	rollback(k);
	return 1;
}

static int op_detach(struct hook *k)
{
	unsigned int i;
	int ret = 0;

	if (state_load(k)) {
		err(k, "cannot read %s: %s", k->state_path, strerror(errno));
		ret = 1;
	}
	if (!k->n_ifs && !k->n_st)
		return ret;
	switch (open_vsw(k, false)) {
	case 0:
		break;
	case -ENOENT:
		/* No module, no ports: nothing to detach; taps still go. */
		for (i = k->n_st; i-- > 0;)
			if (!k->st[i].tap)
				state_remove(k, false, k->st[i].dev);
		goto taps;
	default:
		ret = 1;
		goto taps;
	}
	for (i = 0; i < k->n_ifs; i++) {
		if (k->ifs[i].dev[0] && detach(k, k->ifs[i].dev, k->ifs[i].sw))
			ret = 1;
	}
	for (i = 0; i < k->n_st;) {
		struct state_entry *e = &k->st[i];

		if (e->tap) {
			i++;
			continue;
		}
		if (detach(k, e->dev, e->sw)) {
			ret = 1;
			i++;
			continue;
		}
		state_remove(k, false, e->dev);
	}
taps:
	/* state_remove() moves the last entry into the slot it frees. */
	for (i = 0; i < k->n_st;) {
		if (!k->st[i].tap) {
			i++;
		} else if (delete_tap(k, k->st[i].dev)) {
			ret = 1;
			i++;
		}
	}
	return ret;
}

/*
 * All of stdin, NUL-terminated: libvirt writes the whole domain XML before
 * it waits for the hook.
 */
static char *read_all(size_t *len)
{
	size_t size = 65536, n = 0;
	char *buf = malloc(size), *nbuf;
	ssize_t r;

	if (!buf)
		return NULL;
	for (;;) {
		if (n == size - 1) {
			if (size >= XML_MAX_INPUT)
				break;
			size *= 2;
			nbuf = realloc(buf, size);
			if (!nbuf)
				break;
			buf = nbuf;
		}
		r = read(STDIN_FILENO, buf + n, size - 1 - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			break;
		if (r == 0) {
			buf[n] = '\0';
			*len = n;
			return buf;
		}
		n += r;
	}
	free(buf);
	return NULL;
}

int main(int argc, char **argv)
{
	struct hook k = { 0 };
	bool attach_op, detach_op;
	size_t len;
	char *xml;
	int ret;

	if (argc < 3) {
		fprintf(stderr,
			"usage: %s DOMAIN OPERATION [SUB-OPERATION EXTRA] <DOMAIN-XML\n"
			"  (libvirt's qemu hook; see Documentation/libvirt.rst)\n",
			argc ? argv[0] : "vsw-libvirt-hook");
		return 2;
	}
	k.domain = argv[1];
	attach_op = !strcmp(argv[2], "prepare") || !strcmp(argv[2], "start");
	detach_op = !strcmp(argv[2], "stopped") || !strcmp(argv[2], "release");

	/* Read stdin even when there is nothing to do: libvirt writes it. */
	xml = read_all(&len);
	if (!attach_op && !detach_op) {
		free(xml);
		return 0;
	}
	if (!xml) {
		err(&k, "cannot read the domain XML on stdin");
		return 1;
	}
	if (!*k.domain || strchr(k.domain, '/') || !strcmp(k.domain, ".") ||
	    !strcmp(k.domain, "..")) {
		err(&k, "a domain name cannot be a state file name");
		free(xml);
		return 1;
	}
	snprintf(k.state_path, sizeof(k.state_path), "%s/%s", state_dir(),
		 k.domain);

	LIBXML_TEST_VERSION;
	/* No XML at all (by hand, after a crash): the state file alone. */
	if (detach_op && len == strspn(xml, " \t\r\n"))
		ret = 0;
	else
		ret = parse_domain(&k, xml, len);
	free(xml);
	if (ret) {
		/* stopped/release still undo what the state file records. */
		if (attach_op)
			return 1;
		free(k.ifs);
		k.ifs = NULL;
		k.n_ifs = 0;
		op_detach(&k);
		ret = 1;
	} else if (attach_op) {
		ret = k.n_ifs ? op_attach(&k, !strcmp(argv[2], "prepare")) : 0;
	} else {
		ret = op_detach(&k);
	}
	if (k.h)
		vsw_close(k.h);
	free(k.ifs);
	free(k.st);
	xmlCleanupParser();
	return ret;
}
