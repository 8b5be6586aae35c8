// SPDX-License-Identifier: GPL-2.0
/*
 * winsec selftests - terminals, the Linux counterpart of Windows' User
 * Interface Privilege Isolation: pushing input into a terminal (TIOCSTI)
 * needs the terminal's level, the highest of its device node's label
 * (Medium when it has none) and, on the caller's controlling terminal, of
 * the session leader and the foreground process group. The ioctls that
 * change a terminal are free on the caller's own controlling terminal and
 * need the node's level on any other one. Refusals are EPERM.
 *
 * The terminals are new pseudo-terminals. A session's own is put in raw
 * mode, so that an injected character is counted in the input queue at
 * once (FIONREAD) and nothing depends on timing.
 */

#include "desc.h"

#include <signal.h>
#include <termios.h>
#include <sys/ioctl.h>
#include <sys/sysmacros.h>

#define LEGACY_TIOCSTI	"/proc/sys/dev/tty/legacy_tiocsti"

/* Open a new pty: returns its master, and its slave's path in @slave. */
static int new_pty(char *slave, size_t size)
{
	int m = posix_openpt(O_RDWR | O_NOCTTY);

	if (m < 0)
		return -1;
	if (grantpt(m) || unlockpt(m) || ptsname_r(m, slave, size)) {
		close(m);
		return -1;
	}
	return m;
}

/*
 * Start a new session whose controlling terminal is the slave of a new
 * pty, in raw mode. Returns the slave (its master in @master), or -1.
 */
static int own_terminal(int *master)
{
	struct termios t;
	char name[64];
	int s;

	if (setsid() < 0)
		return -1;
	*master = new_pty(name, sizeof(name));
	if (*master < 0)
		return -1;
	/* A session leader without a terminal acquires the one it opens. */
	s = open(name, O_RDWR);
	if (s < 0 || tcgetsid(s) != getpid() || tcgetattr(s, &t))
		return -1;
	cfmakeraw(&t);
	if (tcsetattr(s, TCSANOW, &t))
		return -1;
	return s;
}

/*
 * Become alice at @level: from root with become(), from alice by lowering
 * (a child of an alice task cannot go through setgroups() again).
 */
static int be_alice(const char *level)
{
	char now[64];

	if (getuid() != ALICE)
		return become(ALICE, level, 0);
	get_level(now, sizeof(now));
	return strcmp(now, level) ? set_level(level) : 0;
}

/*
 * Push @text into the terminal @fd with TIOCSTI. Returns 0 when every
 * character was accepted and is in the input queue of @slave, the errno
 * when the first one was refused and nothing arrived, 150 and above for
 * anything else.
 */
static int inject(int fd, int slave, const char *text)
{
	size_t i, n = strlen(text);
	char buf[16];
	int queued, e;

	for (i = 0; i < n; i++) {
		if (!ioctl(fd, TIOCSTI, &text[i]))
			continue;
		e = errno;
		if (i)
			return 150;
		if (ioctl(slave, FIONREAD, &queued) || queued)
			return 151;
		return e;
	}
	if (ioctl(slave, FIONREAD, &queued) || queued != (int)n)
		return 152;
	if (read(slave, buf, sizeof(buf)) != (ssize_t)n || memcmp(buf, text, n))
		return 153;
	return 0;
}

/* A session where someone pushes characters into the terminal. */
struct scene {
	uid_t leader_uid;	/* the session leader: 0 or alice */
	const char *leader;	/* its level (NULL: root's System) */
	const char *injector;	/* alice's level in the pushing task */
	const char *other;	/* alice's level of one more task, or NULL */
	bool other_in_bg;	/* that task in a background process group */
	bool dev_tty;		/* push through /dev/tty, not the slave */
};

static int wait_status(pid_t pid)
{
	int status;

	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return 251;
	return WEXITSTATUS(status);
}

/*
 * Play @sc: a session leader opens a new terminal, may start one more
 * task of alice in the session, then takes its level; one of its
 * children, in the foreground group, pushes two characters. Returns what
 * inject() returned, 200 and above when the scene could not be set up.
 */
