// common.mjs — what every browser test shares: the server's address and
// the screenshot folder, Debian's chromium launched without any network
// of its own, a watcher for broken pages, screenshots, signing in, and the
// checks of the interface at a phone's and a laptop's size (broken words,
// numbers out of order, small tap targets) with a contact sheet of pages.
// (Not a test file: node --test runs only *.test.mjs.)
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

export const BASE = (process.env.DAAM_URL || '').replace(/\/$/, '');
export const SHOTS = process.env.DAAM_SHOTS || 'build/e2e';
export const PASSWORD = 'daam-demo-2026';

// Debian's chromium, headless, with nothing that reaches out to the network.
export async function launchBrowser() {
	assert.ok(BASE.startsWith('http://'), 'DAAM_URL must hold the server address');
	mkdirSync(SHOTS, { recursive: true });
	return chromium.launch({
		executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
			'--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
	});
}

// Collects what a person would not see but a broken page shows: console
// errors (CSP violations among them), script errors, and sub-resources that
// failed to load.  Requests whose path starts with ignoredPrefix (downloads
// handed to the browser) are not failures.
export function watch(page, ignoredPrefix = null) {
	const problems = [];
	// (a form answered 400 logs "Failed to load resource"; loads are judged
	// by their responses below instead)
	page.on('console', m => {
		if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
			problems.push('console: ' + m.text());
	});
	page.on('pageerror', e => problems.push('page error: ' + e.message));
	page.on('requestfailed', r => {
		if (!ignoredPrefix || !new URL(r.url()).pathname.startsWith(ignoredPrefix))
			problems.push('failed: ' + r.url());
	});
	page.on('response', r => {
		if (r.request().resourceType() !== 'document' && r.status() >= 400)
			problems.push(r.status() + ': ' + r.url());
	});
	return problems;
}

export function shot(page, name) {
	return page.screenshot({ path: join(SHOTS, name), fullPage: true });
}

export async function htmlAttrs(page) {
	return page.evaluate(() => ({
		lang: document.documentElement.getAttribute('lang'),
		dir: document.documentElement.getAttribute('dir'),
	}));
}

