// Login, 首页 · 挂图作战, the ledger list and table, and 统计, as the demo
// users see them. Figures on the page are compared with what the API
// says for the same user.
import assert from 'node:assert/strict';
import { suite, see, notSee, until, button, sleep } from './harness.mjs';

const t = suite('home');

// "1234567" → "1,234,567"
const grouped = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

// a 元 string → 万元 with up to 2 decimals, as the UI shows it (format.ts)
function wan(yuan) {
	const [i, f = ''] = String(yuan).split('.');
	const fen = BigInt(i + (f + '00').slice(0, 2));
	const q = (fen * 100n * 2n + 1000000n) / 2000000n;
	const whole = q / 100n;
	const frac = (q % 100n).toString().padStart(2, '0').replace(/0+$/, '');
	return grouped(whole.toString()) + (frac ? '.' + frac : '');
}

const lightCount = (stats, key) => (stats.rows.find((r) => r.key === key) || {}).count || 0;

async function cardValue(page, key) {
	const loc = page.locator(`[data-card="${key}"] .figure`);
	await loc.waitFor();
	return (await loc.innerText()).trim();
}

// the total the pager shows: "共 27 条"
async function pagerTotal(page) {
	const loc = page.locator('.el-pagination__total');
	await loc.waitFor();
	const m = (await loc.innerText()).match(/(\d+)/);
	return m ? Number(m[1]) : NaN;
}

// wait until the table (or the statistics) has loaded
async function settled(page) {
	await page.locator('[data-state="ready"]').waitFor({ timeout: 20000 });
}

t.test('登录:密码错误时显示中文提示,正确时进入首页', async ({ page, shot }) => {
	await page.goto('/ledgers/1');
	// not logged in: the login page, which remembers where to go next
	await page.waitForURL(/\/login\?next=/);
	await see(page, '用户登录');
	await page.fill('#login-name', 'lingdao');
	await page.fill('#login-password', 'not-the-password');
	await button(page, '登录').click();
	await see(page, '用户名或密码错误');
	assert.match(page.url(), /\/login/);
	await shot('login-wrong-password');
	await page.fill('#login-password', 'Taizhang-2026!');
	await page.keyboard.press('Enter');
	await page.waitForURL(/\/ledgers\/1$/);
	await page.locator('h1', { hasText: '2024年老区村帮扶项目台账' }).waitFor({ timeout: 20000 });
	// the top bar names the user, 退出 logs out
	await see(page, '分管领导');
	await page.locator('.user-btn').click();
	await page.getByText('退出登录').click();
	await page.waitForURL(/\/login/);
	await page.goto('/');
	await page.waitForURL(/\/login/);
});

t.test('登录:多次失败后显示限制提示', async ({ page, api }) => {
	const who = 'ghost-h4-' + Date.now();
	for (let i = 0; i < 5; i++) {
		const r = await api('POST', '/session', { login: who, password: 'wrong' });
		assert.equal(r.status, 401);
	}
	await page.goto('/login');
	await page.fill('#login-name', who);
	await page.fill('#login-password', 'wrong');
	await button(page, '登录').click();
	await see(page, /登录失败次数过多,请\d+分钟后再试/);
});

