// site.test.mjs — what a person does in a real browser (Debian's chromium
// driven by playwright-core): signing in in Arabic, switching to English and
// back, adding an office and failing to add a user with a weak password, the
// login page on a phone, and signing in with JavaScript turned off.
// Run by tests/e2e/run.sh, which starts a daam server on a demo database and
// passes its address in DAAM_URL.  Screenshots go to DAAM_SHOTS (build/e2e).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, PASSWORD, launchBrowser, watch, shot, htmlAttrs, submitLogin, signIn } from './common.mjs';

const AR_LOGIN = 'تسجيل الدخول';
const AR_WRONG = 'اسم المستخدم أو كلمة المرور غير صحيحة.';

let browser;


before(async () => {
	browser = await launchBrowser();
});

after(async () => {
	if (browser)
		await browser.close();
});

// A browser set up like one in Syria: Arabic first.  Extra options (viewport,
// javaScriptEnabled) are merged in.
function newContext(extra = {}) {
	return browser.newContext({ locale: 'ar-SY', viewport: { width: 1280, height: 800 }, ...extra });
}






test('(a) Arabic login: wrong password is refused, right one lands on home', async () => {
	const ctx = await newContext();
	const page = await ctx.newPage();
	const problems = watch(page);
	try {
		const first = await page.goto(BASE + '/');
		const url = new URL(page.url());
		assert.equal(url.pathname, '/login', 'not signed in → login page');
		assert.equal(url.searchParams.get('next'), '/');
		assert.equal(first.status(), 200);
		assert.deepEqual(await htmlAttrs(page), { lang: 'ar', dir: 'rtl' });
		assert.equal((await page.locator('h1').textContent()).trim(), AR_LOGIN);
		assert.equal(await page.getByRole('button', { name: AR_LOGIN }).count(), 1,
			'sign-in button carries the title text');
		// the page really lays out right to left, not only says so
		// (the inputs themselves are dir=auto: a Latin user name reads left to right)
		const dir = await page.locator('main').evaluate(e => getComputedStyle(e).direction);
		assert.equal(dir, 'rtl');
		const labelAlign = await page.locator('label[for=f-name]').evaluate(e => e.getBoundingClientRect().right);
		const boxRight = await page.locator('#f-name').evaluate(e => e.getBoundingClientRect().right);
		assert.ok(Math.abs(labelAlign - boxRight) < 2, 'labels sit at the right edge, as in Arabic');
		await shot(page, 'login-ar.png');

		const bad = await submitLogin(page, 'admin', 'not-the-password');
		assert.equal(bad.status(), 200);
		assert.equal(new URL(page.url()).pathname, '/login');
		await page.getByText(AR_WRONG).waitFor({ state: 'visible', timeout: 5000 });
		assert.equal((await ctx.cookies()).filter(c => c.name === 'sid').length, 0, 'no session after a wrong password');

		const good = await submitLogin(page, 'admin', PASSWORD);
		assert.equal(good.status(), 303);
		assert.equal(new URL(page.url()).pathname, '/', 'lands on the home page');
		assert.deepEqual(await htmlAttrs(page), { lang: 'ar', dir: 'rtl' });
		const nav = page.getByRole('navigation');
		assert.equal(await nav.getByRole('link', { name: 'المستخدمون' }).count(), 1, 'admin sees Users in the nav');
		assert.equal(await nav.getByRole('link', { name: 'المكاتب' }).count(), 1, 'admin sees Offices in the nav');
		assert.equal(await page.getByText(AR_WRONG).count(), 0);
		const sid = (await ctx.cookies()).find(c => c.name === 'sid');
		assert.ok(sid && sid.httpOnly, 'session cookie set and HttpOnly');
		await shot(page, 'home-ar.png');
		assert.deepEqual(problems, [], 'no console errors or failed loads');
	} finally {
		await ctx.close();
	}
});

test('(b) the language button switches to English and back', async () => {
	const ctx = await newContext();
	const page = await ctx.newPage();
	const problems = watch(page);
	try {
		await signIn(page);
		await page.getByRole('button', { name: 'English' }).click();
		await page.waitForLoadState('load');
		assert.equal(new URL(page.url()).pathname, '/', 'stays on the same page');
		assert.deepEqual(await htmlAttrs(page), { lang: 'en', dir: 'ltr' });
		const nav = page.getByRole('navigation');
		assert.equal(await nav.getByRole('link', { name: 'Users', exact: true }).count(), 1);
		assert.equal(await nav.getByRole('link', { name: 'المستخدمون' }).count(), 0, 'no Arabic nav left');
		const body = await page.locator('body').evaluate(e => getComputedStyle(e).direction);
		assert.equal(body, 'ltr');
		await shot(page, 'home-en.png');

		// the choice sticks for the next page too
		await page.goto(BASE + '/admin/offices');
		assert.deepEqual(await htmlAttrs(page), { lang: 'en', dir: 'ltr' });

		await page.getByRole('button', { name: 'العربية' }).click();
		await page.waitForLoadState('load');
		assert.equal(new URL(page.url()).pathname, '/admin/offices');
		assert.deepEqual(await htmlAttrs(page), { lang: 'ar', dir: 'rtl' });
		assert.equal((await page.locator('h1').textContent()).trim(), 'المكاتب');
		assert.equal(await page.getByRole('button', { name: 'English' }).count(), 1);
		assert.deepEqual(problems, [], 'no console errors or failed loads');
	} finally {
		await ctx.close();
	}
});

