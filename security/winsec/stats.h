/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * winsec LSM - per-CPU counters, shown in securityfs
 */

#ifndef _SECURITY_WINSEC_STATS_H
#define _SECURITY_WINSEC_STATS_H

#include <linux/percpu.h>
#include <linux/types.h>

/**
 * struct winsec_stats - counters shown in securityfs
 * @checks: access checks performed
 * @denials: checks that denied (enforced or not)
 * @labelled: checks of objects that have a descriptor of their own (files
 *	      and IPC objects)
 * @cache_loads: descriptors read from the security.winsec attribute
 * @invalid: stored descriptors found invalid
 * @reused: labelled checks decided by the decision a descriptor kept
 *	    (winsec_desc_cached()) without walking its DACL
 */
struct winsec_stats {
	u64 checks;
	u64 denials;
	u64 labelled;
	u64 cache_loads;
	u64 invalid;
	u64 reused;
};

DECLARE_PER_CPU(struct winsec_stats, winsec_stats);

/* Count one event; each CPU writes only its own counters. */
#define winsec_stat_inc(field) this_cpu_inc(winsec_stats.field)

void winsec_stats_sum(struct winsec_stats *sum);

#endif /* _SECURITY_WINSEC_STATS_H */