static int tiocsti_in_session(const struct scene *sc)
{
	int ready[2], hold[2], master, slave, fd, rc;
	pid_t leader, other = 0, injector;
	char c;

	fflush(NULL);
	leader = fork();
	if (leader < 0)
		return 250;
	if (leader)
		return wait_status(leader);

	alarm(60);	/* never hang the harness */
	slave = own_terminal(&master);
	if (slave < 0 || pipe(ready) || pipe(hold))
		_exit(210);
	if (sc->other) {
		other = fork();
		if (!other) {
			close(ready[0]);
			close(hold[1]);
			if (become(ALICE, sc->other, 0))
				_exit(1);
			if (sc->other_in_bg && setpgid(0, 0))
				_exit(2);
			if (write(ready[1], "r", 1) != 1)
				_exit(3);
			while (read(hold[0], &c, 1) < 0 && errno == EINTR)
				;
			_exit(0);
		}
		if (other < 0 || read(ready[0], &c, 1) != 1)
			_exit(211);
	}
	if (sc->leader_uid ? become(sc->leader_uid, sc->leader, 0) :
	    sc->leader ? set_level(sc->leader) : 0)
		_exit(212);

	fflush(NULL);
	injector = fork();
	if (!injector) {
		if (be_alice(sc->injector))
			_exit(213);
		fd = sc->dev_tty ? open("/dev/tty", O_RDWR) : slave;
		if (fd < 0)
			_exit(214);
		_exit(inject(fd, slave, "ws"));
	}
	rc = injector < 0 ? 215 : wait_status(injector);
	close(hold[1]);
	if (other > 0)
		waitpid(other, NULL, 0);
	_exit(rc);
}

FIXTURE(tiocsti) {};

FIXTURE_SETUP(tiocsti)
{
	char v = '0';
	int fd;

	if (!winsec_active())
		SKIP(return, "winsec is not active");
	/* Without it Linux refuses TIOCSTI to everyone but CAP_SYS_ADMIN. */
	fd = open(LEGACY_TIOCSTI, O_RDONLY);
	if (fd < 0 || read(fd, &v, 1) != 1 || v != '1')
		SKIP(return, "%s is not 1: no TIOCSTI to test", LEGACY_TIOCSTI);
	close(fd);
}

FIXTURE_TEARDOWN(tiocsti)
{
}

/* Control: in a Medium session, a Medium task types into its terminal. */
TEST_F(tiocsti, medium_may_push_into_a_medium_session)
{
	struct scene sc = {
		.leader_uid = ALICE, .leader = "medium", .injector = "medium",
	};

	EXPECT_EQ(0, tiocsti_in_session(&sc));
	sc.dev_tty = true;
	EXPECT_EQ(0, tiocsti_in_session(&sc));
}

/* A task that lowered itself to Low no longer may, by either node. */
TEST_F(tiocsti, low_cannot_push_into_a_medium_session)
{
	struct scene sc = {
		.leader_uid = ALICE, .leader = "medium", .injector = "low",
	};

	EXPECT_EQ(EPERM, tiocsti_in_session(&sc));
	sc.dev_tty = true;
	EXPECT_EQ(EPERM, tiocsti_in_session(&sc));
}

/*
 * Nor in a session of Low tasks only: an unlabeled terminal is Medium, and
 * typing into it is typing into whatever else reads it.
 */
TEST_F(tiocsti, low_cannot_push_into_an_unlabeled_terminal)
{
	struct scene sc = {
		.leader_uid = ALICE, .leader = "low", .injector = "low",
	};

	EXPECT_EQ(EPERM, tiocsti_in_session(&sc));
}

/* Under a High session leader, Medium may not; High may (control). */
TEST_F(tiocsti, medium_cannot_push_under_a_high_leader)
{
	struct scene sc = {
		.leader_uid = ALICE, .leader = "high", .injector = "medium",
	};

	EXPECT_EQ(EPERM, tiocsti_in_session(&sc));
	sc.injector = "high";
	EXPECT_EQ(0, tiocsti_in_session(&sc));
}

/* Under root's System session leader, alice at Medium may not. */
TEST_F(tiocsti, medium_cannot_push_under_a_system_leader)
{
	struct scene sc = { .injector = "medium" };

	EXPECT_EQ(EPERM, tiocsti_in_session(&sc));
	sc.dev_tty = true;
	EXPECT_EQ(EPERM, tiocsti_in_session(&sc));
}

/*
 * A High task in the foreground process group (the one that reads the
 * terminal) raises the terminal's level even under a Medium leader; the
 * same task in a background group does not (control).
 */
TEST_F(tiocsti, a_high_foreground_task_protects_the_terminal)
{
	struct scene sc = {
		.leader_uid = ALICE, .leader = "medium", .injector = "medium",
		.other = "high",
	};

	EXPECT_EQ(EPERM, tiocsti_in_session(&sc));
	sc.other_in_bg = true;
	EXPECT_EQ(0, tiocsti_in_session(&sc));
}

/* --- the ioctls that change a terminal ---------------------------------- */

