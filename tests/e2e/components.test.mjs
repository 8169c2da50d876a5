// components.test.mjs — the shell and the components every module uses,
// looked at in Arabic on a 360×740 phone and a 1366×768 laptop: tables whose
// cells never cut a word, phone numbers whose groups read in order, tap
// targets of 44 px that do not touch, a message after each save, the form
// that opens at its first error, a confirmation before what cannot be
// undone (without JavaScript), the language switch that keeps the query,
// empty lists that explain, facts left unset.  Every page is photographed
// at both sizes into DAAM_SHOTS (c-<page>-phone.png, c-<page>-laptop.png)
// and laid out in one contact-sheet.png.  Run by tests/e2e/run.sh.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	BASE, PASSWORD, SIZES, launchBrowser, watch, shot, htmlAttrs, signIn, contextAt, openMenu, brokenWords,
	misorderedNumbers, tapTargetProblems, contactSheet, submit } from './common.mjs';

const TAG = Date.now().toString(36);
const PHONE = '0944 123 456';
const ORG = 'جمعية الأرقام للتجربة ' + TAG;
const PERSON = 'سلمى عادل الرقمي ' + TAG;
let browser;
let org = 0, person = 0;    // made by the first test, shown by the others

before(async () => {
	browser = await launchBrowser();
});

after(async () => {
	if (browser)
		await browser.close();
});


// The message of the page, which must be there: role=status after a save.
async function status(page) {
	const s = page.locator('main [role=status]');
	assert.equal(await s.count(), 1, `one message on ${page.url()}`);
	assert.ok(await s.isVisible(), 'the message is visible');
	return (await s.textContent()).trim();
}

test('the checks catch what they look for (a cut word, a phone out of order, a small or touching target)', async () => {
	const ctx = await contextAt(browser, SIZES[0]);
	const page = await ctx.newPage();
	try {
		// what app.css used to do: overflow-wrap:anywhere in a narrow column,
		// a bare phone in Arabic, 19 px links, buttons side by side
		await page.setContent(`<html lang="ar" dir="rtl"><body><main>
			<table style="width:200px"><tr><td style="overflow-wrap:anywhere">الجنسية</td><td style="overflow-wrap:anywhere">1996</td>
			<td style="overflow-wrap:anywhere">officer</td><td>ملاحظات طويلة</td></tr></table>
			<p>الهاتف: 0944 123 456</p><p>الهاتف: <bdi dir="ltr">0944 123 456</bdi></p>
			<p><a href="/x">رابط</a></p><p><button style="min-height:44px;margin:0">أ</button><button style="min-height:44px;margin:0">ب</button></p>
			</main></body></html>`);
		const cut = await brokenWords(page);
		assert.ok(cut.some(w => w.startsWith('الجنسية')) && cut.some(w => w.startsWith('officer')), `cut words found: ${cut}`);
		const order = await misorderedNumbers(page);
		assert.equal(order.length, 2, `the bare phone is out of order, the isolated one is not: ${order}`);
		const taps = await tapTargetProblems(page);
		assert.ok(taps.some(t => /رابط.*px/.test(t)), `the 19 px link: ${taps}`);
		assert.ok(taps.some(t => /touch|overlap/.test(t)), `the buttons that touch: ${taps}`);
	} finally {
		await ctx.close();
	}
});

