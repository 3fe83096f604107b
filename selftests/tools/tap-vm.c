// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * tap-vm: a tiny "VM" on a tap or macvtap device, for the selftests.
 *
 * It opens its device the way QEMU does (net/tap-linux.c): /dev/net/tun
 * with TUNGETFEATURES and TUNSETIFF IFF_TAP | IFF_NO_PI [| IFF_VNET_HDR]
 * [| IFF_MULTI_QUEUE], which creates the tap or attaches to a persistent
 * one; or a macvtap's character device /dev/tapN, whose flags are set
 * with the same TUNSETIFF. With QEMU's script= and downscript= it runs a
 * script with the interface name after the open and before the close.
 *
 * The VM has one MAC and one IPv4 address. It answers ARP requests and
 * ICMP echo requests for its address and, with -p, resolves a peer with
 * ARP and pings it, counting the replies. It runs until -T seconds have
 * passed, SIGTERM/SIGINT, or (with -x) its pings are all answered.
 *
 * Usage:
 *   tap-vm (-i IFNAME | -d /dev/tapN) -m MAC -a IPV4 [-p IPV4 [-c N] [-x]]
 *          [-T SECS] [-H 0|10|12] [-q] [-s SCRIPT] [-S DOWNSCRIPT]
 *
 * Output (stdout, one line each, flushed):
 *   tap-vm: ready IFNAME                        device open, script done
 *   tap-vm: ping DST N/N replies                all pings answered
 *   tap-vm: arp_answered N echo_answered N echo_sent N echo_replies N
 *           rx_frames N foreign N               at exit (foreign: unicast
 *                                               for another MAC)
 *   tap-vm: downscript IFNAME ok                after -S ran successfully
 * Exit status: 0 when every ping was answered (or none was asked for),
 * 1 when some were not, 2 on a usage or setup error (message on stderr).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <net/if.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/if_ether.h>
#include <linux/if_tun.h>
#include <linux/virtio_net.h>

#define MAX_PINGS	1000
#define FRAME_MAX	65536
#define ETH_MIN_FRAME	60

struct arp_ipv4 {
	uint16_t htype;
	uint16_t ptype;
	uint8_t hlen;
	uint8_t plen;
	uint16_t op;
	uint8_t sha[ETH_ALEN];
	uint8_t spa[4];
	uint8_t tha[ETH_ALEN];
	uint8_t tpa[4];
} __attribute__((packed));

struct ipv4_hdr {
	uint8_t ver_ihl;
	uint8_t tos;
	uint16_t len;
	uint16_t id;
	uint16_t frag;
	uint8_t ttl;
	uint8_t proto;
	uint16_t csum;
	uint8_t src[4];
	uint8_t dst[4];
} __attribute__((packed));

struct icmp_echo {
	uint8_t type;
	uint8_t code;
	uint16_t csum;
	uint16_t id;
	uint16_t seq;
} __attribute__((packed));

