// Stored XSS as the browser sees it: an item, its ledger and its lead
// unit named with markup are shown as text on the item page, the ledger
// table, the home page (lists and chart tooltips) and the statistics,
// and no script runs.  The payloads set window.__xss or open a dialog if
// they ever run, and an <img src=x> in the document means markup was
// injected (CSP would stop the handler, not the injection).
import { suite, ok, eq, until, sleep } from './harness.mjs';

const s = suite('xss');
const RUN = Date.now().toString(36);
const IMG = '"><img src=x onerror="window.__xss=1">';
const SCRIPT = '<script>window.__xss=2</script>';
const JS = 'javascript:window.__xss=3';

const day = (n) => new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);

// throws if a payload ran or was injected as markup
async function clean(page, dialogs, where) {
	eq(await page.evaluate(() => window.__xss), undefined, `window.__xss on ${where}`);
	eq(dialogs.length, 0, `dialogs on ${where}`);
	const injected = await page.evaluate(() =>
		document.querySelectorAll('img[src="x"], script:not([src])').length);
	eq(injected, 0, `injected <img src=x> or inline <script> on ${where}`);
	const hrefs = await page.evaluate(() => [...document.querySelectorAll('[href]')]
		.map((a) => a.getAttribute('href')).filter((h) => /^\s*javascript:/i.test(h)));
	eq(hrefs.length, 0, `javascript: links on ${where}`);
}

// the document's text contains s (shown as text, not parsed)
async function shows(page, s, where, scope = 'body') {
	await until(async () => (await page.locator(scope).first().textContent() || '').includes(s),
		`"${s}" as text on ${where}`);
}

// hover the middle of a chart so that its axis tooltip opens
async function hoverChart(page, label) {
	const chart = page.locator(`.echart[aria-label="${label}"]`).first();
	await chart.waitFor({ timeout: 20000 });
	await chart.scrollIntoViewIfNeeded();
	const b = await chart.boundingBox();
	for (const fy of [0.5, 0.45, 0.55, 0.6, 0.4]) {
		await page.mouse.move(b.x + b.width * 0.5, b.y + b.height * fy);
		await sleep(300);
		const tip = await chart.evaluate((el) => [...el.querySelectorAll('div')]
			.filter((d) => getComputedStyle(d).position === 'absolute' &&
			    d.style.display !== 'none' && d.textContent.includes('项'))
			.map((d) => d.textContent).join('\n'));
		if (tip)
			return tip;
	}
	return '';
}

s.test('名称与内容中的HTML标记只作为文字显示,不执行脚本', async ({ page, apiLogin, api, shot }) => {
	const dialogs = [];
	page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
	await apiLogin('admin');
	const unitName = `单位${RUN}${IMG}`;
	const unit = await api('POST', '/units', { name: unitName, kind: '企业' });
	eq(unit.status, 201, 'POST unit');
	const ledgerName = `XSS台账${RUN}<b>粗体</b>`;
	const led = await api('POST', '/ledgers', { name: ledgerName, template: 'task', year: 2026 });
	eq(led.status, 201, 'POST ledger');
	const title = `${SCRIPT}${IMG}${RUN}`;
	const content = `${JS} ${IMG}`;
	const made = await api('POST', `/ledgers/${led.data.id}/items`, {
		title, content, lead_unit_id: unit.data.id, deadline: day(3),
	});
	eq(made.status, 201, 'POST item');
	// the API gives them back verbatim
	const got = await api('GET', `/items/${made.data.id}`);
	eq(got.data.title, title, 'title from the API');
	eq(got.data.content, content, 'content from the API');
	ok(/application\/json/.test(got.headers['content-type']), 'JSON content type');
	eq(got.headers['x-content-type-options'], 'nosniff', 'nosniff');

	await page.goto(`/items/${made.data.id}`);
	await shows(page, title, 'the item page');
	await shows(page, content, 'the item page');
	await shows(page, unitName, 'the item page');
	await clean(page, dialogs, 'the item page');
	await shot('xss-item');

	await page.goto(`/ledgers/${led.data.id}`);
	await page.locator('[data-state="ready"]').waitFor({ timeout: 20000 });
	await shows(page, title, 'the ledger table');
	await shows(page, ledgerName, 'the ledger table');
	await clean(page, dialogs, 'the ledger table');

	await page.goto(`/?ledger=${led.data.id}`);
	await shows(page, title, 'the home lists');
	const tip = await hoverChart(page, '各责任单位红黄蓝灯事项数');
	ok(tip.includes(unitName), `the unit chart tooltip shows the unit name as text (tooltip: ${tip})`);
	await clean(page, dialogs, 'the home page');
	await shot('xss-home');

	await page.goto(`/stats?group=unit&ledger=${led.data.id}`);
	await page.locator('[data-state="ready"]').waitFor({ timeout: 20000 });
	await shows(page, unitName, 'the statistics table');
	const labels = await page.locator('.echart').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
	const stip = labels.length ? await hoverChart(page, labels[0]) : '';
	// the bar chart's axis names are cut to 13 characters and '…'
	ok(stip.includes(unitName.slice(0, 13)),
		`the statistics tooltip shows the unit name as text (tooltip: ${stip})`);
	await clean(page, dialogs, 'the statistics');
	await shot('xss-stats');
}, { timeout: 60000 });

export default s;