// Fills the login form on the current page and submits it; returns the
// response of the POST.
export async function submitLogin(page, name, password) {
	await page.locator('#f-name').fill(name);
	await page.locator('#f-password').fill(password);
	const [resp] = await Promise.all([
		page.waitForResponse(r => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login'),
		page.locator('main form button[type=submit]').click(),
	]);
	await page.waitForLoadState('load');
	return resp;
}

// Signs in through the login page; leaves the page on the home page.
export async function signIn(page, name = 'admin') {
	await page.goto(BASE + '/login');
	await submitLogin(page, name, PASSWORD);
	assert.equal(new URL(page.url()).pathname, '/', 'signed in and sent home');
}

// ---- the interface at a phone's and a laptop's size (components.test.mjs) ----

// The two sizes every page is looked at: a 360 px Android phone and an old laptop.
export const SIZES = [
	{ name: 'phone', viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true },
	{ name: 'laptop', viewport: { width: 1366, height: 768 } },
];

// An Arabic browser of one of SIZES; extra options are merged in.
export function contextAt(browser, size, extra = {}) {
	const { name, ...opts } = size;
	return browser.newContext({ locale: 'ar-SY', ...opts, ...extra });
}

// Opens the navigation when it is folded into the phone's menu.
export async function openMenu(page) {
	const menu = page.locator('header details.menu');
	if (await menu.isVisible() && !(await menu.evaluate(d => d.open)))
		await menu.locator('summary').click();
}

// Words that a line break cuts in the middle: every word (between spaces and
// hyphens) of every text in root, measured with Range.getClientRects; a word
// whose pieces lie on different lines is broken.  Returns "word (in: text)".
export function brokenWords(page, root = 'main') {
	return page.evaluate(sel => {
		const bad = [];
		for (const top of document.querySelectorAll(sel)) {
			const walker = document.createTreeWalker(top, NodeFilter.SHOW_TEXT);
			for (let n; (n = walker.nextNode());) {
				const el = n.parentElement;
				if (!el || !el.checkVisibility({ visibilityProperty: true }) || el.closest('thead'))
					continue;
				for (const m of n.data.matchAll(/[^\s\-‐/]+/gu)) {
					const range = document.createRange();
					range.setStart(n, m.index);
					range.setEnd(n, m.index + m[0].length);
					const ys = [...range.getClientRects()].filter(r => r.width > 0.5).map(r => r.top + r.height / 2);
					if (ys.length > 1 && Math.max(...ys) - Math.min(...ys) > 6)
						bad.push(`${m[0]} (in: ${el.textContent.trim().slice(0, 60)})`);
				}
			}
		}
		return bad;
	}, root);
}

// Numbers of several groups ("0944 123 456", "+963 944 123 456") whose
// groups do not read left to right on the screen.  Returns "number: how".
export function misorderedNumbers(page, root = 'main') {
	return page.evaluate(sel => {
		const bad = [];
		const rectOf = (n, from, to) => {
			const range = document.createRange();
			range.setStart(n, from);
			range.setEnd(n, to);
			return range.getBoundingClientRect();
		};
		for (const top of document.querySelectorAll(sel)) {
			const walker = document.createTreeWalker(top, NodeFilter.SHOW_TEXT);
			for (let n; (n = walker.nextNode());) {
				if (!n.parentElement || !n.parentElement.checkVisibility({ visibilityProperty: true }))
					continue;
				for (const m of n.data.matchAll(/\+?[0-9٠-٩]+(?: [0-9٠-٩]+)+/gu)) {
					let at = m.index, last = null;
					for (const g of m[0].split(' ')) {
						const r = rectOf(n, at, at + g.length);
						at += g.length + 1;
						if (last && Math.abs(r.top - last.top) < 4 && r.left < last.left)
							bad.push(`${m[0]}: "${g}" is drawn left of the group before it`);
						last = r;
					}
				}
			}
		}
		return bad;
	}, root);
}

// Tap targets: every visible link, button, field, select and summary in
// root (a checkbox or radio button counts as its label).  Returns those
// under 44 px high or wide, and pairs that overlap or touch (closer than
// 2 px), as "what: why".
export function tapTargetProblems(page, root = 'body') {
	return page.evaluate(sel => {
		const MIN = 44 - 0.5, bad = [], boxes = [];
		const name = e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''} "${(e.textContent || e.value || e.name || '').trim().slice(0, 30)}"`;
		for (let e of document.querySelector(sel).querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary')) {
			if ((e.type === 'checkbox' || e.type === 'radio') && e.closest('label'))
				e = e.closest('label');
			const r = e.getBoundingClientRect();
			// (what a closed <details> holds is laid out but not shown)
			if (!r.width || !r.height || !e.checkVisibility({ visibilityProperty: true }) || boxes.some(b => b.e === e))
				continue;
			if (r.height < MIN || r.width < MIN)
				bad.push(`${name(e)}: ${Math.round(r.width)}×${Math.round(r.height)} px`);
			boxes.push({ e, r });
		}
		for (let i = 0; i < boxes.length; i++)
			for (let j = i + 1; j < boxes.length; j++) {
				const a = boxes[i], b = boxes[j];
				if (a.e.contains(b.e) || b.e.contains(a.e))
					continue;
				const dx = Math.max(b.r.left - a.r.right, a.r.left - b.r.right);
				const dy = Math.max(b.r.top - a.r.bottom, a.r.top - b.r.bottom);
				if (Math.max(dx, dy) < 2)
					bad.push(`${name(a.e)} and ${name(b.e)}: ${Math.max(dx, dy) < 0 ? 'overlap' : 'touch'}`);
			}
		return bad;
	}, root);
}

// Lays the screenshots out in one image, a row of [phone, laptop] pairs
// with the page's name, cropped to their first screens: the whole interface
// at a glance.  shots: [{ title, phone, laptop }] (file names in SHOTS).
export async function contactSheet(browser, shots, file = 'contact-sheet.png') {
	const esc = s => s.replace(/[&<>"]/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));
	const cells = shots.map(s => `<figure><figcaption>${esc(s.title)}</figcaption><div>` +
		`<span class="p"><img src="${esc(s.phone)}"></span><span class="l"><img src="${esc(s.laptop)}"></span></div></figure>`).join('');
	const html = `<!doctype html><meta charset="utf-8"><style>
		body { margin: 8px; font: 14px sans-serif; background: #ccc; display: grid; grid-template-columns: repeat(3, 1fr); gap: 8px; }
		figure { margin: 0; background: #fff; padding: 4px; } figcaption { font-weight: bold; margin-bottom: 4px; }
		figure div { display: flex; gap: 4px; align-items: start; }
		span { display: block; overflow: hidden; border: 1px solid #999; } img { display: block; width: 100%; }
		span.p { width: 180px; max-height: 560px; } span.l { width: 400px; max-height: 337px; }</style>${cells}`;
	const page = join(SHOTS, 'contact-sheet.html');
	writeFileSync(page, html);
	const ctx = await browser.newContext({ viewport: { width: 1800, height: 1000 } });
	const p = await ctx.newPage();
	await p.goto('file://' + resolve(page));
	await p.waitForFunction(() => [...document.images].every(i => i.complete));
	await p.screenshot({ path: join(SHOTS, file), fullPage: true });
	await ctx.close();
}

// Submits the form that holds the submit button (not the header's forms)
// and waits for the page it leads to; returns the POST's response.
export async function submit(page, form) {
	const [resp] = await Promise.all([
		page.waitForResponse(r => r.request().method() === 'POST'),
		form.locator('button[type=submit]').click(),
	]);
	await page.waitForLoadState('load');
	return resp;
}
