// workspace.test.mjs — a room booked from the partner portal on a phone
// (360×740, Arabic): the partner asks for a room of the Deir-ez-Zor office
// for a meeting, sees the request "requested" among its own; the space
// coordinator, on a laptop, approves it from the booking's page; the room's
// week shows it, on the laptop and on a phone, and the partner sees it
// approved.  The public form is looked at on a phone.  No page needs
// JavaScript.  Screenshots workspace-*.png in DAAM_SHOTS.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, SIZES, launchBrowser, watch, shot, signIn, contextAt, submit, brokenWords } from './common.mjs';

let browser;
const PURPOSE = 'اجتماع الهيئة العامة ' + Date.now().toString(36);

before(async () => {
	browser = await launchBrowser();
});

after(async () => {
	if (browser)
		await browser.close();
});

// A day two weeks on that is not a Friday (the demo rooms close on Fridays).
function day() {
	let t = Date.now() + 14 * 86400000;
	while (new Date(t).getUTCDay() === 5)
		t += 86400000;
	return new Date(t).toISOString().slice(0, 10);
}

test('a partner books a room on a phone, the coordinator approves it, the week shows it', async () => {
	const when = day();
	const phone = await contextAt(browser, SIZES[0]);
	const laptop = await contextAt(browser, SIZES[1]);
	const p = await phone.newPage();
	const c = await laptop.newPage();
	const problems = [...watch(p), ...watch(c)];
	try {
		// the partner asks
		await signIn(p, 'partner');
		await p.goto(BASE + '/bookings');
		await p.locator('main a[href="/bookings/new"]').first().click();
		await p.waitForLoadState('load');
		const form = p.locator('main form[action="/bookings"]');
		const room = await form.locator('#f-room option').evaluateAll(os =>
			(os.find(o => o.textContent.includes('دير الزور')) || {}).value);
		assert.ok(room, 'a room of Deir-ez-Zor is offered');
		await form.locator('#f-room').selectOption(room);
		await form.locator('#f-day').fill(when);
		await form.locator('#f-start').fill('13:00');
		await form.locator('#f-end').fill('14:30');
		await form.locator('#f-purpose').fill(PURPOSE);
		await form.locator('#f-attendees').fill('9');
		await shot(p, 'workspace-partner-form-phone.png');
		assert.equal((await submit(p, form)).status(), 303);
		const booking = new URL(p.url()).pathname;
		assert.match(booking, /^\/bookings\/\d+$/);
		assert.ok((await p.locator('main').textContent()).includes('مطلوب'), 'requested');
		await p.goto(BASE + '/bookings');
		assert.ok((await p.locator('main').textContent()).includes(PURPOSE), 'among our requests');
		await shot(p, 'workspace-partner-list-phone.png');
		// nothing overflows the phone's width
		const wide = await p.evaluate(() => document.documentElement.scrollWidth);
		assert.ok(wide <= 362, `the page is ${wide}px wide`);
		assert.deepEqual(await brokenWords(p), []);

		// the coordinator approves
		await signIn(c, 'space');
		await c.goto(BASE + '/bookings?status=requested');
		assert.ok((await c.locator('main').textContent()).includes(PURPOSE));
		await c.goto(BASE + booking);
		await shot(c, 'workspace-approve-laptop.png');
		const [resp] = await Promise.all([
			c.waitForResponse(r => r.request().method() === 'POST'),
			c.locator(`main form[action="${booking}/approve"] button`).click(),
		]);
		await c.waitForLoadState('load');
		assert.equal(resp.status(), 303);
		assert.ok((await c.locator('main').textContent()).includes('موافق عليه'), 'approved');

		// the room's week shows it
		await c.goto(BASE + `/rooms/${room}?day=${when}`);
		const item = c.locator(`main .ws-item a[href="${booking}"]`);
		assert.equal(await item.count(), 1, 'in the week');
		await shot(c, 'workspace-week-laptop.png');
		await p.goto(BASE + booking);
		assert.ok((await p.locator('main').textContent()).includes('موافق عليه'), 'the partner sees it approved');
		await shot(p, 'workspace-partner-approved-phone.png');
		const cp = await contextAt(browser, SIZES[0]);
		const cpage = await cp.newPage();
		await signIn(cpage, 'space');
		await cpage.goto(BASE + `/rooms/${room}?day=${when}`);
		assert.equal(await cpage.locator(`main .ws-item a[href="${booking}"]`).count(), 1);
		await shot(cpage, 'workspace-week-phone.png');
		// moving a week on and back with plain links
		await cpage.locator('main a[rel="next"]').click();
		await cpage.waitForLoadState('load');
		await cpage.locator('main a[rel="prev"]').click();
		await cpage.waitForLoadState('load');
		assert.equal(await cpage.locator(`main .ws-item a[href="${booking}"]`).count(), 1);
		const w2 = await cpage.evaluate(() => document.documentElement.scrollWidth);
		assert.ok(w2 <= 362, `the week is ${w2}px wide`);
		await cp.close();

		// the public form on a phone, signed out
		const pub = await contextAt(browser, SIZES[0]);
		const pp = await pub.newPage();
		await pp.goto(BASE + '/space/request');
		assert.equal(await pp.locator('main form[action="/space/request"]').count(), 1);
		await shot(pp, 'workspace-public-phone.png');
		await pub.close();
		assert.deepEqual(problems, []);
	} finally {
		await phone.close();
		await laptop.close();
	}
});
