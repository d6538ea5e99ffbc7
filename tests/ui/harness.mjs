// Browser-test harness for taizhang's web UI.
//
// A spec file (tests/ui/NAME.spec.mjs) default-exports a suite:
//
//   import { suite, see, ok } from './harness.mjs';
//   const s = suite('区划');
//   s.test('supervisor marks a village', async ({ page, login, shot, api }) => {
//     await login('jiandu');
//     await page.goto('/places');          // relative to the server
//     await see(page, '老区村');
//     await shot('places-village');
//   }, { viewport: { width: 390, height: 844 }, timeout: 30000 });
//   export default s;
//
// tests/ui/run.mjs runs every suite's tests one after another, each in
// a fresh browser context (locale zh-CN, time zone Asia/Shanghai,
// 1366x768 unless opts.viewport says otherwise).  The test function
// gets:
//   page, context     the Playwright page and context (baseURL set, so
//                     page.goto('/ledgers') works)
//   base              the server's address, http://127.0.0.1:PORT
//   login(login, password = 'Taizhang-2026!')
//                     log in through the login page; resolves when the
//                     URL has left /login
//   apiLogin(login, password = 'Taizhang-2026!')
//                     log the context in through the API only (faster;
//                     the next page.goto is logged in)
//   shot(name)        save tests/out/ui/NAME.png (the viewport; shot(name,
//                     { fullPage: true }) for the whole page)
//   api(method, path, body?, { version?, headers? })
//                     call /api/v1 + path with the context's cookies and
//                     CSRF token (version: sent as If-Match); resolves to
//                     { status, data, headers } (data: the parsed JSON or
//                     null), never throws on 4xx/5xx
//
// A test fails when it throws, when it runs past its timeout (30 s by
// default) or when the page raises an uncaught JavaScript error.

export const PASSWORD = 'Taizhang-2026!';

export function suite(name) {
	const s = {
		name,
		tests: [],
		test(title, fn, opts = {}) {
			s.tests.push({ title, fn, opts });
			return s;
		},
	};
	return s;
}

/* ------------------------------------------------------- assertions */

export class AssertionError extends Error {}

// ok(cond, message): fail the test with message unless cond.
export function ok(cond, message = 'assertion failed') {
	if (!cond)
		throw new AssertionError(message);
}

// eq(actual, expected, what): strict equality (JSON for objects).
export function eq(actual, expected, what = 'value') {
	const a = typeof actual === 'object' ? JSON.stringify(actual) : actual;
	const e = typeof expected === 'object' ? JSON.stringify(expected) : expected;
	if (a !== e)
		throw new AssertionError(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

export const sleep = (ms) => new Promise((res) => setTimeout(res, ms));

// see(scope, text, timeout): wait until text (a string or a RegExp) is
// visible inside scope (a page or a locator); fails with a message that
// names the text.
export async function see(scope, text, timeout = 10000) {
	const loc = scope.getByText(text).first();
	try {
		await loc.waitFor({ state: 'visible', timeout });
	} catch {
		throw new AssertionError(`expected to see ${JSON.stringify(String(text))} within ${timeout} ms`);
	}
	return loc;
}

// notSee(scope, text, timeout): text is not visible (after a short wait
// for the page to settle).
export async function notSee(scope, text, timeout = 1500) {
	const loc = scope.getByText(text);
	const deadline = Date.now() + timeout;
	for (;;) {
		const n = await loc.count();
		let visible = false;
		for (let i = 0; i < n; i++)
			if (await loc.nth(i).isVisible()) {
				visible = true;
				break;
			}
		if (!visible)
			return;
		if (Date.now() > deadline)
			throw new AssertionError(`expected not to see ${JSON.stringify(String(text))}`);
		await sleep(100);
	}
}

// until(fn, what, timeout): poll an async predicate until it is truthy.
export async function until(fn, what = 'condition', timeout = 10000) {
	const deadline = Date.now() + timeout;
	let last;
	for (;;) {
		try {
			last = await fn();
			if (last)
				return last;
		} catch (e) {
			last = e;
		}
		if (Date.now() > deadline)
			throw new AssertionError(`timed out waiting for ${what}${last instanceof Error ? ': ' + last.message : ''}`);
		await sleep(100);
	}
}

// button(scope, label): the button whose accessible name is label;
// tolerates the space Element Plus may put between two characters.
export function button(scope, label) {
	const re = typeof label === 'string' ?
	    new RegExp('^\\s*' + [...label].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s*') + '\\s*$') :
	    label;
	return scope.getByRole('button', { name: re });
}