test('an organization and a person with a phone: each save answers with a message', async () => {
	const ctx = await contextAt(browser, SIZES[0]);
	const page = await ctx.newPage();
	const problems = watch(page);
	try {
		await signIn(page);
		await page.goto(BASE + '/orgs/new');
		// nothing is chosen for the user: the kind starts at "—", no stage is ticked
		assert.equal(await page.locator('#f-kind').inputValue(), '');
		assert.equal(await page.locator('input[name=stage]:checked').count(), 0);
		const form = page.locator('main form[action="/orgs"]');
		await form.locator('#f-name_ar').fill(ORG);
		await form.locator('#f-kind').selectOption('association');
		await form.locator('input[name=stage][value=incubated]').check();
		await form.locator('input[name=reg_status][value=registered]').check();
		await form.locator('#f-reg_number').fill('RQ-2024-031');
		await form.locator('#f-contact_phone').fill(PHONE);
		await form.locator('#f-contact_email').fill('info@example.org');
		await form.locator('input[name=area]').first().check();
		assert.equal((await submit(page, form)).status(), 303);
		org = Number(new URL(page.url()).pathname.split('/').pop());
		assert.ok(org > 0, 'on the new organization');
		assert.match(await status(page), /أُضيفت المنظمة/);
		await page.reload();
		assert.equal(await page.locator('main [role=status]').count(), 0, 'the message is shown once');

		await page.goto(BASE + '/people/new');
		assert.equal(await page.locator('#f-disability').inputValue(), '', 'disability starts unset');
		const pform = page.locator('main form[action="/people"]');
		await pform.locator('#f-name_ar').fill(PERSON);
		await pform.locator('#f-phone').fill(PHONE);
		assert.equal((await submit(page, pform)).status(), 303);
		person = Number(new URL(page.url()).pathname.split('/').pop());
		assert.match(await status(page), /أُضيف الشخص/);
		const facts = await page.locator('dl.facts').textContent();
		assert.match(facts, /إعاقة\s*غير مسجّل/, 'a disability nobody gave is shown as not recorded');
		assert.deepEqual(problems, []);
	} finally {
		await ctx.close();
	}
});

// The pages looked at.  mine: the checks must pass (the other pages are
// other people's work in progress: photographed only).
function pages() {
	return [
		{ slug: 'login', path: '/login', signedOut: true, mine: true },
		{ slug: 'home', path: '/' },
		{ slug: 'orgs', path: '/orgs', mine: true },
		{ slug: 'orgs-none', path: '/orgs?q=' + encodeURIComponent('لايوجدمثلهذاالاسم'), mine: true },
		{ slug: 'org', path: `/orgs/${org}`, mine: true },
		{ slug: 'org-demo', path: '/orgs/1', mine: true },
		{ slug: 'org-find', path: `/orgs/${org}?member_q=` + encodeURIComponent(PERSON), mine: true },
		{ slug: 'org-new', path: '/orgs/new', mine: true },
		{ slug: 'org-edit', path: `/orgs/${org}/edit`, mine: true },
		{ slug: 'people', path: '/people', mine: true },
		{ slug: 'person', path: `/people/${person}`, mine: true },
		{ slug: 'person-demo', path: '/people/1', mine: true },
		{ slug: 'person-new', path: '/people/new', mine: true },
		{ slug: 'person-edit', path: `/people/${person}/edit`, mine: true },
		{ slug: 'person-data', path: `/people/${person}/data`, mine: true },
		{ slug: 'search', path: '/search?q=' + encodeURIComponent('أحمد') },
		{ slug: 'duplicates', path: '/people/duplicates' },
		{ slug: 'import', path: '/import' },
		{ slug: 'users', path: '/admin/users', mine: true },
		{ slug: 'user-new', path: '/admin/users/new', mine: true },
		{ slug: 'user-find', path: '/admin/users/new?org_q=' + encodeURIComponent('جمعية'), mine: true },
		{ slug: 'user', path: '/admin/users/2', mine: true },
		{ slug: 'offices', path: '/admin/offices', mine: true },
		{ slug: 'office', path: '/admin/offices/1', mine: true },
		{ slug: 'places', path: '/admin/places', mine: true },
		{ slug: 'place', path: '/admin/places/1', mine: true },
		{ slug: 'sectors', path: '/admin/sectors', mine: true },
		{ slug: 'audit', path: '/admin/audit' },
		{ slug: 'retention', path: '/admin/retention', mine: true },
		{ slug: 'account', path: '/account', mine: true },
		{ slug: 'jobs', path: '/jobs', mine: true },
		{ slug: 'not-found', path: '/orgs/999999999', mine: true },
	];
}

