// picker.test.mjs — adding a member with the picker, in Arabic on a
// 360×740 phone: two people of one name are registered (born 1993 and
// 1971); on an organization's page the name is typed another way (ه for ة,
// the compound written together, no tashkeel), Find lists both with their
// birth years and phone endings, the right one is chosen and added, and the
// message names them with a link.  Then without JavaScript: Find is a page
// of its own, a new person of that name is asked about first (409, the two
// listed) and made once "None of these" is ticked.  Screenshots
// picker-*.png go to DAAM_SHOTS.  Run by tests/e2e/run.sh.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, SIZES, launchBrowser, watch, shot, signIn, contextAt, tapTargetProblems, submit } from './common.mjs';

// a family name of its own for this run, in Arabic letters
const LETTERS = 'ابتثجحخدذرزسشصضطظعغفقكلمنهوي';
const FAMILY = [...Date.now().toString(28)].map(c => LETTERS[parseInt(c, 28)]).join('');
const NAME = 'هِبَة عبد الرَّزّاق ' + FAMILY;
const TYPED = 'هبه عبدالرزاق ' + FAMILY;
const ORG = 2;
let browser, right = 0, other = 0;

before(async () => {
	browser = await launchBrowser();
});

after(async () => {
	if (browser)
		await browser.close();
});


// Registers a person through the new-person form; returns their number.
async function register(page, year, phone) {
	await page.goto(BASE + '/people/new');
	const form = page.locator('main form[action="/people"]');
	await form.locator('#f-name_ar').fill(NAME);
	await form.locator('#f-birth_year').fill(String(year));
	await form.locator('#f-phone').fill(phone);
	assert.equal((await submit(page, form)).status(), 303);
	return Number(new URL(page.url()).pathname.split('/').pop());
}

test('a member is found by another spelling, told apart by birth year and phone, chosen and added', async () => {
	const ctx = await contextAt(browser, SIZES[0]);
	const page = await ctx.newPage();
	const problems = watch(page);
	try {
		await signIn(page);
		right = await register(page, 1993, '0944 111 273');
		other = await register(page, 1971, '0933 222 318');
		assert.ok(right > 0 && other > right);

		await page.goto(BASE + `/orgs/${ORG}`);
		await page.locator('#q-person').fill(TYPED);
		await page.locator('button[form=pick-person]').click();
		const picks = page.locator('#f-person label.pick', { hasText: NAME });
		await picks.first().waitFor();
		assert.equal(new URL(page.url()).search, '', 'with the script the page stayed (the list came in)');
		assert.equal(await picks.count(), 2, 'both people of the name');
		const mine = page.locator('#f-person label.pick', { hasText: '1993' });
		assert.match(await mine.textContent(), /73/, 'the phone of the right one ends in 73');
		assert.match(await page.locator('#f-person label.pick', { hasText: '1971' }).textContent(), /18/);
		assert.equal(await page.locator('#f-person label.pick-new').count(), 1, 'and a new person of that name');
		assert.equal(await page.locator('#f-person input[name=person]:checked').count(), 0, 'nobody chosen for the user');
		assert.deepEqual(await tapTargetProblems(page, '#members'), [], 'each choice is a whole tap target');
		await page.locator('#f-person').scrollIntoViewIfNeeded();
		await shot(page, 'picker-find-phone.png');

		await mine.locator('input[name=person]').check();
		const form = page.locator('main form[action$="/members"]');
		await form.locator('#f-role').fill('متطوعة');
		assert.equal((await submit(page, form)).status(), 303, 'added');
		assert.equal(new URL(page.url()).pathname, `/orgs/${ORG}`);
		const message = page.locator('main [role=status]');
		assert.match(await message.textContent(), /أُضيف العضو/);
		assert.equal(await message.locator(`a[href="/people/${right}"]`).count(), 1, 'the message links to the one chosen');
		const row = page.locator('#members table tbody tr', { hasText: NAME });
		assert.equal(await row.count(), 1, 'listed among the members once');
		assert.match(await row.textContent(), /متطوعة/);
		await shot(page, 'picker-added-phone.png');
		assert.deepEqual(problems, [], 'no console errors or failed loads');
	} finally {
		await ctx.close();
	}
});

test('on a laptop the candidates read on one line each', async () => {
	const ctx = await contextAt(browser, SIZES[1]);
	const page = await ctx.newPage();
	try {
		await signIn(page);
		await page.goto(BASE + `/orgs/${ORG}?member_q=` + encodeURIComponent(TYPED) + '#f-person');
		assert.ok(await page.locator('#f-person label.pick', { hasText: NAME }).count() >= 2);
		await shot(page, 'picker-find-laptop.png');
	} finally {
		await ctx.close();
	}
});

test('without JavaScript: Find is a page; a new person of a registered name is asked about, then made', async () => {
	assert.ok(right && other, 'the first test registered the two');
	const ctx = await contextAt(browser, SIZES[0], { javaScriptEnabled: false });
	const page = await ctx.newPage();
	try {
		await signIn(page);
		await page.goto(BASE + `/orgs/${ORG}`);
		await page.locator('#q-person').fill(TYPED);
		await Promise.all([page.waitForURL(u => new URL(u).searchParams.has('member_q')), page.locator('#q-person').press('Enter')]);
		const url = new URL(page.url());
		assert.equal(url.searchParams.get('member_q'), TYPED, 'the words only');
		assert.equal([...url.searchParams.keys()].join(), 'member_q', 'no token in the address');
		assert.equal(url.hash, '#f-person', 'the page opens at the picker');
		assert.equal(await page.locator('#q-person').inputValue(), TYPED, 'what was typed is kept');
		assert.equal(await page.locator('#f-person label.pick', { hasText: NAME }).count(), 2, 'the two');
		assert.match(await page.locator('#f-person label.pick-new').textContent(), new RegExp(TYPED), 'and a new one named as typed');

		await page.locator('#f-person input[name=person][value="0"]').check();
		const form = page.locator('main form[action$="/members"]');
		assert.equal((await submit(page, form)).status(), 409, 'maybe already registered: asked first');
		assert.equal(await page.locator('main .error-summary[role=alert]').count(), 1);
		for (const id of [right, other])
			assert.equal(await page.locator(`#f-person input[name=person][value="${id}"]`).count(), 1, `person ${id} can be chosen`);
		const none = page.locator('#f-person input[name=confirm_new]');
		assert.equal(await none.isChecked(), false);
		await shot(page, 'picker-confirm-phone.png');
		assert.equal((await submit(page, page.locator('main form[action$="/members"]'))).status(), 409, 'not without "None of these"');
		await page.locator('#f-person input[name=confirm_new]').check();
		assert.equal((await submit(page, page.locator('main form[action$="/members"]'))).status(), 303, 'then made');
		const link = page.locator('main [role=status] a[href^="/people/"]');
		assert.match(await page.locator('main [role=status]').textContent(), /سُجِّل شخص جديد/);
		const made = Number((await link.getAttribute('href')).split('/').pop());
		assert.ok(made > other, `a new person (${made})`);
	} finally {
		await ctx.close();
	}
});
