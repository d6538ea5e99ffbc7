#!/usr/bin/env node
// Run the browser tests: every tests/ui/*.spec.mjs, one test at a time,
// against a running taizhang server.
//
//   node tests/ui/run.mjs --base http://127.0.0.1:PORT [--grep TEXT] [SPEC...]
//
// SPEC: spec names (admin, or admin.spec.mjs) to run only those;
// --grep: only tests whose "suite › title" contains TEXT.
// Prints "ok suite › title" or "FAIL suite › title: message" per test
// and closes with "N passed, M failed"; exits 1 if anything failed.
// Screenshots go to tests/out/ui/ (FAIL-<suite>-<n>.png on failure).
import { createRequire } from 'node:module';
import { mkdirSync, readdirSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { PASSWORD } from './harness.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
const OUT = join(ROOT, 'tests/out/ui');
// TAIZHANG_UI_SLOW=2 doubles every timeout (a loaded machine)
const SLOW = Math.max(1, Number(process.env.TAIZHANG_UI_SLOW) || 1);
const TEST_TIMEOUT = 30000 * SLOW;
const CHROMIUM = process.env.TAIZHANG_CHROMIUM || '/usr/bin/chromium';

function usage(msg) {
	if (msg)
		console.error(`run.mjs: ${msg}`);
	console.error('usage: node tests/ui/run.mjs --base http://127.0.0.1:PORT [--grep TEXT] [SPEC...]');
	console.log('0 passed, 1 failed');
	process.exit(2);
}

const args = process.argv.slice(2);
let base = process.env.TAIZHANG_UI_BASE || '';
let grep = '';
const only = [];
for (let i = 0; i < args.length; i++) {
	if (args[i] === '--base')
		base = args[++i] || '';
	else if (args[i] === '--grep')
		grep = args[++i] || '';
	else if (args[i].startsWith('-'))
		usage(`unknown option ${args[i]}`);
	else
		only.push(args[i].replace(/(\.spec)?(\.mjs)?$/, ''));
}
if (!/^https?:\/\//.test(base))
	usage('--base http://HOST:PORT is required');
base = base.replace(/\/+$/, '');

let chromium;
try {
	const require = createRequire(join(ROOT, 'web/package.json'));
	({ chromium } = require('playwright-core'));
} catch (e) {
	usage(`playwright-core not found in web/node_modules (cd web && npm install): ${e.message}`);
}
if (!existsSync(CHROMIUM))
	usage(`${CHROMIUM} not found (apt-get install chromium)`);

mkdirSync(OUT, { recursive: true });

const specs = readdirSync(HERE).filter((f) => f.endsWith('.spec.mjs')).sort()
    .filter((f) => only.length === 0 || only.includes(f.replace(/\.spec\.mjs$/, '')));
const suites = [];
for (const f of specs) {
	try {
		const m = await import(pathToFileURL(join(HERE, f)).href);
		if (!m.default || !Array.isArray(m.default.tests))
			throw new Error('its default export is not a suite');
		suites.push(m.default);
	} catch (e) {
		suites.push({ name: f, tests: [], loadError: e });
	}
}

const browser = await chromium.launch({
	executablePath: CHROMIUM,
	headless: true,
	args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
	    '--disable-background-networking', '--disable-component-update',
	    '--disable-sync', '--disable-dev-shm-usage',
	    // nothing leaves the machine: names other than loopback do not resolve
	    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1'],
});

let passed = 0;
let failed = 0;

const safe = (s) => String(s).replace(/[^\p{L}\p{N}_-]+/gu, '_').slice(0, 60);

async function runTest(s, t, n) {
	const label = `${s.name} › ${t.title}`;
	const opts = t.opts || {};
	const context = await browser.newContext({
		baseURL: base,
		viewport: opts.viewport || { width: 1366, height: 768 },
		deviceScaleFactor: opts.deviceScaleFactor || 1,
		isMobile: !!opts.isMobile,
		hasTouch: !!opts.hasTouch,
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai',
		serviceWorkers: 'block',
	});
	const page = await context.newPage();
	page.setDefaultTimeout((opts.actionTimeout || 10000) * SLOW);
	page.setDefaultNavigationTimeout(15000 * SLOW);
	const consoleErrors = [];
	const pageErrors = [];
	page.on('console', (m) => {
		if (m.type() === 'error')
			consoleErrors.push(m.text());
	});
	page.on('pageerror', (e) => pageErrors.push(e.message || String(e)));
	const api = async (method, path, body, o = {}) => {
		const url = path.startsWith('/api/') ? path : `/api/v1${path.startsWith('/') ? '' : '/'}${path}`;
		const headers = { ...(o.headers || {}) };
		if (o.version !== undefined)
			headers['If-Match'] = `"${o.version}"`;
		if (!/^(GET|HEAD)$/i.test(method)) {
			const me = await context.request.get(`${base}/api/v1/me`);
			if (me.ok()) {
				const j = await me.json();
				if (j.csrf)
					headers['X-CSRF-Token'] = j.csrf;
			}
		}
		const r = await context.request.fetch(base + url, {
			method: method.toUpperCase(),
			headers,
			data: body === undefined ? undefined : body,
			failOnStatusCode: false,
		});
		let data = null;
		try {
			data = await r.json();
		} catch {
			data = null;
		}
		return { status: r.status(), data, headers: r.headers() };
	};

	const login = async (who, password = PASSWORD) => {
		await page.goto('/login');
		const form = page.locator('form').filter({ has: page.locator('input[type=password]') }).first();
		await form.waitFor({ state: 'visible' });
		await form.locator('input:not([type=password]):not([type=hidden]):not([type=checkbox])').first().fill(who);
		await form.locator('input[type=password]').first().fill(password);
		await form.getByRole('button', { name: /^\s*登\s*录\s*$/ }).first().click();
		try {
			await page.waitForURL((u) => !/\/login\b/.test(u.pathname + u.hash), { timeout: 10000 * SLOW });
		} catch {
			const msg = (await page.locator('.el-message, .el-alert, .el-form-item__error').allInnerTexts()
			    .catch(() => [])).join(' ').trim();
			throw new Error(`login as ${who} did not leave /login${msg ? ` (page says: ${msg})` : ''}`);
		}
	};

	const apiLogin = async (who, password = PASSWORD) => {
		const r = await context.request.post(`${base}/api/v1/session`, {
			data: { login: who, password },
			failOnStatusCode: false,
		});
		if (r.status() !== 200)
			throw new Error(`API login as ${who}: HTTP ${r.status()} ${await r.text()}`);
	};

	const shot = async (name, o = {}) => {
		await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: !!o.fullPage });
	};

	let timer;
	const timeout = opts.timeout ? opts.timeout * SLOW : TEST_TIMEOUT;
	try {
		await Promise.race([
			t.fn({ page, context, base, login, apiLogin, shot, api }),
			new Promise((_, rej) => {
				timer = setTimeout(() => rej(new Error(`timed out after ${timeout / 1000} s`)), timeout);
			}),
		]);
		if (pageErrors.length)
			throw new Error(`JavaScript error in the page: ${pageErrors[0]}`);
		passed++;
		console.log(`ok ${label}`);
	} catch (e) {
		failed++;
		const msg = (e && e.message ? e.message : String(e)).split('\n')[0];
		console.log(`FAIL ${label}: ${msg}`);
		const file = join(OUT, `FAIL-${safe(s.name)}-${n}.png`);
		try {
			await page.screenshot({ path: file, timeout: 5000 });
			console.log(`#   screenshot ${file.slice(ROOT.length + 1)}`);
		} catch {
			/* the page may be gone */
		}
		console.log(`#   at ${page.url()}`);
		for (const pe of pageErrors)
			console.log(`#   page error: ${pe}`);
		for (const ce of consoleErrors.slice(0, 10))
			console.log(`#   console: ${ce}`);
		if (process.env.TAIZHANG_UI_DEBUG && e && e.stack)
			console.log(e.stack.replace(/^/gm, '#   '));
	} finally {
		clearTimeout(timer);
		await context.close().catch(() => {});
	}
}

for (const s of suites) {
	if (s.loadError) {
		failed++;
		console.log(`FAIL ${s.name}: cannot load: ${s.loadError.message}`);
		continue;
	}
	let n = 0;
	for (const t of s.tests) {
		n++;
		if (grep && !`${s.name} › ${t.title}`.includes(grep))
			continue;
		await runTest(s, t, n);
	}
}

await browser.close().catch(() => {});
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
