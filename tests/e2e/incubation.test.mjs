// incubation.test.mjs — a facilitator's day on a 360×740 phone, in Arabic:
// the Raqqa program officer creates a cohort, adds two organizations found
// by name as candidates, scores their need, accepts and enrolls them, fills
// the first one's baseline dimension by dimension (self-score, facilitator's
// score, agreed score, evidence), finalizes it, makes its plan and sees the
// radar chart of the results (one polygon, the ten dimensions named in
// Arabic).  No page is wider than the phone.  Screenshots incub-*.png go to
// DAAM_SHOTS.  Run by tests/e2e/run.sh.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, SIZES, launchBrowser, watch, shot, signIn, contextAt, submit } from './common.mjs';

let browser;

before(async () => {
	browser = await launchBrowser();
});

after(async () => {
	if (browser)
		await browser.close();
});

async function fitsPhone(page, what) {
	const w = await page.evaluate(() => document.documentElement.scrollWidth);
	assert.ok(w <= 361, `${what}: ${w} px wide on a 360 px phone`);
}

// Adds the n-th organization the picker lists for the words as a candidate;
// returns the candidate page's path.
async function addCandidate(page, cohortPath, words, n) {
	await page.goto(BASE + cohortPath);
	await page.locator('#q-org').fill(words);
	await page.locator('button[form=pick-org]').click();
	const picks = page.locator('#f-org label.pick');
	await picks.nth(n).waitFor();
	await picks.nth(n).click();
	const form = page.locator(`main form[action="${cohortPath}/candidates"]`);
	assert.equal((await submit(page, form)).status(), 303);
	assert.match(new URL(page.url()).pathname, /^\/candidates\/\d+$/);
	return new URL(page.url()).pathname;
}