test('every page at both sizes: words whole, phone numbers in order, 44 px tap targets; a contact sheet', async () => {
	assert.ok(org && person, 'the first test made its records');
	const found = [], sheet = new Map();
	for (const size of SIZES) {
		const ctx = await contextAt(browser, size), outside = await contextAt(browser, size);
		const page = await ctx.newPage();
		const signedOut = await outside.newPage();
		try {
			await signIn(page);
			for (const p of pages()) {
				const tab = p.signedOut ? signedOut : page;
				await tab.goto(BASE + p.path);
				assert.deepEqual(await htmlAttrs(tab), { lang: 'ar', dir: 'rtl' });
				const file = `c-${p.slug}-${size.name}.png`;
				await shot(tab, file);
				sheet.set(p.slug, { ...sheet.get(p.slug), title: p.path.split('?')[0], [size.name]: file });
				if (!p.mine)
					continue;
				const width = await tab.evaluate(() => document.scrollingElement.scrollWidth);
				if (width > size.viewport.width)
					found.push(`${size.name} ${p.path}: the page is ${width} px wide`);
				for (const w of await brokenWords(tab))
					found.push(`${size.name} ${p.path}: a word is cut: ${w}`);
				for (const n of await misorderedNumbers(tab, 'body'))
					found.push(`${size.name} ${p.path}: ${n}`);
				for (const t of await tapTargetProblems(tab))
					found.push(`${size.name} ${p.path}: tap target ${t}`);
			}
			if (size.name === 'phone') {
				// the navigation folds into a menu that opens without scripts
				await page.goto(BASE + '/orgs');
				const nav = page.getByRole('navigation', { name: 'القائمة الرئيسية' });
				assert.equal(await nav.count(), 0, 'the links are folded away on a phone');
				const header = await page.locator('header.top').boundingBox();
				assert.ok(header.height < 60, `the header is one line on a phone (${header.height} px)`);
				await openMenu(page);
				assert.ok(await nav.getByRole('link', { name: 'الأشخاص' }).isVisible());
				// (the open menu lies over the page: its own targets are measured)
				for (const t of await tapTargetProblems(page, 'header'))
					found.push(`phone menu: tap target ${t}`);
				await shot(page, 'c-menu-phone.png');
			} else {
				const nav = page.getByRole('navigation', { name: 'القائمة الرئيسية' });
				assert.ok(await nav.getByRole('link', { name: 'الأشخاص' }).isVisible(), 'the whole bar on a laptop');
			}
		} finally {
			await ctx.close();
			await outside.close();
		}
	}
	// the phone and the laptop of each page side by side
	await contactSheet(browser, [...sheet.values()]);
	assert.deepEqual(found, [], found.join('\n'));
});

test('the phone number of an organization and the hint of the new person form read in order', async () => {
	for (const size of SIZES) {
		const ctx = await contextAt(browser, size);
		const page = await ctx.newPage();
		try {
			await signIn(page);
			for (const path of [`/orgs/${org}`, `/people/${person}`, '/people/new']) {
				await page.goto(BASE + path);
				const where = path === '/people/new' ? 'main .hint' : 'main dl.facts';
				assert.match(await page.locator(where).allTextContents().then(t => t.join(' ')), /0944 123 456/);
				assert.deepEqual(await misorderedNumbers(page, where), [], `${size.name} ${path}`);
			}
		} finally {
			await ctx.close();
		}
	}
});

test('a refused form opens at its first error; a member added is announced with a link', async () => {
	const ctx = await contextAt(browser, SIZES[0]);
	const page = await ctx.newPage();
	try {
		await signIn(page);
		await page.goto(BASE + `/orgs/${org}`);
		// the person made by the first test is found; nobody chosen: refused
		await page.locator('#q-person').fill(PERSON);
		await page.locator('button[form=pick-person]').click();
		await page.locator('#f-person label.pick').first().waitFor();
		const members = page.locator('main form[action$="/members"]');
		assert.equal((await submit(page, members)).status(), 400, 'nobody chosen: refused');
		const summary = page.locator('main .error-summary[role=alert]');
		assert.equal(await summary.locator('a[href="#f-person"]').count(), 1, 'the summary links to the field');
		assert.ok(await page.evaluate(() => !!document.activeElement && !!document.activeElement.closest('#f-person')),
			'the field with the error has the focus');
		const box = await page.locator('#f-person input[name=person]').first().boundingBox();
		assert.ok(box.y >= 0 && box.y + box.height <= 740, 'and is on the screen, not below the fold');
		await shot(page, 'c-member-error-phone.png');

		// a new person of the same name: asked first (409), made once "None of these" is ticked
		await page.locator('#f-person input[name=person][value="0"]').check();
		assert.equal((await submit(page, page.locator('main form[action$="/members"]'))).status(), 409);
		assert.equal(await page.locator('#f-person label.pick', { hasText: PERSON }).count(), 2, 'the one registered, and the new one');
		await page.locator('#f-person input[name=confirm_new]').check();
		await shot(page, 'c-member-confirm-phone.png');
		assert.equal((await submit(page, page.locator('main form[action$="/members"]'))).status(), 303);
		assert.match(await status(page), /سُجِّل شخص جديد وأُضيف عضواً/);
		assert.equal(await page.locator('main [role=status] a[href^="/people/"]').count(), 1, 'with a link to the person');
	} finally {
		await ctx.close();
	}
});

