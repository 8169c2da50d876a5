#!/usr/bin/env python3
"""crash.py — kills daam with SIGKILL in the middle of a write load and checks
that nothing it acknowledged is lost and the database is intact.

Called by tests/crash/run.sh (which creates the demo database).  Each round:
start `daam serve` on the same database, sign in as admin, let several
writers POST /admin/offices as fast as they can (a 303 to /admin/offices/ID
is an acknowledged write), SIGKILL the server after a random 0.2-1.5 s, then
check a copy of the files left on disk (database + WAL, as after a power
cut): PRAGMA integrity_check must say ok and every acknowledged id must be
there with its code.  The real files are left for the next round's server to
recover itself; after the last round the real database is checked again for
every write acknowledged in any round.  One more check: an encrypted `daam
backup` taken under write load, restored by `daam restore` into a fresh
database, is intact and holds everything acknowledged before it started.

Usage: crash.py DAAM_BIN DB WORKDIR ROUNDS
Prints one line per round and ends with "crash: N passed, N failed"."""

import http.client
import os
import random
import re
import select
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.parse

PASSWORD = 'daam-demo-2026'
WRITERS = 4
HIDDEN_CSRF = re.compile(r'<input type="hidden" name="csrf" value="([^"]+)"')
OFFICE_LOC = re.compile(r'^/admin/offices/([0-9]+)$')


def sqlite(db, sql):
    """Runs sql with the sqlite3 command-line shell; returns its stdout."""
    p = subprocess.run(['sqlite3', db, sql], capture_output=True, text=True, timeout=60)
    if p.returncode != 0:
        raise RuntimeError('sqlite3 %s: %s' % (db, p.stderr.strip()))
    return p.stdout


def offices(db):
    """id -> code of every office in db."""
    out = sqlite(db, 'SELECT id, code FROM offices')
    rows = {}
    for line in out.splitlines():
        i, _, code = line.partition('|')
        rows[int(i)] = code
    return rows


class Server:
    """One `daam serve` process on 127.0.0.1 with an OS-chosen port."""

    def __init__(self, daam, db, errlog):
        self.err = open(errlog, 'ab')
        self.p = subprocess.Popen([daam, 'serve', '--db', db, '--listen', '127.0.0.1:0', '--quiet'],
                                  stdout=subprocess.PIPE, stderr=self.err)
        self.port = None
        deadline = time.monotonic() + 15
        buf = b''
        while time.monotonic() < deadline and self.port is None:
            r, _, _ = select.select([self.p.stdout], [], [], 0.2)
            if r:
                chunk = os.read(self.p.stdout.fileno(), 4096)
                if not chunk:
                    break
                buf += chunk
                m = re.search(rb'listening on http://127\.0\.0\.1:([0-9]+)/', buf)
                if m:
                    self.port = int(m.group(1))
            elif self.p.poll() is not None:
                break
        if self.port is None:
            self.kill()
            raise RuntimeError('server did not start (exit %s)' % self.p.poll())

    def kill(self):
        if self.p.poll() is None:
            self.p.send_signal(signal.SIGKILL)
        self.p.wait()
        self.p.stdout.close()
        self.err.close()

    def term(self):
        """SIGTERM and wait; returns the exit code (None if it hung)."""
        self.p.send_signal(signal.SIGTERM)
        try:
            rc = self.p.wait(timeout=15)
        except subprocess.TimeoutExpired:
            rc = None
        self.kill()
        return rc


def cookies_of(resp, jar):
    for k, v in resp.getheaders():
        if k.lower() == 'set-cookie':
            name, _, rest = v.partition('=')
            jar[name.strip()] = rest.split(';', 1)[0]


def cookie_header(jar):
    return '; '.join('%s=%s' % kv for kv in jar.items())


def sign_in(port):
    """Signs in as admin; returns (cookie header, session csrf token)."""
    c = http.client.HTTPConnection('127.0.0.1', port, timeout=10)
    jar = {}
    c.request('GET', '/login')
    r = c.getresponse()
    body = r.read().decode()
    cookies_of(r, jar)
    if r.status != 200 or 'csrf' not in jar:
        raise RuntimeError('GET /login: %d, cookies %s' % (r.status, sorted(jar)))
    form = urllib.parse.urlencode({'csrf': jar['csrf'], 'name': 'admin', 'password': PASSWORD, 'next': '/'})
    c.request('POST', '/login', body=form, headers={
        'Content-Type': 'application/x-www-form-urlencoded', 'Cookie': cookie_header(jar)})
    r = c.getresponse()
    r.read()
    cookies_of(r, jar)
    if r.status != 303 or 'sid' not in jar:
        raise RuntimeError('POST /login: %d' % r.status)
    c.request('GET', '/', headers={'Cookie': cookie_header(jar)})
    r = c.getresponse()
    body = r.read().decode()
    m = HIDDEN_CSRF.search(body)
    if r.status != 200 or not m:
        raise RuntimeError('GET / after sign-in: %d, csrf field %s' % (r.status, bool(m)))
    c.close()
    return cookie_header(jar), m.group(1)