/* TCGETS, TCSETS, TIOCSWINSZ, TCFLSH, TIOCSPGRP */
enum tty_op { T_GETS, T_SETS, T_WINSZ, T_FLUSH, T_PGRP };

static int tty_op(int fd, enum tty_op op)
{
	struct winsize ws = { .ws_row = 24, .ws_col = 80 };
	struct termios t;

	switch (op) {
	case T_GETS:
		return tcgetattr(fd, &t) ? errno : 0;
	case T_SETS:
		if (tcgetattr(fd, &t))
			return PREP_FAILED + errno;
		t.c_lflag ^= ECHO;
		return tcsetattr(fd, TCSANOW, &t) ? errno : 0;
	case T_WINSZ:
		return ioctl(fd, TIOCSWINSZ, &ws) ? errno : 0;
	case T_FLUSH:
		return tcflush(fd, TCIFLUSH) ? errno : 0;
	case T_PGRP:
		return tcsetpgrp(fd, getpgrp()) ? errno : 0;
	}
	return EINVAL;
}

/* Which terminal the task works on. */
enum which {
	OWN,		/* its controlling terminal */
	OTHER,		/* another pty's slave; the task has no terminal */
	OTHER_TOO,	/* another pty's slave; the task has a terminal */
};

struct tty_call {
	enum which which;
	const char *other;
	int flags;
	enum tty_op op;
};

/* In a session of its own, run the operation on the terminal asked. */
static int do_tty_op(const void *p)
{
	const struct tty_call *c = p;
	int master, fd = -1;

	alarm(60);
	if (c->which == OTHER) {
		if (setsid() < 0)
			return PREP_FAILED + errno;
	} else {
		fd = own_terminal(&master);
		if (fd < 0)
			return PREP_FAILED + errno;
	}
	if (c->which != OWN)
		fd = open(c->other, O_RDWR | O_NOCTTY);
	if (fd < 0)
		return PREP_FAILED + errno;
	return tty_op(fd, c->op);
}

/*
 * As alice at @level, in a session of its own, run @op on the terminal
 * @which says (@other: the other pty's slave). Returns the operation's
 * errno, 0 for success, PREP_FAILED + errno when the setup failed.
 */
static int tty_op_as(const char *level, enum which which, const char *other,
		     enum tty_op op)
{
	struct tty_call c = { .which = which, .other = other, .op = op };

	return run_as(SUBJECT(ALICE, level, 0), do_tty_op, &c);
}

FIXTURE(ioctl) {
	int master;
	char slave[64];
};

/* Each ioctl, and whether it changes the terminal. */
FIXTURE_VARIANT(ioctl) {
	enum tty_op op;
	bool changes;
};

FIXTURE_VARIANT_ADD(ioctl, tcgets) {
	.op = T_GETS,
	.changes = false,
};

FIXTURE_VARIANT_ADD(ioctl, tcsets) {
	.op = T_SETS,
	.changes = true,
};

FIXTURE_VARIANT_ADD(ioctl, tiocswinsz) {
	.op = T_WINSZ,
	.changes = true,
};

FIXTURE_VARIANT_ADD(ioctl, tcflsh) {
	.op = T_FLUSH,
	.changes = true,
};

FIXTURE_VARIANT_ADD(ioctl, tiocspgrp) {
	.op = T_PGRP,
	.changes = true,
};

/* The other terminal: a pty of root's whose slave alice may open. */
FIXTURE_SETUP(ioctl)
{
	if (!winsec_active())
		SKIP(return, "winsec is not active");
	self->master = new_pty(self->slave, sizeof(self->slave));
	ASSERT_LE(0, self->master);
	ASSERT_EQ(0, chown(self->slave, ALICE, ALICE));
	ASSERT_EQ(0, chmod(self->slave, 0600));
}

FIXTURE_TEARDOWN(ioctl)
{
	if (self->master > 0)
		close(self->master);
}

/*
 * Control: a Low shell keeps line editing, window size, flushing and job
 * control on its own terminal.
 */
TEST_F(ioctl, low_may_change_its_own_terminal)
{
	EXPECT_EQ(0, tty_op_as("low", OWN, NULL, variant->op));
}

/*
 * A Low task may not change a terminal it does not share a session with,
 * with or without a terminal of its own; reading its settings is fine.
 */
TEST_F(ioctl, low_cannot_change_another_terminal)
{
	int want = variant->changes ? EPERM : 0;

	EXPECT_EQ(want, tty_op_as("low", OTHER, self->slave, variant->op)) {
		TH_LOG("no terminal");
	}
	EXPECT_EQ(want, tty_op_as("low", OTHER_TOO, self->slave,
				  variant->op)) {
		TH_LOG("a terminal of its own");
	}
}