test('every save of an administrator answers with a message', async () => {
	const ctx = await contextAt(browser, SIZES[1]);
	const page = await ctx.newPage();
	try {
		await signIn(page);
		// renaming an office
		await page.goto(BASE + '/admin/offices/1');
		const office = page.locator('main form[action="/admin/offices/1"]');
		assert.equal((await submit(page, office)).status(), 303);
		assert.match(await status(page), /حُفظ|تم الحفظ/);
		// a sector added, then renamed in place
		await page.goto(BASE + '/admin/sectors');
		const add = page.locator('main form[action="/admin/sectors"]');
		await add.locator('#f-code').fill('e2e-' + TAG);
		await add.locator('#f-name_ar').fill('قطاع التجربة ' + TAG);
		await add.locator('#f-name_en').fill('Trial ' + TAG);
		assert.equal((await submit(page, add)).status(), 303);
		assert.match(await status(page), /أُضيف القطاع/);
		const row = page.locator('main tr', { hasText: 'e2e-' + TAG });
		await row.locator('summary').click();
		const [resp] = await Promise.all([
			page.waitForResponse(r => r.request().method() === 'POST'),
			row.locator('form button').click(),
		]);
		await page.waitForLoadState('load');
		assert.equal(resp.status(), 303);
		assert.ok((await status(page)).length > 0);
		// a user's role
		await page.goto(BASE + '/admin/users/2');
		assert.equal((await submit(page, page.locator('main form[action="/admin/users/2"]'))).status(), 303);
		assert.ok((await status(page)).length > 0);
		await shot(page, 'c-saved-laptop.png');
	} finally {
		await ctx.close();
	}
});

test('disabling an account asks first, and works without JavaScript', async () => {
	const ctx = await contextAt(browser, SIZES[0], { javaScriptEnabled: false });
	const page = await ctx.newPage();
	try {
		await signIn(page);
		await page.goto(BASE + '/admin/users/new');
		const form = page.locator('main form[action="/admin/users"]');
		await form.locator('#f-name').fill('e2e.' + TAG);
		await form.locator('#f-role').selectOption('trainer');
		await form.locator('#f-password').fill('river-stone-lamp-' + TAG);
		assert.equal((await submit(page, form)).status(), 303);
		assert.ok((await status(page)).length > 0, 'the account made is announced');
		const user = new URL(page.url()).pathname;
		const disable = page.locator(`main form[action="${user}/disable"]`);
		assert.equal(await disable.count(), 1);
		assert.equal(await disable.locator('button').isVisible(), false, 'the real button is hidden at first');
		await page.locator('main details.confirm > summary').click();
		assert.ok(await disable.locator('button').isVisible(), 'it shows once asked for');
		assert.match(await page.locator('main details.confirm').textContent(), /جميع أجهزته/, 'with what will happen');
		await shot(page, 'c-confirm-phone.png');
		await Promise.all([page.waitForURL(u => new URL(u).pathname === user), disable.locator('button').click()]);
		assert.match(await status(page), /عُطّل|تعطيل/);
		assert.match(await page.locator('dl.facts').textContent(), /معطّل/);
	} finally {
		await ctx.close();
	}
});