struct vm {
	int fd;
	const char *ifname;
	size_t hdrlen;			/* vnet header before each frame */
	uint8_t mac[ETH_ALEN];
	struct in_addr addr;
	/* Pinging */
	bool pinging;
	struct in_addr peer;
	uint8_t peer_mac[ETH_ALEN];
	bool peer_known;
	unsigned int count;
	uint16_t ident;
	bool replied[MAX_PINGS + 1];
	unsigned int n_replied;
	unsigned int next_seq;		/* next first-time seq to send */
	/* Counters */
	unsigned long arp_answered;
	unsigned long echo_answered;
	unsigned long echo_sent;
	unsigned long echo_replies;
	unsigned long rx_frames;
	unsigned long foreign;
};

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static void die(const char *fmt, const char *arg)
{
	fprintf(stderr, "tap-vm: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n");
	exit(2);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static bool parse_mac(const char *s, uint8_t *mac)
{
	unsigned int b[ETH_ALEN];
	char end;
	int i;

	if (sscanf(s, "%2x:%2x:%2x:%2x:%2x:%2x%c", &b[0], &b[1], &b[2], &b[3],
		   &b[4], &b[5], &end) != ETH_ALEN)
		return false;
	for (i = 0; i < ETH_ALEN; i++)
		mac[i] = b[i];
	/* A VM's own address is unicast. */
	return !(mac[0] & 1);
}

static uint16_t csum(const void *data, size_t len)
{
	const uint8_t *p = data;
	uint32_t sum = 0;

	while (len > 1) {
		sum += (p[0] << 8) | p[1];
		p += 2;
		len -= 2;
	}
	if (len)
		sum += p[0] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return htons(~sum & 0xffff);
}

/* Write one Ethernet frame (@frame has room for the vnet header before). */
static void send_frame(struct vm *vm, uint8_t *buf, size_t len)
{
	ssize_t n;

	/* A zeroed vnet header: no checksum offload, no GSO. */
	memset(buf, 0, vm->hdrlen);
	if (len < ETH_MIN_FRAME) {
		memset(buf + vm->hdrlen + len, 0, ETH_MIN_FRAME - len);
		len = ETH_MIN_FRAME;
	}
	n = write(vm->fd, buf, vm->hdrlen + len);
	if (n < 0 && errno != EAGAIN && errno != EIO)
		fprintf(stderr, "tap-vm: write: %s\n", strerror(errno));
}

static void send_arp(struct vm *vm, uint16_t op, const uint8_t *dmac,
		     const uint8_t *tha, struct in_addr tpa)
{
	uint8_t buf[128];
	struct ethhdr *eth = (struct ethhdr *)(buf + vm->hdrlen);
	struct arp_ipv4 *arp = (struct arp_ipv4 *)(eth + 1);

	memcpy(eth->h_dest, dmac, ETH_ALEN);
	memcpy(eth->h_source, vm->mac, ETH_ALEN);
	eth->h_proto = htons(ETH_P_ARP);
	arp->htype = htons(1);
	arp->ptype = htons(ETH_P_IP);
	arp->hlen = ETH_ALEN;
	arp->plen = 4;
	arp->op = htons(op);
	memcpy(arp->sha, vm->mac, ETH_ALEN);
	memcpy(arp->spa, &vm->addr, 4);
	memcpy(arp->tha, tha, ETH_ALEN);
	memcpy(arp->tpa, &tpa, 4);
	send_frame(vm, buf, sizeof(*eth) + sizeof(*arp));
}

/* An ICMP echo (request or reply) with @payload of @plen bytes. */
static void send_echo(struct vm *vm, const uint8_t *dmac, struct in_addr dst,
		      uint8_t type, uint16_t id, uint16_t seq,
		      const uint8_t *payload, size_t plen)
{
	static uint8_t buf[FRAME_MAX + 64];
	struct ethhdr *eth = (struct ethhdr *)(buf + vm->hdrlen);
	struct ipv4_hdr *ip = (struct ipv4_hdr *)(eth + 1);
	struct icmp_echo *icmp = (struct icmp_echo *)(ip + 1);
	static uint16_t ip_id;

	if (plen > FRAME_MAX - sizeof(*eth) - sizeof(*ip) - sizeof(*icmp))
		return;
	memcpy(eth->h_dest, dmac, ETH_ALEN);
	memcpy(eth->h_source, vm->mac, ETH_ALEN);
	eth->h_proto = htons(ETH_P_IP);
	memset(ip, 0, sizeof(*ip));
	ip->ver_ihl = 0x45;
	ip->len = htons(sizeof(*ip) + sizeof(*icmp) + plen);
	ip->id = htons(++ip_id);
	ip->ttl = 64;
	ip->proto = IPPROTO_ICMP;
	memcpy(ip->src, &vm->addr, 4);
	memcpy(ip->dst, &dst, 4);
	ip->csum = csum(ip, sizeof(*ip));
	icmp->type = type;
	icmp->code = 0;
	icmp->csum = 0;
	icmp->id = id;
	icmp->seq = seq;
	memcpy(icmp + 1, payload, plen);
	icmp->csum = csum(icmp, sizeof(*icmp) + plen);
	send_frame(vm, buf, sizeof(*eth) + sizeof(*ip) + sizeof(*icmp) + plen);
}

static void send_request(struct vm *vm, unsigned int seq)
{
	uint8_t payload[56];
	size_t i;

	for (i = 0; i < sizeof(payload); i++)
		payload[i] = i;
	send_echo(vm, vm->peer_mac, vm->peer, 8, htons(vm->ident), htons(seq),
		  payload, sizeof(payload));
	vm->echo_sent++;
}

static void rx_arp(struct vm *vm, const struct ethhdr *eth, size_t len)
{
	const struct arp_ipv4 *arp = (const void *)(eth + 1);

	if (len < sizeof(*eth) + sizeof(*arp) || arp->htype != htons(1) ||
	    arp->ptype != htons(ETH_P_IP) || arp->hlen != ETH_ALEN ||
	    arp->plen != 4)
		return;
	if (arp->op == htons(1) && !memcmp(arp->tpa, &vm->addr, 4)) {
		struct in_addr spa;

		memcpy(&spa, arp->spa, 4);
		send_arp(vm, 2, arp->sha, arp->sha, spa);
		vm->arp_answered++;
	} else if (arp->op == htons(2) && vm->pinging &&
		   !memcmp(arp->spa, &vm->peer, 4)) {
		memcpy(vm->peer_mac, arp->sha, ETH_ALEN);
		vm->peer_known = true;
	}
}

static void rx_ipv4(struct vm *vm, const struct ethhdr *eth, size_t len)
{
	const struct ipv4_hdr *ip = (const void *)(eth + 1);
	const struct icmp_echo *icmp;
	size_t ihl, tot;
	struct in_addr src;

	if (len < sizeof(*eth) + sizeof(*ip))
		return;
	ihl = (ip->ver_ihl & 0xf) * 4;
	tot = ntohs(ip->len);
	if ((ip->ver_ihl >> 4) != 4 || ihl < sizeof(*ip) || tot < ihl ||
	    sizeof(*eth) + tot > len || ip->proto != IPPROTO_ICMP ||
	    memcmp(ip->dst, &vm->addr, 4) || (ip->frag & htons(0x3fff)) ||
	    tot - ihl < sizeof(*icmp))
		return;
	icmp = (const void *)((const uint8_t *)ip + ihl);
	memcpy(&src, ip->src, 4);
	if (icmp->type == 8 && icmp->code == 0) {
		send_echo(vm, eth->h_source, src, 0, icmp->id, icmp->seq,
			  (const uint8_t *)(icmp + 1), tot - ihl - sizeof(*icmp));
		vm->echo_answered++;
	} else if (icmp->type == 0 && vm->pinging &&
		   src.s_addr == vm->peer.s_addr &&
		   icmp->id == htons(vm->ident)) {
		unsigned int seq = ntohs(icmp->seq);

		vm->echo_replies++;
		if (seq >= 1 && seq <= vm->count && !vm->replied[seq]) {
			vm->replied[seq] = true;
			vm->n_replied++;
		}
	}
}

static void rx_frame(struct vm *vm, const uint8_t *buf, size_t n)
{
	const struct ethhdr *eth = (const void *)(buf + vm->hdrlen);
	static const uint8_t bcast[ETH_ALEN] = {
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff
	};
	size_t len;

	if (n < vm->hdrlen + sizeof(*eth))
		return;
	len = n - vm->hdrlen;
	vm->rx_frames++;
	if (memcmp(eth->h_dest, vm->mac, ETH_ALEN) &&
	    memcmp(eth->h_dest, bcast, ETH_ALEN)) {
		/* Unicast for another MAC: flooded to us. */
		if (!(eth->h_dest[0] & 1))
			vm->foreign++;
		return;
	}
	if (eth->h_proto == htons(ETH_P_ARP))
		rx_arp(vm, eth, len);
	else if (eth->h_proto == htons(ETH_P_IP))
		rx_ipv4(vm, eth, len);
}

static int run_script(const char *script, const char *ifname)
{
	int status;
	pid_t pid;

	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		execl(script, script, ifname, (char *)NULL);
		fprintf(stderr, "tap-vm: cannot run %s: %s\n", script,
			strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

/* The flags QEMU asks for, after checking the kernel has them. */
static void set_iff(struct vm *vm, bool macvtap, bool mq, char *name)
{
	unsigned int features = 0;
	struct ifreq ifr;
	int sz;

	if (ioctl(vm->fd, TUNGETFEATURES, &features) < 0)
		die("TUNGETFEATURES: %s", strerror(errno));
	memset(&ifr, 0, sizeof(ifr));
	ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
	if (vm->hdrlen) {
		if (!(features & IFF_VNET_HDR))
			die("%s", "the kernel has no IFF_VNET_HDR");
		ifr.ifr_flags |= IFF_VNET_HDR;
	}
	if (mq) {
		if (!(features & IFF_MULTI_QUEUE))
			die("%s", "the kernel has no IFF_MULTI_QUEUE");
		ifr.ifr_flags |= IFF_MULTI_QUEUE;
	}
	if (!macvtap)
		snprintf(ifr.ifr_name, IFNAMSIZ, "%s", vm->ifname);
	if (ioctl(vm->fd, TUNSETIFF, &ifr) < 0)
		die("TUNSETIFF: %s", strerror(errno));
	if (!macvtap)
		snprintf(name, IFNAMSIZ, "%s", ifr.ifr_name);
	if (vm->hdrlen) {
		sz = vm->hdrlen;
		if (ioctl(vm->fd, TUNSETVNETHDRSZ, &sz) < 0)
			die("TUNSETVNETHDRSZ: %s", strerror(errno));
	}
}

static int usage(void)
{
	fprintf(stderr,
		"usage: tap-vm (-i IFNAME | -d /dev/tapN) -m MAC -a IPV4\n"
		"              [-p IPV4 [-c N] [-x]] [-T SECS] [-H 0|10|12] [-q]\n"
		"              [-s SCRIPT] [-S DOWNSCRIPT]\n");
	return 2;
}

int main(int argc, char **argv)
{
	const char *dev = NULL, *script = NULL, *downscript = NULL;
	static uint8_t buf[FRAME_MAX + 64];
	double deadline, t, last_arp = 0, last_retry = 0, last_send = 0;
	bool have_mac = false, have_addr = false, exit_early = false;
	bool mq = false, done_printed = false;
	char name[IFNAMSIZ] = "";
	struct sigaction sa;
	struct vm vm;
	long secs = 30;
	int opt, rc;

	memset(&vm, 0, sizeof(vm));
	vm.hdrlen = sizeof(struct virtio_net_hdr);
	vm.count = 3;
	while ((opt = getopt(argc, argv, "i:d:m:a:p:c:xT:H:qs:S:")) != -1) {
		char *end;
		long v;

		switch (opt) {
		case 'i':
			if (strlen(optarg) >= IFNAMSIZ || !*optarg)
				die("bad interface name \"%s\"", optarg);
			vm.ifname = optarg;
			break;
		case 'd':
			dev = optarg;
			break;
		case 'm':
			if (!parse_mac(optarg, vm.mac))
				die("bad MAC \"%s\" (a unicast aa:bb:cc:dd:ee:ff)",
				    optarg);
			have_mac = true;
			break;
		case 'a':
			if (inet_pton(AF_INET, optarg, &vm.addr) != 1)
				die("bad IPv4 address \"%s\"", optarg);
			have_addr = true;
			break;
		case 'p':
			if (inet_pton(AF_INET, optarg, &vm.peer) != 1)
				die("bad IPv4 address \"%s\"", optarg);
			vm.pinging = true;
			break;
		case 'c':
		case 'T':
		case 'H':
			v = strtol(optarg, &end, 10);
			if (*end || end == optarg || v < 0)
				die("bad number \"%s\"", optarg);
			if (opt == 'c') {
				if (v < 1 || v > MAX_PINGS)
					die("-c %s: 1..1000 pings", optarg);
				vm.count = v;
			} else if (opt == 'T') {
				if (v < 1)
					die("-T %s: at least 1 second", optarg);
				secs = v;
			} else {
				if (v != 0 && v != 10 && v != 12)
					die("-H %s: 0, 10 or 12", optarg);
				vm.hdrlen = v;
			}
			break;
		case 'x':
			exit_early = true;
			break;
		case 'q':
			mq = true;
			break;
		case 's':
			script = optarg;
			break;
		case 'S':
			downscript = optarg;
			break;
		default:
			return usage();
		}
	}
	if (optind != argc || !have_mac || !have_addr || !vm.ifname == !dev)
		return usage();
	if (dev && (script || downscript))
		die("%s", "-s/-S go with -i (a macvtap is not QEMU's to script)");

	vm.fd = open(dev ?: "/dev/net/tun", O_RDWR | O_CLOEXEC);
	if (vm.fd < 0)
		die("cannot open the device: %s", strerror(errno));
	set_iff(&vm, dev != NULL, mq, name);
	if (dev)
		snprintf(name, sizeof(name), "%s", dev);
	vm.ident = getpid() & 0xffff;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);

	if (script) {
		rc = run_script(script, name);
		if (rc != 0) {
			fprintf(stderr, "tap-vm: %s %s failed (exit %d)\n",
				script, name, rc);
			return 2;
		}
	}
	printf("tap-vm: ready %s\n", name);
	fflush(stdout);

	deadline = now() + secs;
	while (!stop && (t = now()) < deadline) {
		struct pollfd pfd = { .fd = vm.fd, .events = POLLIN };
		ssize_t n;

		if (vm.pinging && !vm.peer_known && t - last_arp >= 1.0) {
			static const uint8_t bcast[ETH_ALEN] = {
				0xff, 0xff, 0xff, 0xff, 0xff, 0xff
			};
			static const uint8_t zero[ETH_ALEN];

			send_arp(&vm, 1, bcast, zero, vm.peer);
			last_arp = t;
		}
		if (vm.pinging && vm.peer_known && vm.n_replied < vm.count) {
			if (vm.next_seq < vm.count && t - last_send >= 0.2) {
				send_request(&vm, ++vm.next_seq);
				last_send = t;
			} else if (vm.next_seq == vm.count &&
				   t - last_send >= 1.0 && t - last_retry >= 1.0) {
				unsigned int s;

				/* Lost ones (the peer's first ARP, say) again. */
				for (s = 1; s <= vm.count; s++)
					if (!vm.replied[s])
						send_request(&vm, s);
				last_retry = t;
			}
		}
		if (vm.pinging && vm.n_replied == vm.count && !done_printed) {
			printf("tap-vm: ping %s %u/%u replies\n",
			       inet_ntoa(vm.peer), vm.n_replied, vm.count);
			fflush(stdout);
			done_printed = true;
			if (exit_early)
				break;
		}

		rc = poll(&pfd, 1, 100);
		if (rc < 0 && errno != EINTR)
			die("poll: %s", strerror(errno));
		if (rc <= 0)
			continue;
		n = read(vm.fd, buf, sizeof(buf));
		if (n < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			die("read: %s", strerror(errno));
		}
		rx_frame(&vm, buf, n);
	}

	if (vm.pinging && !done_printed) {
		printf("tap-vm: ping %s %u/%u replies\n", inet_ntoa(vm.peer),
		       vm.n_replied, vm.count);
	}
	printf("tap-vm: arp_answered %lu echo_answered %lu echo_sent %lu "
	       "echo_replies %lu rx_frames %lu foreign %lu\n",
	       vm.arp_answered, vm.echo_answered, vm.echo_sent,
	       vm.echo_replies, vm.rx_frames, vm.foreign);
	fflush(stdout);
	/* QEMU runs its downscript while it still holds the tap. */
	if (downscript) {
		rc = run_script(downscript, name);
		if (rc != 0) {
			fprintf(stderr, "tap-vm: %s %s failed (exit %d)\n",
				downscript, name, rc);
			return 2;
		}
		printf("tap-vm: downscript %s ok\n", name);
		fflush(stdout);
	}
	close(vm.fd);
	return vm.pinging && vm.n_replied < vm.count ? 1 : 0;
}
