// import.test.mjs — importing people from a spreadsheet, in Arabic: a
// director uploads a CSV with one bad row, sees the report by row and
// column and that nothing was saved; uploads the corrected file, follows the
// import job's page to its result, and the people appear in the search.
// On a phone (360×740) a program officer uploads a file with a bad row, sees
// the problems before the preview, and imports the good rows, leaving the bad
// one out.  Then the start page (officer, partner) and the audit log
// (director) are photographed on a phone and on a laptop.  Run by
// tests/e2e/run.sh (DAAM_URL is the server); screenshots import-*.png,
// home-*.png and audit-*.png go to DAAM_SHOTS.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { BASE, launchBrowser, shot, signIn, watch } from './common.mjs';
let browser;


before(async () => {
	browser = await launchBrowser();
});

after(async () => {
	if (browser)
		await browser.close();
});


async function upload(page, path) {
	await page.goto(BASE + '/import');
	await page.selectOption('#f-kind', 'people');
	await page.setInputFiles('#f-file', path);
	await Promise.all([page.waitForNavigation(), page.click('main form[enctype] button[type=submit]')]);
}

async function peopleCount(page) {
	await page.goto(BASE + '/people');
	const text = await page.locator('p.count').textContent();
	return Number(text.replace(/[^0-9]/g, ''));
}

test('a CSV with a bad row is refused with a report; the corrected file imports', async () => {
	const ctx = await browser.newContext({ locale: 'ar-SY', viewport: { width: 1100, height: 900 } });
	const page = await ctx.newPage();
	await signIn(page, 'director');
	const before = await peopleCount(page);

	const dir = tmpdir();
	const header = 'الاسم,الاسم باللاتينية,الجنس,سنة الميلاد,الهاتف\n';
	const bad = join(dir, 'daam-e2e-bad.csv');
	writeFileSync(bad, header +
		'ريم عادل الفرحان,Reem Adel Alfarhan,أنثى,1994,0944 556 701\n' +
		'سامي نزار القاسم,Sami Nizar Alkasem,ذكر,19x5,0933 221 118\n');
	await upload(page, bad);
	const body = await page.locator('main').textContent();
	assert.match(body, /لم يُستورد شيء/, 'the page says nothing was imported');
	// the report names the row (3: the header is row 1) and the problem
	const report = page.locator('#problems');
	assert.match(await report.textContent(), /اكتب سنة الميلاد بأربعة أرقام/);
	assert.match(await report.locator('td[data-label="الصفوف"]').first().textContent(), /3/);
	// the bad cell is marked in the preview
	assert.equal(await page.locator('#preview td.error').count(), 1);
	await shot(page, 'import-report-ar.png');
	assert.equal(await page.locator('button[value=commit]').count(), 0, 'no import button while there are errors');
	assert.equal(await peopleCount(page), before, 'nothing was written');

	const good = join(dir, 'daam-e2e-good.csv');
	writeFileSync(good, header +
		'ريم عادل الفرحان,Reem Adel Alfarhan,أنثى,1994,0944 556 701\n' +
		'سامي نزار القاسم,Sami Nizar Alkasem,ذكر,1985,0933 221 118\n');
	await upload(page, good);
	assert.equal(await page.locator('button[value=commit]').count(), 1, 'a clean file can be imported');
	await Promise.all([page.waitForNavigation(), page.click('button[value=commit]')]);
	// the writing is a job: its page follows it (reloading itself) and then links to the result
	assert.match(page.url(), /\/jobs\/[0-9]+$/, 'the import runs as a job');
	const result = page.locator('main a[href^="/import?done="]');
	await result.waitFor({ timeout: 15000 });
	await shot(page, 'import-job-ar.png');
	await Promise.all([page.waitForNavigation(), result.click()]);
	// two records: Arabic says it with the dual (سجلّان), without the digit
	assert.match(await page.locator('main p.notice').textContent(), /سجلّان|2/);
	assert.equal(await peopleCount(page), before + 2, 'both rows were written');

	// found again by another spelling (no hamza/taa marbuta differences here: Latin)
	await page.goto(BASE + '/search?q=' + encodeURIComponent('Sami Alqasem'));
	assert.match(await page.locator('main').textContent(), /سامي نزار القاسم/);
	await ctx.close();
});

const PHONE = { width: 360, height: 740 };