test('what cannot be undone is behind a confirmation on every page', async () => {
	const ctx = await contextAt(browser, SIZES[1]);
	const page = await ctx.newPage();
	try {
		await signIn(page);
		for (const p of pages().filter(p => p.mine && !p.signedOut)) {
			await page.goto(BASE + p.path);
			const naked = await page.evaluate(() => [...document.querySelectorAll('main form[method=post]')]
				.filter(f => /\/(disable|delete|discard|cancel|merge|remove)(\/|$)/.test(new URL(f.action).pathname))
				.filter(f => !f.closest('details.confirm, .confirm-box'))
				.map(f => new URL(f.action).pathname));
			assert.deepEqual(naked, [], `${p.path}: destructive forms without a confirmation`);
		}
	} finally {
		await ctx.close();
	}
});

test('switching the language keeps the page and its query', async () => {
	for (const size of SIZES) {
		const ctx = await contextAt(browser, size);
		const page = await ctx.newPage();
		try {
			await signIn(page);
			const q = 'جمعية';
			await page.goto(BASE + '/orgs?kind=association&q=' + encodeURIComponent(q));
			await Promise.all([page.waitForURL(u => new URL(u).pathname === '/orgs'),
				page.getByRole('button', { name: 'English' }).click()]);
			await page.waitForLoadState('load');
			let url = new URL(page.url());
			assert.deepEqual(await htmlAttrs(page), { lang: 'en', dir: 'ltr' });
			assert.equal(url.searchParams.get('kind'), 'association', `${size.name}: the filter is kept`);
			assert.equal(url.searchParams.get('q'), q, `${size.name}: the search words are kept`);
			assert.equal(await page.locator('main input[name=q]').inputValue(), q);
			await page.getByRole('button', { name: 'العربية' }).click();
			await page.waitForLoadState('load');
			url = new URL(page.url());
			assert.deepEqual(await htmlAttrs(page), { lang: 'ar', dir: 'rtl' });
			assert.equal(url.searchParams.get('q'), q);
		} finally {
			await ctx.close();
		}
	}
});

test("a partner whose organization has no members yet is told why and what to do", async () => {
	const ctx = await contextAt(browser, SIZES[0]);
	const page = await ctx.newPage();
	try {
		await signIn(page);
		// an organization of their own, with nobody in it
		await page.goto(BASE + '/orgs/new');
		const form = page.locator('main form[action="/orgs"]');
		await form.locator('#f-name_ar').fill('مبادرة فارغة ' + TAG);
		await form.locator('#f-kind').selectOption('initiative');
		await form.locator('input[name=stage][value=applicant]').check();
		await form.locator('input[name=reg_status][value=unregistered]').check();
		await submit(page, form);
		const empty = new URL(page.url()).pathname.split('/').pop();
		await page.goto(BASE + '/admin/users/new');
		const uform = page.locator('main form[action="/admin/users"]');
		await uform.locator('#f-name').fill('partner.' + TAG);
		await uform.locator('#f-role').selectOption('partner');
		// the organization is chosen by name (the script keeps what was typed above)
		await page.locator('#q-org').fill('مبادرة فارغة ' + TAG);
		await page.locator('button[form=pick-org]').click();
		await uform.locator(`#f-org input[name=org][value="${empty}"]`).check();
		assert.equal(await uform.locator('#f-name').inputValue(), 'partner.' + TAG, 'the user name stays');
		await uform.locator('#f-password').fill('olive-tree-window-' + TAG);
		assert.equal((await submit(page, uform)).status(), 303);

		const pctx = await contextAt(browser, SIZES[0]);
		const partner = await pctx.newPage();
		await partner.goto(BASE + '/login');
		await partner.locator('#f-name').fill('partner.' + TAG);
		await partner.locator('#f-password').fill('olive-tree-window-' + TAG);
		await Promise.all([partner.waitForURL(u => new URL(u).pathname === '/'),
			partner.locator('main form button[type=submit]').click()]);
		await partner.goto(BASE + '/people');
		const text = await partner.locator('main .empty').textContent();
		assert.match(text, /لم يُسجَّل أحد عضواً في منظمتك/, 'why the list is empty');
		assert.match(text, /اطلب من جهة اتصالك في المركز/, 'and what to do');
		assert.equal(await partner.locator('main table').count(), 0, 'no empty table');
		await shot(partner, 'c-partner-empty-phone.png');
		await pctx.close();
	} finally {
		await ctx.close();
	}
});