class Load:
    """WRITERS threads adding offices until stopped or the server is gone."""

    def __init__(self, port, cookie, csrf, prefix):
        self.port, self.cookie, self.csrf, self.prefix = port, cookie, csrf, prefix
        self.lock = threading.Lock()
        self.n = 0
        self.sent = set()    # every code put on the wire
        self.acked = {}      # id -> code, answered 303 /admin/offices/ID
        self.refused = []    # (status, code) answered anything else while up
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=self.writer, daemon=True) for _ in range(WRITERS)]
        for t in self.threads:
            t.start()

    def next_code(self):
        with self.lock:
            self.n += 1
            code = '%sx%d' % (self.prefix, self.n)
            self.sent.add(code)
            return code

    def writer(self):
        conn = None
        while not self.stop.is_set():
            code = self.next_code()
            form = urllib.parse.urlencode({'csrf': self.csrf, 'code': code,
                                           'name_ar': 'مكتب ' + code, 'name_en': 'Office ' + code})
            try:
                if conn is None:
                    conn = http.client.HTTPConnection('127.0.0.1', self.port, timeout=10)
                conn.request('POST', '/admin/offices', body=form, headers={
                    'Content-Type': 'application/x-www-form-urlencoded', 'Cookie': self.cookie})
                r = conn.getresponse()
                r.read()
                loc = r.getheader('Location') or ''
                m = OFFICE_LOC.match(loc)
                with self.lock:
                    if r.status == 303 and m:
                        self.acked[int(m.group(1))] = code
                    else:
                        self.refused.append((r.status, code))
                if r.getheader('Connection', '').lower() == 'close':
                    conn.close()
                    conn = None
            except (OSError, http.client.HTTPException):
                # the server is gone (killed) or dropped us: reconnect or end
                if conn is not None:
                    conn.close()
                    conn = None
                if self.stop.wait(0.01):
                    break
        if conn is not None:
            conn.close()

    def snapshot(self):
        with self.lock:
            return dict(self.acked)

    def finish(self):
        self.stop.set()
        for t in self.threads:
            t.join(15)


def copy_files(db, dest):
    """Copies the database and its WAL (not the shared-memory index, which a
    reboot would lose) to dest; returns dest."""
    for suffix in ('', '-wal'):
        if os.path.exists(db + suffix):
            shutil.copyfile(db + suffix, dest + suffix)
        elif os.path.exists(dest + suffix):
            os.unlink(dest + suffix)
    if os.path.exists(dest + '-shm'):
        os.unlink(dest + '-shm')
    return dest


def check_db(db, acked, prefixes):
    """Problems found in db: integrity, lost or changed acknowledged writes,
    rows that were never sent."""
    problems = []
    ic = sqlite(db, 'PRAGMA integrity_check').strip()
    if ic != 'ok':
        problems.append('integrity_check: ' + ic[:300])
        return problems
    rows = offices(db)
    lost = [i for i in acked if i not in rows]
    changed = [i for i in acked if i in rows and rows[i] != acked[i]]
    if lost:
        problems.append('%d acknowledged offices lost, e.g. id %d code %s' % (len(lost), lost[0], acked[lost[0]]))
    if changed:
        i = changed[0]
        problems.append('%d acknowledged ids hold another code, e.g. id %d: %s, acknowledged as %s'
                        % (len(changed), i, rows[i], acked[i]))
    codes = list(rows.values())
    if len(codes) != len(set(codes)):
        problems.append('duplicate office codes')
    for p, sent in prefixes:
        ghosts = [c for c in codes if c.startswith(p + 'x') and c not in sent]
        if ghosts:
            problems.append('offices never sent: %s' % ghosts[:3])
    return problems


def crash_round(daam, db, work, rnd, all_acked, all_sent):
    prefix = 'c%d' % rnd
    srv = Server(daam, db, os.path.join(work, 'serve.err'))
    load = None
    try:
        cookie, csrf = sign_in(srv.port)
        load = Load(srv.port, cookie, csrf, prefix)
        delay = random.uniform(0.2, 1.5)
        time.sleep(delay)
        srv.kill()
    finally:
        if load:
            load.finish()
        srv.kill()
    acked = load.snapshot()
    all_acked.update(acked)
    all_sent.append((prefix, load.sent))
    check = copy_files(db, os.path.join(work, 'check.db'))
    problems = check_db(check, acked, [(prefix, load.sent)])
    if not acked:
        problems.append('no write was acknowledged')
    bad_status = sorted({s for s, _ in load.refused})
    info = '%d acknowledged, %d sent, killed after %.2f s' % (len(acked), len(load.sent), delay)
    if bad_status:
        info += ', other answers: %s' % bad_status
        problems.append('writes answered %s instead of 303' % bad_status)
    return problems, info


