/* fault_vfs — a SQLite VFS for the test build daam-probe that makes the Nth
 * write fail the way a real machine does: disk full (SQLITE_FULL), an I/O
 * error (SQLITE_IOERR_WRITE / _FSYNC) or a lock held elsewhere
 * (SQLITE_BUSY).  It wraps the default VFS and counts xWrite, xTruncate
 * and xSync on every file (database, WAL, journal).
 *
 * It is armed through a small file shared with the test ($DAAM_FAULTS names
 * it; both map it with MAP_SHARED), so a running server can be made to fail
 * its next write, then its second, and so on (tests/http/test_faults.c).
 * Without $DAAM_FAULTS nothing is registered: daam-probe then behaves as
 * daam.  daam itself never contains this file. */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <sqlite3.h>
#include "fault_plan.h"

static sqlite3_vfs *base;
static sqlite3_vfs faulty;
static volatile struct fault_plan *plan;

struct ffile {
	sqlite3_file f;          /* our methods */
	sqlite3_file *real;      /* the base VFS's file (allocated after us) */
};

/* 0, or the error the armed plan gives this write. */
static int fault_now(int is_lock)
{
	if (!plan || !plan->armed || (plan->code == FAULT_BUSY) != is_lock)
		return 0;
	if (__sync_sub_and_fetch(&plan->countdown, 1) > 0)
		return 0;
	plan->armed = 0;
	plan->fired++;
	switch (plan->code) {
	case FAULT_FULL: return SQLITE_FULL;
	case FAULT_IOERR: return SQLITE_IOERR_WRITE;
	case FAULT_FSYNC: return SQLITE_IOERR_FSYNC;
	case FAULT_BUSY: return SQLITE_BUSY;
	default: return SQLITE_IOERR;
	}
}

#define REAL(p) (((struct ffile *)(p))->real)

static int f_close(sqlite3_file *p)
{
	int rc = REAL(p)->pMethods ? REAL(p)->pMethods->xClose(REAL(p)) : SQLITE_OK;
	return rc;
}
static int f_read(sqlite3_file *p, void *buf, int n, sqlite3_int64 off)
{
	return REAL(p)->pMethods->xRead(REAL(p), buf, n, off);
}
static int f_write(sqlite3_file *p, const void *buf, int n, sqlite3_int64 off)
{
	int rc = fault_now(0);
	return rc ? rc : REAL(p)->pMethods->xWrite(REAL(p), buf, n, off);
}
static int f_truncate(sqlite3_file *p, sqlite3_int64 size)
{
	int rc = fault_now(0);
	return rc ? rc : REAL(p)->pMethods->xTruncate(REAL(p), size);
}
static int f_sync(sqlite3_file *p, int flags)
{
	int rc = fault_now(0);
	if (rc == SQLITE_IOERR_WRITE)
		rc = SQLITE_IOERR_FSYNC;
	return rc ? rc : REAL(p)->pMethods->xSync(REAL(p), flags);
}
static int f_size(sqlite3_file *p, sqlite3_int64 *size)
{
	return REAL(p)->pMethods->xFileSize(REAL(p), size);
}
static int f_lock(sqlite3_file *p, int level)
{
	/* a busy fault refuses the write lock (RESERVED and above) once */
	int rc = level >= SQLITE_LOCK_RESERVED ? fault_now(1) : 0;
	return rc ? rc : REAL(p)->pMethods->xLock(REAL(p), level);
}
static int f_unlock(sqlite3_file *p, int level)
{
	return REAL(p)->pMethods->xUnlock(REAL(p), level);
}
static int f_check_reserved(sqlite3_file *p, int *out)
{
	return REAL(p)->pMethods->xCheckReservedLock(REAL(p), out);
}
static int f_control(sqlite3_file *p, int op, void *arg)
{
	return REAL(p)->pMethods->xFileControl(REAL(p), op, arg);
}
static int f_sector(sqlite3_file *p)
{
	return REAL(p)->pMethods->xSectorSize(REAL(p));
}
static int f_caps(sqlite3_file *p)
{
	return REAL(p)->pMethods->xDeviceCharacteristics(REAL(p));
}
static int f_shm_map(sqlite3_file *p, int pg, int pgsz, int extend, void volatile **pp)
{
	return REAL(p)->pMethods->xShmMap(REAL(p), pg, pgsz, extend, pp);
}
static int f_shm_lock(sqlite3_file *p, int off, int n, int flags)
{
	return REAL(p)->pMethods->xShmLock(REAL(p), off, n, flags);
}
static void f_shm_barrier(sqlite3_file *p)
{
	REAL(p)->pMethods->xShmBarrier(REAL(p));
}
static int f_shm_unmap(sqlite3_file *p, int del)
{
	return REAL(p)->pMethods->xShmUnmap(REAL(p), del);
}
/* No memory-mapped pages: every read and write goes through xRead/xWrite. */
static int f_fetch(sqlite3_file *p, sqlite3_int64 off, int n, void **pp)
{
	*pp = NULL;
	return SQLITE_OK;
}
static int f_unfetch(sqlite3_file *p, sqlite3_int64 off, void *pg)
{
	return SQLITE_OK;
}

