// SPDX-License-Identifier: GPL-2.0
/*
 * Traffic shaping of what a VM sends into the switch: per port, an average
 * rate with a burst allowance, and a peak rate it may never exceed.
 *
 * Two token buckets kept in byte-nanoseconds (bytes x 10^9), refilled from
 * the monotonic clock on each frame: no timer, and exact to the nanosecond.
 * A frame passes when both buckets hold credit and is then charged in full,
 * so a bucket may go into debt: a GSO frame larger than the burst still
 * passes once, and the average over time stays the configured rate.
 */
#include <linux/ktime.h>
#include <linux/slab.h>

#include "switch.h"

/* The peak bucket holds a millisecond at peak rate, and a GSO frame. */
#define VSW_PEAK_WINDOW_NS	NSEC_PER_MSEC
#define VSW_PEAK_MIN_BYTES	(64 * 1024)

struct vsw_shaping *vsw_shaping_alloc(u32 avg_kbit, u32 peak_kbit,
				      u32 burst_kb)
{
	struct vsw_shaping *sh = kzalloc(sizeof(*sh), GFP_KERNEL);
	u64 peak_bytes;

	if (!sh)
		return NULL;
	sh->avg_kbit = avg_kbit;
	sh->peak_kbit = peak_kbit;
	sh->burst_kb = burst_kb;
	sh->avg_bps = (u64)avg_kbit * 1000 / 8;
	sh->peak_bps = (u64)peak_kbit * 1000 / 8;
	/* burst_kb <= VSW_SHAPING_BURST_MAX keeps this below 2^63. */
	sh->avg_depth = (s64)burst_kb * 1024 * NSEC_PER_SEC;
	peak_bytes = max_t(u64, sh->peak_bps * VSW_PEAK_WINDOW_NS / NSEC_PER_SEC,
			   VSW_PEAK_MIN_BYTES);
	sh->peak_depth = (s64)peak_bytes * NSEC_PER_SEC;
	return sh;
}

void vsw_shaper_init(struct vsw_shaper *shaper)
{
	spin_lock_init(&shaper->lock);
	shaper->tokens = S64_MAX;	/* clamped to a full bucket on first use */
	shaper->peak_tokens = S64_MAX;
	shaper->last = ktime_get_ns();
}

static s64 vsw_refill(s64 tokens, u64 elapsed, u64 rate, s64 depth)
{
	/* Past a full refill, the product could overflow: just fill. */
	if (elapsed >= (u64)depth / rate)
		return depth;
	tokens += elapsed * rate;
	return min(tokens, depth);
}

/* Data path: may the port's VM send @len more bytes now? */
bool vsw_shaper_admit(struct vsw_port *port, unsigned int len)
{
	const struct vsw_shaping *sh;
	struct vsw_shaper *s = &port->shaper;
	s64 cost = (s64)len * NSEC_PER_SEC;
	bool ok = false;
	u64 now, elapsed;

	sh = rcu_dereference(READ_ONCE(port->pg)->shaping);
	if (!sh)
		return true;

	spin_lock(&s->lock);
	now = ktime_get_ns();
	elapsed = now - s->last;
	s->last = now;
	s->tokens = vsw_refill(min(s->tokens, sh->avg_depth), elapsed,
			       sh->avg_bps, sh->avg_depth);
	s->peak_tokens = vsw_refill(min(s->peak_tokens, sh->peak_depth),
				    elapsed, sh->peak_bps, sh->peak_depth);
	if (s->tokens > 0 && s->peak_tokens > 0) {
		s->tokens -= cost;
		s->peak_tokens -= cost;
		ok = true;
	}
	spin_unlock(&s->lock);
	return ok;
}