test('a cohort is made, two organizations enrolled, a baseline filled on a phone, the plan made, the radar seen', async () => {
	const ctx = await contextAt(browser, SIZES[0]);
	const page = await ctx.newPage();
	const problems = watch(page);
	try {
		await signIn(page, 'officer');
		await page.goto(BASE + '/cohorts/new');
		const form = page.locator('main form[action="/cohorts"]');
		await form.locator('#f-name').fill('دورة تجربة الهاتف');
		await form.locator('#f-start').fill('2026-11-01');
		await shot(page, 'incub-cohort-new-phone.png');
		assert.equal((await submit(page, form)).status(), 303);
		const cohortPath = new URL(page.url()).pathname;
		assert.match(cohortPath, /^\/cohorts\/\d+$/);
		await fitsPhone(page, 'the cohort page');

		const candidates = [];
		for (let n = 0; n < 2; n++)
			candidates.push(await addCandidate(page, cohortPath, 'منظمة', n));
		const orgs = [];
		for (const c of candidates) {
			await page.goto(BASE + c);
			const scores = page.locator(`main form[action="${c}/scores"]`);
			const selects = scores.locator('select[name=score]');
			for (let i = 0; i < await selects.count(); i++)
				await selects.nth(i).selectOption(String(5 - (i % 3)));
			assert.equal((await submit(page, scores)).status(), 303);
			const decision = page.locator(`main form[action="${c}/decision"]`);
			await decision.locator('input[name=decision][value=accepted]').check();
			await decision.locator('#f-reason').fill('احتياج كبير في منطقة تضررت من الحرب.');
			assert.equal((await submit(page, decision)).status(), 303);
			const [enrolled] = await Promise.all([
				page.waitForResponse(r => r.request().method() === 'POST'),
				page.locator(`main form[action="${c}/enroll"] button`).click(),
			]);
			await page.waitForLoadState('load');
			assert.equal(enrolled.status(), 303);
			const orgHref = await page.locator('main dl.facts a[href^="/orgs/"]').first().getAttribute('href');
			orgs.push(orgHref);
		}
		await page.goto(BASE + cohortPath);
		assert.equal(await page.locator('#enrolled tbody tr').count(), 2, 'two organizations enrolled');
		await shot(page, 'incub-cohort-phone.png');

		// the baseline of the first, on the phone
		await page.goto(BASE + orgs[0] + '#incubation');
		const start = page.locator(`#incubation form[action="${orgs[0]}/assessments"]`);
		await start.locator('select[name=kind]').selectOption('baseline');
		assert.equal((await submit(page, start)).status(), 303);
		const assessPath = new URL(page.url()).pathname;
		assert.match(assessPath, /^\/assessments\/\d+$/);
		for (let d = 0; d < 10; d++) {
			const dimForm = page.locator(`#form form[action="${assessPath}/scores"]`);
			const inds = dimForm.locator('.indicator');
			const count = await inds.count();
			assert.ok(count >= 3, 'at least three indicators a dimension');
			for (let i = 0; i < count; i++) {
				const ind = inds.nth(i);
				const v = String(1 + ((d + i) % 4));
				await ind.locator('select[name=self]').selectOption(String(Math.min(4, Number(v) + 1)));
				await ind.locator('select[name=fac]').selectOption(v);
				await ind.locator('select[name=agreed]').selectOption(v);
				await ind.locator('textarea[name=evidence]').fill('اطّلعنا على الوثائق في الزيارة.');
			}
			if (d === 0) {
				await fitsPhone(page, 'the assessment form');
				await shot(page, 'incub-assessment-phone.png');
			}
			assert.equal((await submit(page, dimForm)).status(), 303);
		}
		const confirm = page.locator('details.confirm');
		await confirm.locator('summary').click();
		const [finalized] = await Promise.all([
			page.waitForResponse(r => r.request().method() === 'POST'),
			confirm.locator('form button').click(),
		]);
		await page.waitForLoadState('load');
		assert.equal(finalized.status(), 303);
		assert.ok(await page.locator('.readonly-note').count() > 0, 'the final assessment is read-only');
		assert.equal(await page.locator(`form[action="${assessPath}/scores"]`).count(), 0, 'no score form once final');

		// the plan
		const plan = page.locator(`main form[action="${assessPath}/plan"]`);
		await plan.locator('select[name=threshold]').selectOption('3');
		assert.equal((await submit(page, plan)).status(), 303);
		assert.match(new URL(page.url()).pathname, /^\/plans\/\d+$/);
		assert.ok(await page.locator('main table tbody tr').count() > 0, 'the plan has actions');
		await fitsPhone(page, 'the plan');
		await shot(page, 'incub-plan-phone.png');

		// the results and the radar
		await page.goto(BASE + orgs[0] + '/results');
		const radar = page.locator('svg.radar');
		await radar.waitFor();
		assert.equal(await radar.locator('polygon.series').count(), 1, 'one polygon: the baseline');
		const labels = await radar.locator('text.axis').allTextContents();
		assert.equal(labels.length, 10);
		assert.ok(labels.includes('الحوكمة') && labels.includes('التطوع'), 'axes named in Arabic: ' + labels.join(' '));
		await fitsPhone(page, 'the results');
		await shot(page, 'incub-results-phone.png');
		assert.deepEqual(problems, []);
	} finally {
		await ctx.close();
	}
});

test('the cohort results and the gaps across organizations read on a laptop', async () => {
	const ctx = await contextAt(browser, SIZES[1]);
	const page = await ctx.newPage();
	const problems = watch(page);
	try {
		await signIn(page, 'director');
		await page.goto(BASE + '/cohorts/1/results');
		assert.ok(await page.locator('svg.radar polygon.series').count() >= 1);
		await shot(page, 'incub-cohort-results-laptop.png');
		await page.goto(BASE + '/incubation/gaps');
		assert.ok(await page.locator('main table').count() >= 3);
		await shot(page, 'incub-gaps-laptop.png');
		assert.deepEqual(problems, []);
	} finally {
		await ctx.close();
	}
});