static const sqlite3_io_methods methods = {
	3, f_close, f_read, f_write, f_truncate, f_sync, f_size, f_lock, f_unlock, f_check_reserved,
	f_control, f_sector, f_caps, f_shm_map, f_shm_lock, f_shm_barrier, f_shm_unmap, f_fetch, f_unfetch,
};

static int f_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *p, int flags, int *out_flags)
{
	struct ffile *ff = (struct ffile *)p;
	ff->real = (sqlite3_file *)(ff + 1);
	memset(ff->real, 0, (size_t)base->szOsFile);
	int rc = base->xOpen(base, name, ff->real, flags, out_flags);
	p->pMethods = rc == SQLITE_OK && ff->real->pMethods ? &methods : NULL;
	return rc;
}
static int f_delete(sqlite3_vfs *v, const char *name, int sync)
{
	return base->xDelete(base, name, sync);
}
static int f_access(sqlite3_vfs *v, const char *name, int flags, int *out)
{
	return base->xAccess(base, name, flags, out);
}
static int f_fullpath(sqlite3_vfs *v, const char *name, int n, char *out)
{
	return base->xFullPathname(base, name, n, out);
}
static int f_random(sqlite3_vfs *v, int n, char *out)
{
	return base->xRandomness(base, n, out);
}
static int f_sleep(sqlite3_vfs *v, int us)
{
	return base->xSleep(base, us);
}
static int f_time(sqlite3_vfs *v, double *t)
{
	return base->xCurrentTime(base, t);
}
static int f_last_error(sqlite3_vfs *v, int n, char *out)
{
	return base->xGetLastError ? base->xGetLastError(base, n, out) : 0;
}
static int f_time64(sqlite3_vfs *v, sqlite3_int64 *t)
{
	return base->xCurrentTimeInt64(base, t);
}

/* Registers the VFS as the default before main() when $DAAM_FAULTS names
 * the plan file. */
__attribute__((constructor)) static void fault_vfs_register(void)
{
	const char *path = getenv("DAAM_FAULTS");
	if (!path || !*path)
		return;
	int fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return;
	void *m = mmap(NULL, sizeof(struct fault_plan), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	if (m == MAP_FAILED)
		return;
	plan = m;
	sqlite3_initialize();
	base = sqlite3_vfs_find(NULL);
	if (!base)
		return;
	faulty = (sqlite3_vfs){
		.iVersion = 2, .szOsFile = (int)sizeof(struct ffile) + base->szOsFile, .mxPathname = base->mxPathname,
		.zName = "daam-faults", .xOpen = f_open, .xDelete = f_delete, .xAccess = f_access,
		.xFullPathname = f_fullpath, .xDlOpen = base->xDlOpen, .xDlError = base->xDlError,
		.xDlSym = base->xDlSym, .xDlClose = base->xDlClose, .xRandomness = f_random, .xSleep = f_sleep,
		.xCurrentTime = f_time, .xGetLastError = f_last_error, .xCurrentTimeInt64 = f_time64,
	};
	sqlite3_vfs_register(&faulty, 1);
}