test('(c) admin adds an office, then a user with a weak password is refused', async () => {
	const ctx = await newContext();
	const page = await ctx.newPage();
	const problems = watch(page);
	const tag = Date.now().toString(36);
	const code = 'hasakah-' + tag;
	const nameAr = 'مكتب الحسكة ' + tag;
	const userName = 'huda.' + tag;
	try {
		await signIn(page);
		await page.goto(BASE + '/admin/offices');
		assert.equal(await page.getByText(code).count(), 0, 'office not there before');
		const form = page.locator('form[action="/admin/offices"]');
		await form.locator('[name=code]').fill(code);
		await form.locator('[name=name_ar]').fill(nameAr);
		await form.locator('[name=name_en]').fill('Hasakah office');
		await form.locator('button[type=submit]').click();
		await page.waitForLoadState('load');
		assert.match(new URL(page.url()).pathname, /^\/admin\/offices\/[0-9]+$/, 'sent to the new office');

		await page.goto(BASE + '/admin/offices');
		const row = page.locator('tbody tr', { hasText: code });
		assert.equal(await row.count(), 1, 'new office listed once');
		assert.equal(await row.getByRole('link', { name: nameAr }).count(), 1, 'listed with its Arabic name');

		await page.goto(BASE + '/admin/users/new');
		await page.locator('#f-name').fill(userName);
		await page.locator('#f-display_name').fill('هدى خليل');
		await page.locator('#f-role').selectOption('trainer');
		// the office just made is offered in the user form
		await page.locator('#f-office').selectOption({ label: nameAr });
		await page.locator('#f-password').fill('abc');
		const [resp] = await Promise.all([
			page.waitForResponse(r => r.request().method() === 'POST' && new URL(r.url()).pathname === '/admin/users'),
			page.locator('main form button[type=submit]').click(),
		]);
		await page.waitForLoadState('load');
		assert.ok(resp.status() >= 400 && resp.status() < 500,
			`weak password refused with a 4xx, got ${resp.status()}`);

		// the error sits in the password field's own box and is tied to the input
		const field = page.locator('.field', { has: page.locator('#f-password') });
		const err = field.locator('.error');
		assert.equal(await err.count(), 1, 'one error beside the password');
		assert.match(await err.textContent(), /8/, 'error names the minimum length');
		assert.match(await err.textContent(), /كلمة المرور/, 'error is in Arabic');
		assert.equal(await page.locator('#f-password').getAttribute('aria-invalid'), 'true');
		const errId = await err.getAttribute('id');
		assert.ok(errId && (await page.locator('#f-password').getAttribute('aria-describedby')).split(' ').includes(errId));
		assert.equal(await page.locator('#f-name').inputValue(), userName, 'typed user name kept');
		assert.equal(await page.locator('#f-name').getAttribute('aria-invalid'), null, 'the name itself is fine');
		assert.equal(await page.locator('#f-role').inputValue(), 'trainer', 'chosen role kept');
		await shot(page, 'form-error-ar.png');

		await page.goto(BASE + '/admin/users');
		assert.equal(await page.getByText(userName).count(), 0, 'user was not created');
		assert.deepEqual(problems, [], 'no console errors or failed loads');
	} finally {
		await ctx.close();
	}
});

test('(d) the login page fits a phone without sideways scrolling', async () => {
	const ctx = await newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
	const page = await ctx.newPage();
	try {
		await page.goto(BASE + '/login');
		const w = await page.evaluate(() => document.scrollingElement.scrollWidth);
		assert.ok(w <= 390, `login page is ${w}px wide on a 390px phone`);
		// the inputs are usable: wide enough to type in, inside the screen
		const box = await page.locator('#f-password').boundingBox();
		assert.ok(box && box.x >= 0 && box.x + box.width <= 390 && box.width >= 200, 'password input fits the screen');
		await shot(page, 'login-phone.png');
	} finally {
		await ctx.close();
	}
});

test('(e) signing in works with JavaScript turned off', async () => {
	const ctx = await newContext({ javaScriptEnabled: false });
	const page = await ctx.newPage();
	try {
		await page.goto(BASE + '/');
		assert.equal(new URL(page.url()).pathname, '/login');
		await page.locator('#f-name').fill('admin');
		await page.locator('#f-password').fill(PASSWORD);
		await page.locator('main form button[type=submit]').click();
		await page.waitForURL(u => new URL(u).pathname === '/');
		assert.equal(await page.getByRole('navigation').getByRole('link', { name: 'المكاتب' }).count(), 1);
		// and the language form works without scripts as well
		await page.getByRole('button', { name: 'English' }).click();
		await page.waitForLoadState('load');
		assert.deepEqual(await htmlAttrs(page), { lang: 'en', dir: 'ltr' });
	} finally {
		await ctx.close();
	}
});