PASSPHRASE = 'crash test olive grove 2026'


def backup_check(daam, db, work, all_acked):
    """daam backup (encrypted, the default) under write load, then daam
    restore into a fresh db: what was acknowledged before it is there."""
    srv = Server(daam, db, os.path.join(work, 'serve.err'))
    problems = []
    load = None
    try:
        cookie, csrf = sign_in(srv.port)
        load = Load(srv.port, cookie, csrf, 'bk')
        time.sleep(0.3)
        before = load.snapshot()
        backup = os.path.join(work, 'backup.daam')
        p = subprocess.run([daam, 'backup', backup, '--passphrase-stdin', '--db', db], input=PASSPHRASE + '\n',
                           capture_output=True, text=True, timeout=120)
        time.sleep(0.2)
        during = load.snapshot()
        load.finish()
        rc = srv.term()
        if rc != 0:
            problems.append('server exited with %s on SIGTERM' % rc)
    finally:
        if load:
            load.finish()
        srv.kill()
    if p.returncode != 0:
        return ['daam backup exited %d: %s' % (p.returncode, p.stderr.strip())], ''
    if len(during) <= len(before):
        problems.append('no write was acknowledged while the backup ran')
    for suffix in ('-wal', '-journal', '.partial'):
        if os.path.exists(backup + suffix):
            problems.append('backup left %s beside it' % (backup + suffix))
    # the plaintext snapshot beside the database is gone
    left = [f for f in os.listdir(os.path.dirname(db)) if '.backup-' in f or '.restore-' in f]
    if left:
        problems.append('temporary files left beside the database: %s' % left)
    with open(backup, 'rb') as f:
        if f.read(8) != b'DAAMBKUP':
            problems.append('the backup is not an encrypted daam backup')
    fresh = os.path.join(work, 'restored.db')
    p = subprocess.run([daam, 'restore', backup, '--passphrase-stdin', '--db', fresh], input=PASSPHRASE + '\n',
                       capture_output=True, text=True, timeout=120)
    if p.returncode != 0:
        return problems + ['daam restore exited %d: %s' % (p.returncode, p.stderr.strip())], ''
    problems += ['restored: ' + x for x in check_db(fresh, before, [])]
    f = offices(fresh)
    if not problems:
        # every round's acknowledged writes survived into the backup too
        lost = [i for i in all_acked if f.get(i) != all_acked[i]]
        if lost:
            problems.append('%d writes acknowledged in the crash rounds missing from the backup' % len(lost))
    info = '%d acknowledged before the backup, %d by its end, %d offices restored from it' % (
        len(before), len(during), len(f))
    return problems, info


def main():
    daam, db, work, rounds = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    passed = failed = 0
    all_acked, all_sent = {}, []
    start = time.monotonic()
    for rnd in range(1, rounds + 1):
        try:
            problems, info = crash_round(daam, db, work, rnd, all_acked, all_sent)
        except Exception as e:  # a round that cannot even run is a failure
            problems, info = ['%s: %s' % (type(e).__name__, e)], ''
        if problems:
            failed += 1
            print('round %d: FAIL %s — %s' % (rnd, info, '; '.join(problems)), flush=True)
        else:
            passed += 1
            print('round %d: ok   %s' % (rnd, info), flush=True)

    # the server recovered the real files itself each round; check them now
    try:
        problems = check_db(db, all_acked, all_sent)
    except Exception as e:
        problems = ['%s: %s' % (type(e).__name__, e)]
    if problems:
        failed += 1
        print('after all rounds: FAIL %s' % '; '.join(problems), flush=True)
    else:
        passed += 1
        print('after all rounds: ok   %d acknowledged writes all in %s' % (len(all_acked), os.path.basename(db)), flush=True)

    try:
        problems, info = backup_check(daam, db, work, all_acked)
    except Exception as e:
        problems, info = ['%s: %s' % (type(e).__name__, e)], ''
    if problems:
        failed += 1
        print('backup under load: FAIL %s — %s' % (info, '; '.join(problems)), flush=True)
    else:
        passed += 1
        print('backup under load: ok   %s; restored intact' % info, flush=True)

    print('(%.1f s)' % (time.monotonic() - start))
    print('crash: %d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
