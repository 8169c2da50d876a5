// import.test.mjs — importing people from a spreadsheet, in Arabic: a
// program officer uploads a CSV with one bad row, sees the report by row and
// column and that nothing was saved; uploads the corrected file, follows the
// import job's page to its result, and the people appear in the search.  Run by tests/e2e/run.sh (DAAM_URL is the
// server); screenshots import-report-ar.png and import-job-ar.png go to DAAM_SHOTS.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { BASE, launchBrowser, shot, signIn } from './common.mjs';
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
	const report = page.locator('main table').last();
	assert.match(await report.textContent(), /اكتب سنة الميلاد بأربعة أرقام/);
	assert.match(await report.textContent(), /3/);
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
	assert.match(await page.locator('main p.notice').textContent(), /2/);
	assert.equal(await peopleCount(page), before + 2, 'both rows were written');

	// found again by another spelling (no hamza/taa marbuta differences here: Latin)
	await page.goto(BASE + '/search?q=' + encodeURIComponent('Sami Alqasem'));
	assert.match(await page.locator('main').textContent(), /سامي نزار القاسم/);
	await ctx.close();
});
