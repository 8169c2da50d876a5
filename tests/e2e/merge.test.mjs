// merge.test.mjs — merging a person registered twice, on a phone (360×740)
// in Arabic: the duplicates page says the search has not run and starts it;
// a pair opens its compare page; the user picks the other spelling of the
// name, confirms, reads "merged into …" on the next page, and undoes it; the
// pair is back in the list.  The compare page is also shot on a laptop.
// Run by tests/e2e/run.sh (DAAM_URL is the server); screenshots
// duplicates-ar-360.png, merge-compare-ar-360.png, merge-compare-ar-1280.png,
// merge-done-ar-360.png and merge-undone-ar-360.png go to DAAM_SHOTS.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launchBrowser, watch, shot, htmlAttrs, signIn } from './common.mjs';

let browser;

before(async () => {
	browser = await launchBrowser();
});

after(async () => {
	if (browser)
		await browser.close();
});

// The duplicates page with its pairs: the search is started when it has
// not run yet (a background job), then the page is read again until it
// lists pairs (30 s at most).
async function pairsPage(page) {
	await page.goto(BASE + '/people/duplicates');
	const start = page.locator('main form[action="/people/duplicates/refresh"] button');
	if (await page.getByText('لم يجرِ البحث عن التكرار بعد').count()) {
		assert.equal((await start.textContent()).trim(), 'ابحث عن التكرار');
		await Promise.all([page.waitForNavigation(), start.click()]);
	}
	for (let tries = 0; tries < 60; tries++) {
		await page.goto(BASE + '/people/duplicates');
		if (await page.locator('main table.cards a[href^="/people/duplicates/"]').count())
			return;
		await page.waitForTimeout(500);
	}
	assert.fail('the search for duplicates found no pair within 30 s');
}

// The first pair whose Arabic names differ: a choice to make.
async function pairWithTwoSpellings(page) {
	const hrefs = await page.locator('main table.cards a[href^="/people/duplicates/"]').evaluateAll(
		as => as.map(a => a.getAttribute('href')));
	for (const href of hrefs) {
		await page.goto(BASE + href);
		if (await page.locator('main tr.differs input[name=name_ar]').count() === 2)
			return href;
	}
	assert.fail('no suggested pair with two spellings of the name');
}

test('Arabic, on a phone: compare a pair, choose a spelling, merge, read the message, undo', async () => {
	const ctx = await browser.newContext({ locale: 'ar-SY', viewport: { width: 360, height: 740 } });
	const page = await ctx.newPage();
	const problems = watch(page);
	try {
		await signIn(page, 'admin');
		await pairsPage(page);
		assert.deepEqual(await htmlAttrs(page), { lang: 'ar', dir: 'rtl' });
		assert.match(await page.locator('main').textContent(), /آخر بحث عن التكرار:/, 'the page says when the search ran');
		assert.equal(await page.locator('main form[action="/people/duplicates/merge"]').count(), 0, 'no merge from the list');
		await shot(page, 'duplicates-ar-360.png');

		const href = await pairWithTwoSpellings(page);
		const [, a, b] = href.match(/\/people\/duplicates\/(\d+)\/(\d+)/);
		assert.equal((await page.locator('h1').textContent()).trim(), 'مقارنة سجلين');
		assert.equal(await page.locator('main form.merge input[name=pair]').inputValue(), `${a}:${b}`, 'the form names both people');
		await shot(page, 'merge-compare-ar-360.png');

		// the spelling not chosen at first is chosen now
		const value = await page.locator('main tr.differs input[name=name_ar]:not(:checked)').getAttribute('value');
		const other = page.locator(`main tr.differs input[name=name_ar][value="${value}"]`);
		const chosen = (await other.locator('xpath=..').textContent()).trim();
		await other.check();
		assert.ok(await other.isChecked());
		const [resp] = await Promise.all([
			page.waitForResponse(r => r.request().method() === 'POST' && new URL(r.url()).pathname === '/people/duplicates/merge'),
			page.locator('main form.merge button[type=submit]').click(),
		]);
		assert.equal(resp.status(), 303, 'the merge is confirmed');
		await page.waitForLoadState('load');
		const done = new URL(page.url());
		assert.equal(done.pathname, '/people/duplicates');
		assert.ok(done.searchParams.get('merged'), 'the next page is the message of this merge');
		const notice = page.locator('main [role=status]');
		assert.equal((await notice.textContent()).trim(), `دُمج السجلان في سجل ${chosen}.`);
		assert.match(await page.locator('main .undo').textContent(), /يمكنك التراجع عن هذا الدمج حتى/);
		assert.equal(await page.locator(`main a[href="/people/${a}"]`).count() + await page.locator(`main a[href="/people/${b}"]`).count(), 1,
			'a link to the kept person');
		await shot(page, 'merge-done-ar-360.png');

		// undo: both records are back, and the pair with them
		const undo = page.locator('main .undo button');
		assert.equal((await undo.textContent()).trim(), 'تراجع عن الدمج');
		await Promise.all([page.waitForNavigation(), undo.click()]);
		const back = new URL(page.url());
		assert.equal(back.searchParams.get('undone') !== null, true);
		assert.match(await page.locator('main [role=status]').textContent(), /تم التراجع عن الدمج/);
		assert.equal(await page.locator(`main a[href="/people/${a}"]`).count(), 1);
		assert.equal(await page.locator(`main a[href="/people/${b}"]`).count(), 1);
		assert.equal(await page.locator(`main table.cards a[href="${href}"]`).count(), 1, 'the pair is in the list again');
		await shot(page, 'merge-undone-ar-360.png');
		assert.deepEqual(problems, [], 'no console errors or failed loads');

		// the same compare page on a laptop, for the eye
		const wide = await browser.newContext({ locale: 'ar-SY', viewport: { width: 1280, height: 800 } });
		const lp = await wide.newPage();
		await signIn(lp, 'admin');
		await lp.goto(BASE + href);
		await shot(lp, 'merge-compare-ar-1280.png');
		await wide.close();
	} finally {
		await ctx.close();
	}
});
