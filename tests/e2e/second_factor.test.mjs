// second_factor.test.mjs — two-step sign-in by choice, in Arabic on a
// 360×740 phone, as the demo's expert (no other browser test signs in as
// them): My account › set up, the QR code drawn by the server and the key
// as text, a wrong code refused, the right one (computed here from the key,
// RFC 6238) turns it on and shows ten recovery codes; the next sign-in asks
// for the code after the password; then it is turned off with a recovery
// code.  Nothing on these pages breaks words, leaves tap targets small or
// trips the CSP.  Screenshots second-factor-*.png go to DAAM_SHOTS.  Run by
// tests/e2e/run.sh.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { BASE, PASSWORD, SIZES, launchBrowser, watch, shot, contextAt, submitLogin, brokenWords,
	tapTargetProblems, submit } from './common.mjs';

const USER = 'expert';
let browser;

before(async () => {
	browser = await launchBrowser();
});

after(async () => {
	if (browser)
		await browser.close();
});

function base32(text) {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
	let bits = 0, value = 0;
	const out = [];
	for (const c of text.replace(/\s/g, '')) {
		value = (value << 5) | alphabet.indexOf(c);
		bits += 5;
		if (bits >= 8) {
			out.push((value >>> (bits - 8)) & 255);
			bits -= 8;
		}
	}
	return Buffer.from(out);
}

// The 6-digit TOTP code of key at the time t (seconds).
function totp(key, t) {
	const counter = Buffer.alloc(8);
	counter.writeBigUInt64BE(BigInt(Math.floor(t / 30)));
	const h = createHmac('sha1', key).update(counter).digest();
	const o = h[19] & 15;
	const n = ((h[o] & 0x7f) << 24 | h[o + 1] << 16 | h[o + 2] << 8 | h[o + 3]) % 1000000;
	return String(n).padStart(6, '0');
}

async function looked(page, name, problems) {
	await shot(page, name);
	assert.deepEqual(await brokenWords(page), [], name + ': words cut');
	assert.deepEqual(await tapTargetProblems(page, 'main'), [], name + ': tap targets');
	assert.deepEqual(problems, [], name + ': page problems');
}

test('two-step sign-in is set up from My account, asked at the next sign-in, and turned off with a recovery code', async () => {
	const t = Date.now() / 1000;
	const ctx = await contextAt(browser, SIZES[0]);
	const page = await ctx.newPage();
	const problems = watch(page);
	let codes = [];
	try {
		await page.goto(BASE + '/login');
		await submitLogin(page, USER, PASSWORD);
		assert.equal(new URL(page.url()).pathname, '/', 'no second step yet');
		await page.goto(BASE + '/account');
		const start = page.locator('main form[action="/account/2fa/start"]');
		assert.equal((await submit(page, start)).status(), 200);
		assert.ok(await page.locator('svg.qr').isVisible(), 'the QR code is drawn');
		const box = await page.locator('svg.qr').boundingBox();
		assert.ok(box.width >= 200 && box.x >= 0 && box.x + box.width <= 360, 'the QR code fits the phone');
		const keyText = (await page.locator('p.secret code').innerText()).trim();
		assert.match(keyText, /^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
		await looked(page, 'second-factor-enrol-phone.png', problems);

		const form = page.locator('main form[action="/account/2fa/confirm"]');
		await form.locator('#f-code').fill('000000' === totp(base32(keyText), t) ? '111111' : '000000');
		await submit(page, form);
		assert.ok(await page.locator('[role=alert]').isVisible(), 'a wrong code is refused');
		await form.locator('#f-code').fill(totp(base32(keyText), t));
		await submit(page, form);
		codes = await page.locator('ol.recovery-codes code').allInnerTexts();
		assert.equal(codes.length, 10);
		await looked(page, 'second-factor-codes-phone.png', problems);
	} finally {
		await ctx.close();
	}

	// the next sign-in asks for a code after the password; a recovery code
	// answers it (codes from the app at a fixed clock: test_second_factor.c)
	const ctx2 = await contextAt(browser, SIZES[0]);
	const page2 = await ctx2.newPage();
	const problems2 = watch(page2);
	try {
		await page2.goto(BASE + '/login');
		await submitLogin(page2, USER, PASSWORD);
		assert.equal(new URL(page2.url()).pathname, '/login/code');
		await looked(page2, 'second-factor-code-phone.png', problems2);
		const form = page2.locator('main form[action="/login/code"]');
		await form.locator('#f-code').fill(codes[0]);
		await submit(page2, form);
		assert.equal(new URL(page2.url()).pathname, '/', 'signed in with a recovery code');
		// turned off again with another recovery code
		await page2.goto(BASE + '/account');
		await looked(page2, 'second-factor-account-phone.png', problems2);
		const off = page2.locator('main form[action="/account/2fa/remove"]');
		await off.locator('#f-code-off').fill(codes[1]);
		await off.locator('button').click();
		await page2.waitForLoadState('load');
		assert.equal(await page2.locator('main form[action="/account/2fa/start"]').count(), 1, 'off again');
	} finally {
		await ctx2.close();
	}
});