t.test('督查室首页卡片与统计接口一致', async ({ page, login, api, shot }) => {
	await login('jiandu');
	await see(page, '挂图作战');
	const s = (await api('GET', '/stats?group=light')).data;
	assert.ok(s && s.total, 'stats answered');
	assert.equal(await cardValue(page, 'total'), grouped(s.total.count));
	assert.equal(await cardValue(page, 'red'), grouped(lightCount(s, 'red')));
	assert.equal(await cardValue(page, 'yellow'), grouped(lightCount(s, 'yellow')));
	assert.equal(await cardValue(page, 'done'), grouped(lightCount(s, 'grey')));
	assert.equal(await cardValue(page, 'money'), wan(s.total.money));
	assert.equal(await cardValue(page, 'paid'), wan(s.total.paid));
	assert.equal(await cardValue(page, 'benefit'), grouped(s.total.households));
	// the charts and lists are there
	await see(page, '各责任单位督办情况');
	await see(page, '资金投向');
	assert.ok(await page.locator('.echart canvas').count() >= 3, 'charts drawn');
	const od = (await api('GET', '/items?light=red&limit=1')).data;
	await see(page, `全部 ${od.total} 项`);
	await shot('home-supervisor', { fullPage: true });

	// one ledger: the cards follow
	await page.locator('.ledger-select').click();
	await page.locator('.el-select-dropdown__item').filter({ hasText: '2024年老区村帮扶项目台账' }).click();
	await page.waitForURL(/ledger=1/);
	const s1 = (await api('GET', '/stats?group=light&ledger=1')).data;
	await until(async () => (await cardValue(page, 'total')) === grouped(s1.total.count), 'ledger 1 total');
	assert.equal(await cardValue(page, 'red'), grouped(lightCount(s1, 'red')));
	assert.equal(await cardValue(page, 'money'), wan(s1.total.money));
});

t.test('点击红灯数字打开只含红灯事项的表格', async ({ page, login, api, shot }) => {
	await login('jiandu');
	const s = (await api('GET', '/stats?group=light')).data;
	const red = lightCount(s, 'red');
	assert.ok(red > 0, 'the demo has red items');
	await page.locator('[data-card="red"]').click();
	await page.waitForURL(/\/items\?.*light=red/);
	await settled(page);
	assert.equal(await pagerTotal(page), red);
	const badges = await page.locator('.el-table__body-wrapper .light-badge').allInnerTexts();
	assert.ok(badges.length > 0, 'rows shown');
	for (const b of badges)
		assert.equal(b.trim(), '红灯');
	assert.match(await page.locator('.chip.on').innerText(), /红灯/);
	await shot('table-red');

	// from one ledger's home, the ledger's own table
	await page.goto('/?ledger=2');
	const s2 = (await api('GET', '/stats?group=light&ledger=2')).data;
	await until(async () => (await cardValue(page, 'red')) === grouped(lightCount(s2, 'red')), 'ledger 2 red');
	await page.locator('[data-card="red"]').click();
	await page.waitForURL(/\/ledgers\/2\?.*light=red/);
	await settled(page);
	assert.equal(await pagerTotal(page), lightCount(s2, 'red'));
});

t.test('台账列表显示事项数', async ({ page, login, api, shot }) => {
	await login('jiandu');
	await page.goto('/ledgers');
	const ls = (await api('GET', '/ledgers')).data.items;
	for (const l of ls.slice(0, 3)) {
		const card = page.locator(`[data-ledger="${l.id}"]`);
		await card.waitFor();
		assert.ok((await card.innerText()).includes(l.name), `the card of ledger ${l.id} names it`);
		assert.equal((await card.locator('.big').innerText()).trim(), String(l.item_count));
	}
	await shot('ledgers');
	await page.locator('[data-ledger="1"]').click();
	await page.waitForURL(/\/ledgers\/1$/);
	await see(page, '2024年老区村帮扶项目台账');
});