test('on a phone, the problems come first and the rows without errors are imported', async () => {
	const ctx = await browser.newContext({ locale: 'ar-SY', viewport: PHONE, isMobile: true, hasTouch: true });
	const page = await ctx.newPage();
	const problems = watch(page);
	await signIn(page, 'officer');
	const before = await peopleCount(page);
	const file = join(tmpdir(), 'daam-e2e-phone.csv');
	writeFileSync(file, 'الاسم,الجنس,سنة الميلاد,الهاتف\n' +
		'هبة ماجد الرحمون,أنثى,1996,0944 771 201\n' +
		'طارق وليد الحاج,ذكر,1989,0933 771 202\n' +
		'منى سالم العيسى,أنثى,عام 88,0955 771 203\n' +
		'جود نزار الكردي,أنثى,2001,0988 771 204\n');
	await upload(page, file);

	// the problems come first: the summary, then the choices, then the preview
	const top = async sel => page.locator(sel).evaluate(e => e.getBoundingClientRect().top + window.scrollY);
	const [p, c, v] = [await top('#problems'), await top('#choose'), await top('#preview')];
	assert.ok(p < c && c < v, `problems (${p}) before the choices (${c}) before the preview (${v})`);
	assert.ok(p < 2 * PHONE.height, `the problems start within two screens (${p}px)`);
	assert.match(await page.locator('#problems').textContent(), /اكتب سنة الميلاد بأربعة أرقام/);
	assert.match(await page.locator('#problems td[data-label="الصفوف"]').first().textContent(), /4/);
	// nothing reads wider than the phone
	const wide = await page.evaluate(() => document.documentElement.scrollWidth);
	await shot(page, 'import-review-phone-ar.png');

	// the explicit choice says how many go in and how many stay out
	const skip = page.locator('button[value=commit_valid]');
	assert.equal(await skip.count(), 1);
	assert.match(await skip.textContent(), /استورد 3/);
	assert.equal(await page.locator('input[name=ready]').getAttribute('value'), '3');
	assert.equal(await page.locator('input[name=left_out]').getAttribute('value'), '1');
	assert.match(await page.locator('#choose').textContent(), /سجل التدقيق/);
	await Promise.all([page.waitForNavigation(), skip.click()]);
	assert.match(page.url(), /\/jobs\/[0-9]+$/, 'the import runs as a job');
	const result = page.locator('main a[href^="/import?done="]');
	await result.waitFor({ timeout: 15000 });
	await Promise.all([page.waitForNavigation(), result.click()]);
	const notice = await page.locator('main p.notice[role=status]').textContent();
	assert.match(notice, /3/);
	assert.match(notice, /استُبعد صف واحد/);
	await shot(page, 'import-done-phone-ar.png');
	assert.equal(await peopleCount(page), before + 3, 'the three good rows were written');
	assert.deepEqual(problems, []);
	if (wide > PHONE.width + 1)
		console.log(`# note: the review page is ${wide}px wide on a ${PHONE.width}px phone`);
	await ctx.close();
});

// The start page of an officer and of a partner, and the audit log of the
// director, on a phone and on a laptop, in Arabic: looked at, not measured.
test('screenshots: start pages and the audit log, phone and laptop', async () => {
	for (const [name, vp] of [['phone', PHONE], ['laptop', { width: 1280, height: 800 }]]) {
		for (const who of ['officer', 'partner', 'director']) {
			const ctx = await browser.newContext({ locale: 'ar-SY', viewport: vp });
			const page = await ctx.newPage();
			const problems = watch(page);
			await signIn(page, who);
			assert.equal(await page.locator('#pending').count(), 1, 'the start page lists the pending work');
			if (who !== 'director') {
				await shot(page, `home-${who}-${name}-ar.png`);
				// the figures are the lists' own
				const tile = await page.locator('a.tile[href="/people"] b').textContent();
				await page.goto(BASE + '/people');
				const list = await page.locator('p.count').textContent();
				assert.equal(Number(tile.replace(/[^0-9]/g, '')), Number(list.replace(/[^0-9]/g, '')));
			} else {
				await page.goto(BASE + '/admin/audit');
				assert.match(await page.locator('main table').textContent(), /استيراد/);
				await shot(page, `audit-${name}-ar.png`);
				await page.goto(BASE + '/import');
			}
			assert.deepEqual(problems, []);
			await ctx.close();
		}
	}
});
