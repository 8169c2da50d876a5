// activities.test.mjs — a training run from a phone (360×740, Arabic): the
// Raqqa officer adds a training with two sessions, registers three new
// people with the picker, marks one present, then the network is cut (the
// browser's offline mode) and two more are marked; the first sending of
// one of them reaches the server but its answer is lost (the request is
// let through, then failed), so the page sends it again.  Back online the
// queue empties and the server has each mark exactly once (the session's
// count, each person's row, the API).  With the second session marked,
// each participant's certificate downloads as a PDF.  A donor sees the
// people reached and no name.  Screenshots activities-*.png in DAAM_SHOTS.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, SIZES, launchBrowser, watch, shot, signIn, contextAt, submit } from './common.mjs';

const LETTERS = 'ابتثجحخدذرزسشصضطظعغفقكلمنهوي';
const stamp = [...Date.now().toString(28)].map(c => LETTERS[parseInt(c, 28)]).join('');
const PEOPLE = ['سلمى', 'ياسر', 'دلال'].map((n, i) => `${n} ${LETTERS[i + 3]}${stamp} ${stamp}${LETTERS[i + 7]}`);
const TITLE = 'دورة التجربة ' + stamp;
let browser, activity = 0, sessions = [];

before(async () => {
	browser = await launchBrowser();
});

after(async () => {
	if (browser)
		await browser.close();
});

const today = (days = 0) => new Date(Date.now() + days * 86400000).toISOString().slice(0, 10);

// Registers a new person named name with the picker on the activity's page.
async function register(page, name) {
	await page.goto(BASE + `/activities/${activity}#register`);
	await page.locator('#q-person').fill(name);
	await page.locator('button[form=pick-person]').click();
	await page.locator('#f-person label.pick-new').waitFor();
	await page.locator('#f-person label.pick-new input').check();
	const form = page.locator(`main form[action="/activities/${activity}/people"]`);
	let resp = await submit(page, form);
	if (resp.status() === 409) {
		// names like it exist: "None of these", then again
		await page.locator('label.pick-confirm input').check();
		resp = await submit(page, page.locator(`main form[action="/activities/${activity}/people"]`));
	}
	assert.equal(resp.status(), 303, 'registered');
}

async function presentCount(page) {
	const t = await page.locator('#attend-count').textContent();
	return Number((t.match(/[0-9٠-٩]+/) || ['-1'])[0].replace(/[٠-٩]/g, d => '٠١٢٣٤٥٦٧٨٩'.indexOf(d)));
}

test('a training is run from a phone, offline marks arrive once, certificates download', async () => {
	const ctx = await contextAt(browser, SIZES[0], { acceptDownloads: true });
	const page = await ctx.newPage();
	// (marks sent offline, and the answer lost on purpose, fail as requests)
	const problems = watch(page, '/activities/');
	try {
		await signIn(page, 'officer');
		await page.goto(BASE + '/activities/new');
		const form = page.locator('main form[action="/activities"]');
		await form.locator('#f-title').fill(TITLE);
		await form.locator('#f-day').fill(today(0));
		await form.locator('#f-start').fill('10:00');
		await form.locator('#f-end').fill('12:00');
		assert.equal((await submit(page, form)).status(), 303);
		activity = Number(new URL(page.url()).pathname.split('/').pop());
		assert.ok(activity > 0);
		await page.locator('#sessions details summary').click();
		const add = page.locator(`main form[action="/activities/${activity}/sessions"]`);
		await add.locator('#f-day').fill(today(1));
		await add.locator('#f-start').fill('10:00');
		assert.equal((await submit(page, add)).status(), 303);
		sessions = await page.locator('#sessions a[href^="/sessions/"]').evaluateAll(as => as.map(a => a.getAttribute('href')));
		assert.equal(sessions.length, 2, 'two sessions');

		for (const name of PEOPLE)
			await register(page, name);
		await page.goto(BASE + `/activities/${activity}`);
		for (const name of PEOPLE)
			assert.ok(await page.locator('#people td', { hasText: name }).count() >= 1, name + ' registered');
		await shot(page, 'activities-page-phone.png');

		// the first session: one mark online
		await page.goto(BASE + sessions[0]);
		const row = name => page.locator('ul.attend li', { hasText: name });
		await row(PEOPLE[0]).locator('button').click();
		await page.waitForFunction(() => document.getElementById('attend-count').textContent.match(/1/));
		assert.equal(await presentCount(page), 1);

		// offline: two more marks wait in the queue
		await ctx.setOffline(true);
		await row(PEOPLE[1]).locator('button').click();
		await row(PEOPLE[2]).locator('button').click();
		assert.equal(await row(PEOPLE[2]).getAttribute('class'), 'here', 'shown present at once');
		await page.locator('#attend-queue').waitFor({ state: 'visible' });
		assert.match(await page.locator('#attend-queue').textContent(), /2/);
		await shot(page, 'activities-offline-phone.png');

		// the first sending of the last mark reaches the server but its answer is lost
		let lost = 0;
		const third = await row(PEOPLE[2]).locator('input[name=person]').getAttribute('value');
		await page.route('**/attendance', async route => {
			const body = route.request().postData() || '';
			if (!lost && body.includes('person=' + third)) {
				lost++;
				await route.fetch();   // the server has it…
				await route.abort();   // …the phone never hears back
				return;
			}
			await route.continue();
		});
		await ctx.setOffline(false);
		await page.evaluate(() => dispatchEvent(new Event('online')));
		await page.waitForFunction(() => !localStorage.getItem('daam.marks.' + document.getElementById('attend').dataset.session)
			|| localStorage.getItem('daam.marks.' + document.getElementById('attend').dataset.session) === '[]', null, { timeout: 20000 });
		assert.equal(lost, 1, 'one answer was lost and the mark sent again');
		await page.unroute('**/attendance');
		await page.reload();
		assert.equal(await presentCount(page), 3, 'three marks, none doubled');
		for (const name of PEOPLE)
			assert.equal(await row(name).getAttribute('class'), 'here', name + ' present');
		await shot(page, 'activities-attendance-phone.png');

		// the second session, then the certificates
		await page.goto(BASE + sessions[1]);
		for (const name of PEOPLE) {
			await row(name).locator('button').click();
			await page.waitForFunction(n => document.getElementById('attend-queue').hidden
				|| !document.getElementById('attend-queue').textContent.match(/[1-9]/), null);
		}
		await page.waitForFunction(() => (localStorage.getItem('daam.marks.' + document.getElementById('attend').dataset.session) || '[]') === '[]');
		await page.reload();
		assert.equal(await presentCount(page), 3);

		await page.goto(BASE + `/activities/${activity}`);
		const link = page.locator('#people a[href$="/certificate.pdf"]').first();
		const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
		const path = await download.path();
		const { readFileSync } = await import('node:fs');
		const pdf = readFileSync(path);
		assert.equal(pdf.subarray(0, 5).toString(), '%PDF-', 'a PDF');
		assert.ok(pdf.length > 5000, 'with its fonts and QR code');
		assert.deepEqual(problems.filter(p => !/\/sessions\/[0-9]+\/attendance$/.test(p)), []);
	} finally {
		await ctx.close();
	}
});