t.test('台账表格:筛选、排序、分页、列设置', async ({ page, login, api, shot }) => {
	await login('nangang');
	await page.goto('/ledgers/5');
	await settled(page);
	const all = (await api('GET', '/ledgers/5/items?limit=1')).data.total;
	assert.ok(all > 20, 'the 民生实事 ledger has more than one page');
	assert.equal(await pagerTotal(page), all);
	assert.equal(await page.locator('.el-table__body-wrapper tbody tr.el-table__row').count(), 20);

	// page 2
	await page.locator('.el-pager li').filter({ hasText: /^2$/ }).click();
	await page.waitForURL(/page=2/);
	await settled(page);
	const p2 = (await api('GET', '/ledgers/5/items?limit=20&offset=20&sort=seq')).data.items;
	const firstTitle = (await page.locator('.el-table__body-wrapper tbody tr.el-table__row .title-link').first().innerText()).trim();
	assert.equal(firstTitle, p2[0].title);

	// filter by state through the select
	const st = (await api('GET', '/stats?group=state&ledger=5')).data.rows.find((r) => r.count > 0);
	await page.locator('.f-state').click();
	await page.locator('.el-select-dropdown__item:visible').filter({ hasText: new RegExp(`^${st.key}$`) }).click();
	await page.waitForURL(new RegExp('state=' + encodeURIComponent(st.key)));
	await settled(page);
	assert.equal(await pagerTotal(page), st.count);
	assert.ok(!/page=/.test(page.url()), 'a new filter starts at page 1');
	const states = await page.locator('.el-table__body-wrapper tbody td .el-tag').allInnerTexts();
	assert.ok(states.length > 0);
	for (const s of states)
		assert.equal(s.trim(), st.key);

	// text search
	await page.goto('/ledgers/5');
	await settled(page);
	const one = (await api('GET', '/ledgers/5/items?limit=1&sort=-seq')).data.items[0];
	const word = one.title.slice(0, 6);
	await page.locator('.f-q input').fill(word);
	await page.locator('.f-q input').press('Enter');
	await page.waitForURL(/q=/);
	await settled(page);
	const want = (await api('GET', `/ledgers/5/items?limit=1&q=${encodeURIComponent(word)}`)).data.total;
	assert.equal(await pagerTotal(page), want);

	// sort by deadline (header click)
	await page.goto('/ledgers/5');
	await settled(page);
	await page.locator('.el-table__header th').filter({ hasText: '完成时限' }).locator('.sort-caret.ascending').click();
	await page.waitForURL(/sort=deadline/);
	await settled(page);
	const sorted = (await api('GET', '/ledgers/5/items?limit=20&sort=deadline')).data.items;
	const titles = await page.locator('.el-table__body-wrapper tbody tr.el-table__row .title-link').allInnerTexts();
	assert.deepEqual(titles.map((s) => s.trim()), sorted.map((i) => i.title));

	// column chooser: hide 类别, kept after a reload
	assert.ok(await page.locator('.el-table__header th').filter({ hasText: /^类别$/ }).count() > 0);
	await button(page, '列设置').click();
	await page.locator('.col-list .el-checkbox').filter({ hasText: /^类别$/ }).click();
	await until(async () => (await page.locator('.el-table__header th').filter({ hasText: /^类别$/ }).count()) === 0,
	    'the 类别 column to go');
	await page.reload();
	await settled(page);
	await see(page, '完成时限');
	assert.equal(await page.locator('.el-table__header th').filter({ hasText: /^类别$/ }).count(), 0);
	await shot('ledger-table');
}, { timeout: 60000 });

t.test('台账表格:地点级联选择到村,完成时限范围', async ({ page, login, api }) => {
	await login('jiandu');
	// a town from the address is shown by name in the cascader
	await page.goto('/ledgers/1?place=140881106');
	await settled(page);
	await until(async () => (await page.locator('.f-place input').inputValue()).includes('张营镇'), 'the town named');
	const town = (await api('GET', '/ledgers/1/items?limit=1&place=140881106')).data.total;
	assert.equal(await pagerTotal(page), town);
	// pick a village: ledger 1 is in 永济市, so its towns come first
	await page.goto('/ledgers/1');
	await settled(page);
	await page.locator('.f-place').click();
	await page.locator('.el-cascader-node').filter({ hasText: '张营镇' }).click();
	const village = page.locator('.el-cascader-menu').nth(1).locator('.el-cascader-node').filter({ hasText: /^张营村$/ });
	await village.locator('.el-radio').click();
	await page.waitForURL(/place=\d{12}/);
	await settled(page);
	const code = new URL(page.url()).searchParams.get('place');
	const want = (await api('GET', `/ledgers/1/items?limit=1&place=${code}`)).data.total;
	assert.ok(want > 0, 'the demo has items at 张营村');
	assert.equal(await pagerTotal(page), want);
	assert.match(await page.locator('.f-place input').inputValue(), /张营镇 \/ 张营村/);
	// a deadline range in the address is applied and shown
	await page.goto('/ledgers/1?deadline_from=2025-01-01&deadline_to=2025-12-31');
	await settled(page);
	const inRange = (await api('GET', '/ledgers/1/items?limit=1&deadline_from=2025-01-01&deadline_to=2025-12-31')).data.total;
	assert.equal(await pagerTotal(page), inRange);
	assert.equal(await page.locator('.f-date input').first().inputValue(), '2025-01-01');
}, { timeout: 60000 });

