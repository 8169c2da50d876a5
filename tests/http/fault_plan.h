/* fault_plan — the few bytes a test shares with daam-probe's fault VFS
 * (tests/http/fault_vfs.c) through a file both map: which write fails and
 * how, and how many faults fired. */
#ifndef DAAM_FAULT_PLAN_H
#define DAAM_FAULT_PLAN_H

enum fault_code { FAULT_FULL = 1, FAULT_IOERR, FAULT_FSYNC, FAULT_BUSY };

struct fault_plan {
	int armed;      /* 1: the countdown runs */
	int countdown;  /* the write that fails: 1 the next one */
	int code;       /* enum fault_code */
	int fired;      /* faults given so far */
};
#endif
