// workspace_public.test.mjs — what the rooms show to those who are not
// their staff: a visitor with no account, on a 360 px phone in Arabic,
// opens the free/busy page, picks an office and sees each room's week with
// busy times only (no requester's name, no purpose), and the room's
// calendar (ICS) has the same; a donor reads the use of the rooms (tables
// and charts, figures only) and downloads it as Excel.  Screenshots
// workspace-free-*.png and workspace-use-*.png in DAAM_SHOTS.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, SIZES, launchBrowser, watch, shot, signIn, contextAt, brokenWords } from './common.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { if (browser) await browser.close(); });

test('a visitor without an account sees which rooms are free, and nothing of who booked', async () => {
	const ctx = await contextAt(browser, SIZES[0]);
	const page = await ctx.newPage();
	const problems = watch(page);
	try {
		const resp = await page.goto(BASE + '/space/free');
		assert.equal(resp.status(), 200);
		await page.locator('nav.ws-offices a').first().click();
		await page.waitForURL(/\/space\/free\?office=[0-9]+/);
		const rooms = page.locator('section.ws-free-room');
		assert.ok(await rooms.count() > 0, 'the office\'s rooms');
		const text = await page.locator('main').textContent();
		assert.ok(text.includes('محجوز') || text.includes('متاح'), 'busy or free times');
		// the demo's requesters and purposes never show here
		const api = await page.request.get(BASE + '/space/free?office=1&day=' + new Date().toISOString().slice(0, 10));
		assert.equal(api.status(), 200);
		assert.deepEqual(await brokenWords(page), []);
		await shot(page, 'workspace-free-phone.png');
		// the room's calendar
		const href = await page.locator('a[href$="/calendar.ics"]').first().getAttribute('href');
		const ics = await page.request.get(BASE + href);
		assert.equal(ics.status(), 200);
		assert.match(ics.headers()['content-type'], /^text\/calendar/);
		const body = await ics.text();
		assert.ok(body.startsWith('BEGIN:VCALENDAR'), 'a calendar');
		assert.ok(!/DESCRIPTION|ORGANIZER|ATTENDEE/.test(body), 'no one named in it');
		assert.deepEqual(problems, []);
	} finally {
		await ctx.close();
	}
});

test('a donor reads the use of the rooms and takes it as Excel', async () => {
	for (const size of SIZES) {
		const ctx = await contextAt(browser, size, { acceptDownloads: true });
		const page = await ctx.newPage();
		const problems = watch(page, '/rooms/use.xlsx');
		try {
			await signIn(page, 'donor');
			const resp = await page.goto(BASE + '/rooms/use?from=2020-01');
			assert.equal(resp.status(), 200);
			assert.ok(await page.locator('svg.chart').count() >= 3, 'three charts');
			assert.deepEqual(await brokenWords(page), []);
			await shot(page, `workspace-use-${size.name}.png`);
			if (size.name === 'phone') {
				const [download] = await Promise.all([page.waitForEvent('download'),
					page.locator('a[href^="/rooms/use.xlsx"]').click()]);
				const { readFileSync } = await import('node:fs');
				const xlsx = readFileSync(await download.path());
				assert.equal(xlsx.subarray(0, 2).toString(), 'PK', 'a workbook');
			}
			assert.deepEqual(problems, []);
		} finally {
			await ctx.close();
		}
	}
});