t.test('督办人可批量催办,填报人和查看人看不到', async ({ page, login, api, shot }) => {
	await login('nangang');
	await page.goto('/ledgers/5?light=red&sort=deadline');
	await settled(page);
	const rows = page.locator('.el-table__body-wrapper tbody tr.el-table__row');
	assert.ok(await rows.count() >= 2);
	const ids = (await api('GET', '/ledgers/5/items?light=red&sort=deadline&limit=2')).data.items.map((i) => i.id);
	await rows.nth(0).locator('.el-checkbox').click();
	await rows.nth(1).locator('.el-checkbox').click();
	await see(page, '已选');
	await button(page, '批量催办').click();
	const dlg = page.locator('.el-dialog').filter({ hasText: '批量催办' });
	await dlg.waitFor();
	const text = '请于本周五前报送进展(界面测试' + Date.now() + ')';
	await dlg.locator('textarea').fill(text);
	await button(dlg, '发出催办').click();
	await see(page, '已向 2 项事项的责任单位发出催办');
	for (const id of ids) {
		const tl = (await api('GET', `/items/${id}/timeline`)).data;
		assert.ok(JSON.stringify(tl).includes(text), `item ${id} has the 催办 in its timeline`);
	}
	await shot('ledger-urged');
});

t.test('填报人与查看人:没有选择框和批量催办,也没有新增', async ({ page, login }) => {
	for (const who of ['zhujian', 'lingdao']) {
		await login(who);
		await page.goto(who === 'zhujian' ? '/ledgers/5' : '/ledgers/1');
		await settled(page);
		assert.ok(await page.locator('.el-table__body-wrapper tbody tr.el-table__row').count() > 0, `${who} sees rows`);
		assert.equal(await page.locator('.el-table__body-wrapper .el-checkbox').count(), 0, `${who}: no checkboxes`);
		await notSee(page, '批量催办');
		await notSee(page, '新增事项');
		await page.locator('.user-btn').click();
		await page.getByText('退出登录').click();
		await page.waitForURL(/\/login/);
	}
}, { timeout: 60000 });

t.test('导出 Excel 与下载模板', async ({ page, login, api }) => {
	await login('jiandu');
	const probe = await api('GET', '/ledgers/1/export?format=xlsx');
	await page.goto('/ledgers/1?light=red');
	await settled(page);
	await page.locator('.actions').getByRole('button', { name: /导出/ }).click();
	await see(page, '导出 Excel(按当前筛选)');
	await see(page, '下载导入模板');
	if (probe.status === 404 && probe.data?.error?.code !== 'not_found') {
		console.log('#   export endpoint not there yet: only the menu was checked');
		return;
	}
	assert.equal(probe.status, 200, 'the export endpoint answers');
	const [dl] = await Promise.all([
		page.waitForEvent('download'),
		page.getByText('导出 Excel(按当前筛选)').click(),
	]);
	assert.match(dl.suggestedFilename(), /\.xlsx$/);
	const path = await dl.path();
	const { readFileSync } = await import('node:fs');
	const head = readFileSync(path).subarray(0, 2).toString('latin1');
	assert.equal(head, 'PK', 'an xlsx is a zip');
	assert.match(dl.url(), /light=red/);
	// CSV of the same filter, and the blank template
	await page.locator('.actions').getByRole('button', { name: /导出/ }).click();
	const [csv] = await Promise.all([
		page.waitForEvent('download'),
		page.getByText('导出 CSV(按当前筛选)').click(),
	]);
	assert.match(csv.suggestedFilename(), /\.csv$/);
	const text = readFileSync(await csv.path(), 'utf8');
	const red = (await api('GET', '/ledgers/1/items?light=red&limit=1')).data.total;
	assert.equal(text.trim().split(/\r?\n/).length, 1 + red, 'a header line and one line per red item');
	await page.locator('.actions').getByRole('button', { name: /导出/ }).click();
	const [tpl] = await Promise.all([
		page.waitForEvent('download'),
		page.getByText('下载导入模板').click(),
	]);
	assert.match(tpl.suggestedFilename(), /\.xlsx$/);
	assert.equal(readFileSync(await tpl.path()).subarray(0, 2).toString('latin1'), 'PK');
});

