/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A kernel for libvsw without a kernel: the harness replaces libmnl's
 * socket calls, so every request libvsw builds lands here (and is checked
 * for being well formed) and every reply it reads comes from a script of
 * datagrams, the fuzzer's bytes.
 */
#ifndef _VSW_FAKE_KERNEL_H
#define _VSW_FAKE_KERNEL_H

#include <stddef.h>
#include <stdint.h>

struct vsw;

/* The family id and "events" group the fake kernel's handles have. */
#define FK_FAMILY	0x1d
#define FK_MCGRP	7
#define FK_PORTID	0x4321

/*
 * Script: records of a 2-byte little-endian header and a datagram; the
 * header's low 15 bits are the datagram's length, bit 15 says that more
 * datagrams of the same reply follow. Each request gets the datagrams up
 * to and including the first without bit 15; once the script is used up,
 * nothing: libvsw then reads EAGAIN and fails the call. With no script
 * (fk_script(NULL, 0)) every request is acknowledged: an ACK, or
 * NLMSG_DONE for a dump.
 */
void fk_script(const uint8_t *data, size_t len);
/* Queue every datagram left in the script now (events need no request). */
void fk_queue_all(void);
/* A handle of the fake kernel, as vsw_open() would make it. */
struct vsw *fk_open(void);
void fk_close(struct vsw *h);
/* Requests libvsw sent since fk_open(). */
unsigned int fk_requests(void);

#endif /* _VSW_FAKE_KERNEL_H */
