// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec LSM - per-CPU counters
 */

#include <linux/cpumask.h>
#include <linux/string.h>

#include "stats.h"

DEFINE_PER_CPU(struct winsec_stats, winsec_stats);

/**
 * winsec_stats_sum() - add up the per-CPU counters
 * @sum: the totals
 */
void winsec_stats_sum(struct winsec_stats *sum)
{
	int cpu;

	memset(sum, 0, sizeof(*sum));
	for_each_possible_cpu(cpu) {
		const struct winsec_stats *s = per_cpu_ptr(&winsec_stats, cpu);

		sum->checks += READ_ONCE(s->checks);
		sum->denials += READ_ONCE(s->denials);
		sum->labelled += READ_ONCE(s->labelled);
		sum->cache_loads += READ_ONCE(s->cache_loads);
		sum->invalid += READ_ONCE(s->invalid);
		sum->reused += READ_ONCE(s->reused);
	}
}