test('the mark counts are the server\'s: each person once per session', async () => {
	assert.ok(activity > 0, 'the first test ran');
	const ctx = await contextAt(browser, SIZES[1]);
	const page = await ctx.newPage();
	try {
		await signIn(page, 'officer');
		await page.goto(BASE + `/activities/${activity}`);
		const cells = await page.locator('#sessions tbody tr').evaluateAll(rows => rows.map(r => r.children[2].textContent.trim()));
		assert.deepEqual(cells.map(c => c.replace(/[٠-٩]/g, d => '٠١٢٣٤٥٦٧٨٩'.indexOf(d))), ['3', '3']);
		await shot(page, 'activities-page-laptop.png');
		await page.goto(BASE + '/reach');
		await shot(page, 'activities-reach-laptop.png');
	} finally {
		await ctx.close();
	}
});

test('a typed paper sheet is reviewed on a phone before anyone is marked', async () => {
	assert.ok(sessions.length === 2, 'the first test ran');
	const ctx = await contextAt(browser, SIZES[0]);
	const page = await ctx.newPage();
	const problems = watch(page);
	try {
		await signIn(page, 'officer');
		await page.goto(BASE + sessions[0]);
		await page.locator('details.inline-edit summary', { hasText: 'كشف' }).click();
		const sheet = `الاسم,الحضور\r\n${PEOPLE[0]},حاضر\r\nاسم لا يعرفه أحد ${stamp},حاضر\r\n${PEOPLE[1]},غائب\r\n`;
		await page.locator('input[type=file][name=file]').setInputFiles({ name: 'كشف.csv', mimeType: 'text/csv',
			buffer: Buffer.from(sheet) });
		await Promise.all([page.waitForURL(/\/sessions\/[0-9]+\/sheets\/[0-9]+$/),
			page.locator('form[action$="/import"] button[type=submit]').click()]);
		const text = await page.locator('main').textContent();
		assert.ok(text.includes('لم يُسجَّل حضور أحد بعد'), 'nothing marked by the upload');
		assert.ok(text.includes('حاضر من قبل'), 'the one present already');
		assert.ok(await page.locator('a[href$="/problems.csv"]').count() === 1, 'the rows with problems to download');
		await shot(page, 'activities-sheet-review-phone.png');
		await Promise.all([page.waitForURL(new RegExp(sessions[0] + '$')),
			page.locator('form[action$="/discard"] button').click()]);
		assert.deepEqual(problems, []);
	} finally {
		await ctx.close();
	}
});

test('a donor sees the people reached and nothing personal', async () => {
	const ctx = await contextAt(browser, SIZES[0]);
	const page = await ctx.newPage();
	const problems = watch(page);
	try {
		await signIn(page, 'donor');
		const resp = await page.goto(BASE + '/reach');
		assert.equal(resp.status(), 200);
		const text = await page.locator('main').textContent();
		for (const name of PEOPLE)
			assert.ok(!text.includes(name), 'no name on the report');
		assert.ok(await page.locator('svg.chart').count() >= 5, 'the charts');
		await shot(page, 'activities-reach-donor-phone.png');
		assert.equal((await page.goto(BASE + `/activities/${activity}`)).status(), 403, 'no activity page');
		assert.deepEqual(problems, []);
	} finally {
		await ctx.close();
	}
});
