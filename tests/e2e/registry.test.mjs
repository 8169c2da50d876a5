// registry.test.mjs — the partners registry in a real browser, in Arabic
// (locale ar-SY): an administrator creates an organization through its form,
// adds a member to it by name, finds the member again by typing the name
// another way (no hamza, ه for ة) and opens their page, then exports the
// people list to XLSX.  Run by tests/e2e/run.sh (DAAM_URL is the server);
// screenshots org-ar.png, search-ar.png and people-ar.png go to DAAM_SHOTS.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BASE, SHOTS, PASSWORD, launchBrowser, watch, shot, htmlAttrs } from './common.mjs';

// Written as a person would type them, then searched another way.
const ORG_NAME = 'جَمعيّة إشراقة الغد للتنمية';
const ORG_NAME_EN = 'Ishraqat Al-Ghad Association';
const MEMBER = 'أَحْمَد نجيب العطوة';
const MEMBER_TYPED_ANOTHER_WAY = 'احمد نجيب العطوه';

let browser;


before(async () => {
	browser = await launchBrowser();
});

after(async () => {
	if (browser)
		await browser.close();
});




// Submits the main form (not the header's language and sign-out forms) and
// waits for the page it leads to.
async function submitMain(page, form) {
	const [resp] = await Promise.all([
		page.waitForResponse(r => r.request().method() === 'POST'),
		form.locator('button[type=submit]').click(),
	]);
	await page.waitForLoadState('load');
	return resp;
}

test('Arabic: create an organization, add a member, find them spelled another way, export the people', async () => {
	const ctx = await browser.newContext({ locale: 'ar-SY', viewport: { width: 1280, height: 800 }, acceptDownloads: true });
	const page = await ctx.newPage();
	const problems = watch(page, '/people/export');
	try {
		await page.goto(BASE + '/login');
		await page.locator('#f-name').fill('admin');
		await page.locator('#f-password').fill(PASSWORD);
		await submitMain(page, page.locator('main form'));
		assert.equal(new URL(page.url()).pathname, '/', 'signed in');
		assert.deepEqual(await htmlAttrs(page), { lang: 'ar', dir: 'rtl' });

		// the organizations list offers the new-organization form
		await page.goto(BASE + '/orgs');
		assert.equal((await page.locator('h1').textContent()).trim(), 'المنظمات');
		await page.locator('main a.button[href="/orgs/new"]').click();
		await page.waitForLoadState('load');
		assert.equal(new URL(page.url()).pathname, '/orgs/new');
		const form = page.locator('main form[action="/orgs"]');
		await form.locator('#f-name_ar').fill(ORG_NAME);
		await form.locator('#f-name_en').fill(ORG_NAME_EN);
		await form.locator('#f-kind').selectOption('association');
		await form.locator('input[name=stage][value=incubated]').check();
		await form.locator('input[name=reg_status][value=registered]').check();
		await form.locator('#f-reg_number').fill('RQ-2024-031');
		await form.locator('#f-office').selectOption({ index: 1 });
		await form.locator('#f-place').selectOption('1000');
		await form.locator('input[name=sector][value="2"]').check();
		await form.locator('input[name=sector][value="8"]').check();
		const created = await submitMain(page, form);
		assert.equal(created.status(), 303, 'the form is accepted');
		assert.match(new URL(page.url()).pathname, /^\/orgs\/[0-9]+$/, 'sent to the new organization');
		const orgPath = new URL(page.url()).pathname;
		assert.equal((await page.locator('h1').textContent()).trim(), ORG_NAME, 'its Arabic name as typed');
		const facts = page.locator('dl.facts');
		assert.match(await facts.textContent(), /جمعية/, 'kind in Arabic');
		assert.match(await facts.textContent(), /RQ-2024-031/);
		assert.match(await facts.textContent(), /الصحة/, 'sector Health');
		assert.match(await facts.textContent(), /الشباب/, 'sector Youth');

		// a member, added by name on the organization's page: found by
		// nobody, the new person named as typed is the one choice
		const members = page.locator('main form[action$="/members"]');
		assert.equal(await members.count(), 1, 'the add-member form is on the page');
		await page.locator('#q-person').fill(MEMBER);
		await page.locator('button[form=pick-person]').click();
		await members.locator('input[name=person][value="0"]:checked').waitFor();
		await members.locator('#f-role').fill('منسق مشروع');
		const added = await submitMain(page, members);
		assert.equal(added.status(), 303, 'the member is added');
		assert.equal(new URL(page.url()).pathname, orgPath, 'back on the organization');
		const row = page.locator('main table tbody tr', { hasText: MEMBER });
		assert.equal(await row.count(), 1, 'listed once among the members');
		assert.match(await row.textContent(), /منسق مشروع/);
		assert.equal(await page.getByText('لا يوجد أعضاء مسجلون بعد.').count(), 0);
		await shot(page, 'org-ar.png');

		// found again, typed without hamza and tashkeel and with ه for ة
		await page.getByRole('navigation').getByRole('link', { name: 'بحث', exact: true }).click();
		await page.waitForLoadState('load');
		assert.equal(new URL(page.url()).pathname, '/search');
		const box = page.locator('main form[role=search] input[name=q]');
		await box.fill(MEMBER_TYPED_ANOTHER_WAY);
		await Promise.all([page.waitForURL(u => new URL(u).searchParams.has('q')), box.press('Enter')]);
		await page.waitForLoadState('load');
		assert.deepEqual(await htmlAttrs(page), { lang: 'ar', dir: 'rtl' });
		const hit = page.locator('main table.cards td a', { hasText: MEMBER });
		assert.equal(await hit.count(), 1, 'the member is among the results');
		assert.equal(await box.inputValue(), MEMBER_TYPED_ANOTHER_WAY, 'the query stays in the box');
		await shot(page, 'search-ar.png');
		await hit.click();
		await page.waitForLoadState('load');
		assert.match(new URL(page.url()).pathname, /^\/people\/[0-9]+$/);
		assert.equal((await page.locator('h1').textContent()).trim(), MEMBER);
		assert.equal(await page.locator(`main a[href="${orgPath}"]`).count(), 1, 'their page links to the organization');

		// the people list, exported to XLSX
		await page.goto(BASE + '/people');
		assert.equal((await page.locator('h1').textContent()).trim(), 'الأشخاص');
		assert.ok(await page.locator('main table tbody tr').count() >= 20, 'the list shows people');
		await shot(page, 'people-ar.png');
		const xlsx = page.locator('main .exports a[href^="/people/export?format=xlsx"]').first();
		assert.equal(await xlsx.textContent(), 'XLSX');
		const [download] = await Promise.all([page.waitForEvent('download'), xlsx.click()]);
		assert.match(download.suggestedFilename(), /^daam-people-coded\.xlsx$/);
		const file = await download.path();
		const size = statSync(file).size;
		const head = readFileSync(file).subarray(0, 2).toString('latin1');
		assert.equal(head, 'PK', 'an XLSX (zip) file');
		assert.ok(size > 2048, `the file has ${size} bytes`);
		assert.deepEqual(problems, [], 'no console errors or failed loads');
	} finally {
		await ctx.close();
	}
});