t.test('统计:按责任单位分组,合计与接口一致', async ({ page, login, api, shot }) => {
	await login('jiandu');
	await page.goto('/stats');
	await see(page, '统计表');
	const s = (await api('GET', '/stats?group=unit&measure=count,money,beneficiaries')).data;
	const foot = page.locator('.el-table__footer-wrapper');
	await until(async () => (await foot.innerText()).includes('合计'), 'the total row');
	const cells = (await foot.locator('td').allInnerTexts()).map((x) => x.trim());
	assert.equal(cells[0], '合计');
	assert.equal(cells[1], grouped(s.total.count));
	assert.equal(cells[2], wan(s.total.money));
	const body = page.locator('.stats-table .el-table__body-wrapper tbody tr');
	assert.equal(await body.count(), s.rows.length);
	assert.match(await body.first().innerText(), new RegExp(s.rows[0].label));
	await shot('stats-unit', { fullPage: true });

	// by town, money: the chosen measure is highlighted, the rows add up
	await page.locator('.el-radio-button').filter({ hasText: '乡镇(街道)' }).click();
	await page.waitForURL(/group=place%3Atown|group=place:town/);
	const st = (await api('GET', '/stats?group=place:town&measure=count,money,beneficiaries')).data;
	await until(async () => (await body.count()) === st.rows.length, 'town rows');

	// a row opens the items it counts
	await page.locator('.el-radio-button').filter({ hasText: '责任单位' }).click();
	await until(async () => (await body.count()) === s.rows.length, 'unit rows');
	const r0 = s.rows.find((r) => r.key);
	await body.filter({ hasText: r0.label }).first().click();
	await page.waitForURL(new RegExp(`/items\\?.*unit=${r0.key}`));
	await settled(page);
	assert.ok(await pagerTotal(page) >= r0.count, 'the unit filter counts at least the lead-unit items');
}, { timeout: 60000 });

t.test('手机上表格变为卡片,菜单收进抽屉', async ({ page, login, api, shot }) => {
	await login('jiandu');
	await page.goto('/ledgers/1');
	const items = (await api('GET', '/ledgers/1/items?limit=20')).data.items;
	await page.locator('.item-card').first().waitFor();
	assert.equal(await page.locator('.item-card').count(), items.length);
	assert.equal(await page.locator('.el-table').count(), 0, 'no table on a phone');
	assert.match(await page.locator('.item-card').first().innerText(), new RegExp(items[0].title.slice(0, 8)));
	await shot('ledger-phone');
	// no horizontal overflow
	const over = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
	assert.ok(over <= 1, `page wider than the phone by ${over}px`);
	await page.getByRole('button', { name: '打开菜单' }).click();
	await page.locator('.drawer-item').filter({ hasText: '统计' }).click();
	await page.waitForURL(/\/stats/);
	await page.goto('/');
	await page.locator('[data-card="total"]').waitFor();
	const over2 = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
	assert.ok(over2 <= 1, `home wider than the phone by ${over2}px`);
	await shot('home-phone', { fullPage: true });
}, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

export default t;
