// SPDX-License-Identifier: GPL-2.0-only
/*
 * winsec LSM - /sys/kernel/security/winsec/: enforcement switch, statistics
 */

#include <linux/capability.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/security.h>
#include <linux/uaccess.h>

#include "audit.h"
#include "securityfs.h"
#include "setup.h"
#include "stats.h"
#include "subject.h"
#include "winsec.h"

static struct dentry *winsec_dir;

static ssize_t enforce_read(struct file *file, char __user *buf, size_t count,
			    loff_t *ppos)
{
	char text[4];
	int len;

	len = scnprintf(text, sizeof(text), "%d\n", READ_ONCE(winsec_enforcing));
	return simple_read_from_buffer(buf, count, ppos, text, len);
}

/*
 * enforce takes "1" or "0", with or without a newline, and nothing else: a
 * switch that turns off enforcement must not be flipped by a word that
 * merely starts like a boolean ("nonsense", "false alarm").
 */
static ssize_t enforce_write(struct file *file, const char __user *buf,
			     size_t count, loff_t *ppos)
{
	char text[3];
	bool value;

	/* The opener's capability, and never a writer below Medium. */
	if (!file_ns_capable(file, &init_user_ns, CAP_MAC_ADMIN) ||
	    winsec_cred_level(current_cred()) < WINSEC_LEVEL_MEDIUM)
		return -EPERM;
	if (count < 1 || count > 2)
		return -EINVAL;
	if (copy_from_user(text, buf, count))
		return -EFAULT;
	if ((text[0] != '0' && text[0] != '1') ||
	    (count == 2 && text[1] != '\n'))
		return -EINVAL;
	value = text[0] == '1';
	if (value != READ_ONCE(winsec_enforcing)) {
		WRITE_ONCE(winsec_enforcing, value);
		pr_info("%s mode\n", value ? "enforcing" : "permissive");
	}
	return count;
}

static const struct file_operations enforce_fops = {
	.read = enforce_read,
	.write = enforce_write,
	.llseek = default_llseek,
};

static ssize_t stats_read(struct file *file, char __user *buf, size_t count,
			  loff_t *ppos)
{
	struct winsec_stats s;
	char text[256];
	int len;

	winsec_stats_sum(&s);
	len = scnprintf(text, sizeof(text),
			"checks %llu\ndenials %llu\nlabelled %llu\ncache_loads %llu\ninvalid %llu\nreused %llu\n",
			s.checks, s.denials, s.labelled, s.cache_loads,
			s.invalid, s.reused);
	return simple_read_from_buffer(buf, count, ppos, text, len);
}

static const struct file_operations stats_fops = {
	.read = stats_read,
	.llseek = default_llseek,
};

static int __init winsec_init_securityfs(void)
{
	struct dentry *d;

	if (!winsec_initialized)
		return 0;
	winsec_dir = securityfs_create_dir(WINSEC_NAME, NULL);
	if (IS_ERR(winsec_dir))
		return PTR_ERR(winsec_dir);
	d = securityfs_create_file("enforce", 0644, winsec_dir, NULL,
				   &enforce_fops);
	if (IS_ERR(d))
		goto err;
	d = securityfs_create_file("stats", 0444, winsec_dir, NULL,
				   &stats_fops);
	if (IS_ERR(d))
		goto err;
	d = ERR_PTR(winsec_ipc_securityfs_init(winsec_dir));
	if (IS_ERR(d))
		goto err;
	return 0;
err:
	securityfs_recursive_remove(winsec_dir);
	return PTR_ERR(d);
}

fs_initcall(winsec_init_securityfs);