/*
 * Control: at Medium the same calls pass winsec. TIOCSPGRP is then
 * refused by Linux itself (ENOTTY: not the caller's terminal).
 */
TEST_F(ioctl, medium_may_change_another_terminal)
{
	int want = variant->op == T_PGRP ? ENOTTY : 0;

	EXPECT_EQ(want, tty_op_as("medium", OTHER, self->slave, variant->op)) {
		TH_LOG("no terminal");
	}
	EXPECT_EQ(want, tty_op_as("medium", OTHER_TOO, self->slave,
				  variant->op)) {
		TH_LOG("a terminal of its own");
	}
}

/* Without a terminal, open the node @c->other and run the operation. */
static int do_master_op(const void *p)
{
	const struct tty_call *c = p;
	int fd;

	if (setsid() < 0)
		return PREP_FAILED + errno;
	fd = open(c->other, c->flags | O_NOCTTY);
	if (fd < 0)
		return PREP_FAILED + errno;
	return tty_op(fd, c->op);
}

/*
 * As alice at @level, without a terminal, open a pty master through the
 * node @path with @flags and run @op on it. Returns the operation's errno,
 * 0 for success, PREP_FAILED + errno when the setup failed.
 */
static int master_op_as(const char *level, const char *path, int flags,
			enum tty_op op)
{
	struct tty_call c = { .other = path, .flags = flags, .op = op };

	return run_as(SUBJECT(ALICE, level, 0), do_master_op, &c);
}

/*
 * The label of the device node sets the level of a terminal that is not
 * the caller's. The labelled nodes are copies of /dev/ptmx next to a
 * devpts of their own, which is where a ptmx node finds its ptys (devpts
 * itself has no xattrs to label).
 */
FIXTURE(node) {};

/* The ioctls that change a pty master. */
FIXTURE_VARIANT(node) {
	enum tty_op op;
};

FIXTURE_VARIANT_ADD(node, tcsets) {
	.op = T_SETS,
};

FIXTURE_VARIANT_ADD(node, tiocswinsz) {
	.op = T_WINSZ,
};

FIXTURE_SETUP(node)
{
	prepare_tmpfs(_metadata);
	ASSERT_EQ(0, mkdir(P("pts"), 0755));
	ASSERT_EQ(0, mount("devpts", P("pts"), "devpts", 0,
			   "newinstance,ptmxmode=0666,mode=0600"));
	ASSERT_EQ(0, mknod(P("ptmx-low"), S_IFCHR | 0666, makedev(5, 2)));
	SET_SD(P("ptmx-low"), "D:(A;;FA;;;WD)S:(ML;;NW;;;LW)");
	ASSERT_EQ(0, mknod(P("ptmx-high"), S_IFCHR | 0666, makedev(5, 2)));
	SET_SD(P("ptmx-high"), "D:(A;;FA;;;WD)S:(ML;;NW;;;HI)");
}

FIXTURE_TEARDOWN(node)
{
}

/*
 * A pty master opened through a node labelled Low may be changed by Low;
 * through the unlabeled /dev/ptmx (Medium) it may not, and Medium may.
 */
TEST_F(node, a_low_label_lets_low_change_the_terminal)
{
	enum tty_op op = variant->op;

	EXPECT_EQ(0, master_op_as("low", P("ptmx-low"), O_RDWR, op));
	EXPECT_EQ(EPERM, master_op_as("low", "/dev/ptmx", O_RDWR, op)) {
		TH_LOG("unlabeled node");
	}
	EXPECT_EQ(0, master_op_as("medium", "/dev/ptmx", O_RDWR, op)) {
		TH_LOG("unlabeled node");
	}
}

/*
 * Through a node labelled High, Medium may not change the terminal and
 * High may. The opens are read-only: NO_WRITE_UP refuses Medium a
 * writable one, and an ioctl needs no particular access mode.
 */
TEST_F(node, a_high_label_keeps_medium_out)
{
	enum tty_op op = variant->op;

	EXPECT_EQ(EPERM, master_op_as("medium", P("ptmx-high"), O_RDONLY, op));
	EXPECT_EQ(0, master_op_as("high", P("ptmx-high"), O_RDONLY, op));
	/* Reading the settings needs no level. */
	EXPECT_EQ(0, master_op_as("medium", P("ptmx-high"), O_RDONLY, T_GETS));
}

TEST_HARNESS_MAIN
