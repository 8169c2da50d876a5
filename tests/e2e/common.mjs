// common.mjs — what every browser test shares: the server's address and
// the screenshot folder, Debian's chromium launched without any network
// of its own, a watcher for broken pages, screenshots, and signing in.
// (Not a test file: node --test runs only *.test.mjs.)
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
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
