// Browser tests of the administration pages: 用户与角色, 区划, 单位,
// 操作日志, 消息, 个人中心, and their phone layout.
// Demo users (tests/e2e/ui.sh gives each the password Taizhang-2026!):
// admin; jiandu (督办, 永济市老促会 and region 140881); jiaotong (填报,
// 永济市交通运输局); nangang (督办, 南岗区委督查室 and region 230103).
import { suite, see, notSee, ok, eq, until, button } from './harness.mjs';

const s = suite('管理');
// a suffix that keeps names unique when the suite runs twice on one store
const RUN = Date.now().toString(36).slice(-5);
// the tests that log in several times or walk several pages
const LONG = { timeout: 60000 };

/* --------------------------------------------------------- helpers */

// the input of an el-input carrying data-testid (on the input or its wrapper)
const input = (scope, id) => scope.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`).first();

// a dialog by its title
const dialog = (page, title) => page.locator('.el-dialog').filter({ has: page.locator('.el-dialog__title', { hasText: title }) }).first();

// choose `text` in the open dropdown of an el-select
async function pick(page, text) {
	// the newest open dropdown: an earlier select's popper may linger
	// in the page while its dialog closes
	const dd = page.locator('.el-select-dropdown:visible').last();
	const opt = dd.locator('.el-select-dropdown__item, .el-tree-node__label')
	    .filter({ hasText: text }).first();
	await opt.waitFor({ state: 'visible' });
	// an option still in its opening animation can fail Playwright's
	// stability check for long on a busy machine: then click it directly
	try {
		await opt.click({ timeout: 3000 });
	} catch {
		await opt.dispatchEvent('click');
	}
}

// the id of a unit by name, through the API
async function unitId(api, name) {
	const r = await api('GET', '/units');
	ok(r.status === 200, `GET /units: ${r.status}`);
	const u = r.data.items.find((x) => x.name === name);
	ok(u, `unit ${name} not found`);
	return u;
}

/* ------------------------------------------------------ 用户与角色 */

s.test('admin creates a user with a unit membership, sees the password once; the user logs in', async ({ page, context, login, shot }) => {
	const who = `ui-new-${RUN}`;
	await login('admin');
	await page.goto('/users');
	await see(page, 'jiaotong');
	await shot('users-list');
	await button(page, '新建用户').click();
	const d = dialog(page, '新建用户');
	await d.waitFor();
	await input(d, 'user-form-login').fill(who);
	await input(d, 'user-form-name').fill('测试填报员');
	await d.locator('.el-radio', { hasText: '填报' }).first().click();
	await button(d, '添加单位').click();
	const row = d.locator('[data-testid="membership-0"]');
	await row.locator('.el-select').first().click();
	await row.locator('input').first().fill('交通运输局');
	await pick(page, '永济市交通运输局');
	await shot('users-create-form');
	await button(d, '保存').click();

	const secret = dialog(page, '请记下密码');
	await secret.waitFor();
	const pw = (await secret.locator('[data-testid="once-password"]').innerText()).trim();
	ok(pw.length >= 12, `generated password shown (got "${pw}")`);
	await see(secret, '只显示这一次');
	await see(secret, who);
	await shot('users-once-password');
	await button(secret, '我已记下,关闭').click();
	await secret.waitFor({ state: 'hidden' });
	// the list has the new user with the unit and the role there
	const tr = page.locator('[data-testid="user-table"] .el-table__row', { hasText: who });
	await see(tr, '永济市交通运输局');
	await see(tr, '填报');

	// the new user logs in with that password
	await context.clearCookies();
	await login(who, pw);
	await see(page, '测试填报员');
}, LONG);

s.test('admin edits a user, disables and enables them; validation errors are in Chinese', async ({ page, login, api }) => {
	await login('admin');
	const r = await api('POST', '/users', { login: `ui-ed-${RUN}`, name: '待编辑用户', role: 'viewer', password: 'Taizhang-2026!' });
	eq(r.status, 201, 'create user through the API');
	await page.goto('/users');
	// a login that breaks the rules is refused beside the field
	await button(page, '新建用户').click();
	const d = dialog(page, '新建用户');
	await input(d, 'user-form-login').fill('坏 名字');
	await input(d, 'user-form-name').fill('某人');
	await button(d, '保存').click();
	await see(d, '登录名只能包含字母、数字和 . _ -');
	// a login taken: the server's message beside the field
	await input(d, 'user-form-login').fill('jiandu');
	await button(d, '保存').click();
	await see(d, '登录名「jiandu」已被使用');
	await button(d, '取消').click();

	const tr = page.locator('[data-testid="user-table"] .el-table__row', { hasText: `ui-ed-${RUN}` });
	await button(tr, '编辑').click();
	const e = dialog(page, '编辑用户');
	await input(e, 'user-form-name').fill('已改名用户');
	await button(e, '保存').click();
	await see(tr, '已改名用户');

	await button(tr, '停用').click();
	await button(page.locator('.el-message-box'), '停用').click();
	await see(tr, '已停用');
	const u = await api('GET', `/users/${r.data.user.id}`);
	eq(u.data.disabled, true, 'the server has the user disabled');
	await button(tr, '启用').click();
	await see(tr, '正常');
}, LONG);

s.test('non-admin visiting 用户与角色 and 操作日志 sees 无权限', async ({ page, login, shot }) => {
	await login('jiandu');
	await notSee(page.locator('aside, nav, .el-menu').first(), '用户与角色');
	await page.goto('/users');
	await see(page, '无权限');
	await notSee(page, '新建用户');
	await shot('users-no-access');
	await page.goto('/audit');
	await see(page, '无权限');
});

/* ------------------------------------------------------------ 区划 */

s.test('a supervisor marks a village’s old-area class and figures; the page shows them', async ({ page, login, api, shot }) => {
	await login('jiandu');
	await page.goto('/places');
	await see(page.locator('[data-testid="place-tree"]'), '永济市');
	await input(page, 'place-search').fill('吴闫');
	const hit = page.locator('.result', { hasText: '吴闫村委会' }).first();
	await see(hit, '虞乡镇'); // the full path is shown
	await hit.click();
	await see(page.locator('[data-testid="place-name"]'), '吴闫村委会');
	await button(page, '编辑老区类别与年度数据').click();
	const d = dialog(page, '吴闫村委会');
	await d.locator('[data-testid="old-area-class"]').first().click();
	const cls = `红色老区村${RUN}`;
	await page.keyboard.type(cls);
	await page.keyboard.press('Enter');
	await button(d, '添加年度').click();
	const fig = d.locator('.fig-row').first();
	// the new row's year: the next after those recorded (this year on a fresh store)
	const year = await fig.locator('input').nth(0).inputValue();
	ok(/^\d{4}$/.test(year), `a year is proposed (${year})`);
	await fig.locator('input').nth(1).fill('2310');
	await fig.locator('input').nth(2).fill('702');
	await fig.locator('input').nth(3).fill('12345.67');
	await shot('places-edit');
	await button(d, '保存').click();
	await d.waitFor({ state: 'hidden' });
	await see(page.locator('[data-testid="place-class"]'), cls);
	await see(page, '12345.67');
	const r = await api('GET', '/places/140881100201');
	eq(r.data.old_area_class, cls, 'old_area_class on the server');
	const f = r.data.figures.find((x) => String(x.year) === year);
	ok(f && f.population === 2310 && f.households === 702 && f.income_per_capita === '12345.67',
	    `the figures of ${year} on the server: ${JSON.stringify(r.data.figures)}`);
	// still there after a reload
	await page.goto('/places?code=140881100201');
	await see(page.locator('[data-testid="place-class"]'), cls);
	await see(page, '2,310');
	await shot('places-village');

	// a bad income is refused in Chinese, nothing saved
	await button(page, '编辑老区类别与年度数据').click();
	const d2 = dialog(page, '吴闫村委会');
	await d2.locator('.fig-row').first().locator('input').nth(3).fill('12,3元');
	await button(d2, '保存').click();
	await see(d2, '人均收入');
	await button(d2, '取消').click();

	// outside the supervisor's region: no edit button, and the server refuses
	await page.goto('/places?code=230103');
	await see(page.locator('[data-testid="place-name"]'), '南岗区');
	await notSee(page, '编辑老区类别与年度数据');
	const x = await api('PATCH', '/places/230103', { old_area_class: '老区' });
	eq(x.status, 403, 'PATCH outside the region');
}, LONG);

/* ------------------------------------------------------------ 单位 */

s.test('units tree shows demo units; a supervisor adds a unit under their own, not under another county’s', async ({ page, login, api, shot }) => {
	await login('jiandu');
	await page.goto('/units');
	const tree = page.locator('[data-testid="unit-tree"]');
	await see(tree, '永济市老区建设促进会');
	await see(tree, '永济市交通运输局');
	await see(tree, '南岗区住建局');

	await tree.getByText('永济市交通运输局', { exact: true }).click();
	await see(page.locator('[data-testid="unit-name"]'), '永济市交通运输局');
	await shot('units-detail');
	await button(page, '新建下级单位').click();
	const d = dialog(page, '新建单位');
	const name = `公路养护股${RUN}`;
	await input(d, 'unit-form-name').fill(name);
	await d.locator('[data-testid="unit-form-kind"]').first().click();
	await pick(page, '党政部门');
	await button(d, '保存').click();
	await d.waitFor({ state: 'hidden' });
	await see(page.locator('[data-testid="unit-name"]'), name);
	await see(tree, name);
	const parent = await unitId(api, '永济市交通运输局');
	const mine = await unitId(api, name);
	eq(mine.parent_id, parent.id, 'the new unit’s parent');

	// the same name again under the same parent: the server's error beside the name
	await tree.getByText('永济市交通运输局', { exact: true }).click();
	await button(page, '新建下级单位').click();
	const d2 = dialog(page, '新建单位');
	await input(d2, 'unit-form-name').fill(name);
	await d2.locator('[data-testid="unit-form-kind"]').first().click();
	await pick(page, '党政部门');
	await button(d2, '保存').click();
	await see(d2.locator('.el-form-item__error'), `同一上级下已有名为「${name}」的单位`);
	await button(d2, '取消').click();

	// another county's unit: read only, and the server refuses a child
	await tree.getByText('南岗区住建局', { exact: true }).click();
	await see(page.locator('[data-testid="unit-name"]'), '南岗区住建局');
	await see(page, '只能查看');
	await notSee(page, '新建下级单位');
	const ng = await unitId(api, '南岗区住建局');
	const r = await api('POST', '/units', { name: `越权单位${RUN}`, kind: '企业', parent_id: ng.id });
	eq(r.status, 403, 'POST /units under another county’s unit');
	ok(/本人负责|管辖|范围/.test(r.data.error.message), `Chinese refusal: ${r.data.error.message}`);
}, LONG);

s.test('units: edit keeps the version, delete asks first', async ({ page, login, api }) => {
	await login('admin');
	const c = await api('POST', '/units', { name: `临时单位${RUN}`, kind: '企业', place_code: '140881' });
	eq(c.status, 201, 'create a unit through the API');
	await page.goto(`/units?id=${c.data.id}`);
	await see(page.locator('[data-testid="unit-name"]'), `临时单位${RUN}`);
	await button(page, '编辑').click();
	const d = dialog(page, '编辑');
	await d.locator('.el-form-item', { hasText: '联系电话' }).locator('input').fill('0359-8012345');
	await button(d, '保存').click();
	await d.waitFor({ state: 'hidden' });
	await see(page, '0359-8012345');
	const g = await api('GET', `/units/${c.data.id}`);
	eq(g.data.version, 2, 'version after one edit');
	await button(page, '删除').click();
	await button(page.locator('.el-message-box'), '删除').click();
	await see(page, `已删除「临时单位${RUN}」`);
	const gone = await api('GET', `/units/${c.data.id}`);
	eq(gone.status, 404, 'the unit is gone');
});

/* ------------------------------------------------------ 操作日志 */

s.test('audit log lists a create and an update with readable field-by-field diffs', async ({ page, login, api, shot }) => {
	await login('admin');
	const c = await api('POST', '/units', { name: `审计单位${RUN}`, kind: '社会组织', place_code: '140881', phone: '111' });
	eq(c.status, 201, 'create');
	const p = await api('PATCH', `/units/${c.data.id}`, { phone: '0359-222' }, { version: c.data.version });
	eq(p.status, 200, 'PATCH with If-Match');
	await page.goto(`/audit?entity=unit&entity_id=${c.data.id}`);
	const list = page.locator('[data-testid="audit-list"]');
	await see(list, '新建');
	await see(list, `审计单位${RUN}`);
	const create = list.locator('article', { hasText: '新建' }).first();
	await see(create, '类型');
	await see(create, '社会组织');
	const upd = list.locator('article', { hasText: '修改' }).first();
	await see(upd, '原值');
	await see(upd, '新值');
	await see(upd, '电话');
	await see(upd, '0359-222');
	await notSee(upd, '版本');
	const text = await list.innerText();
	ok(!text.includes('{"') && !text.includes('":'), 'no raw JSON on the page');
	await see(create, '永济市'); // the place by its name, not only its code
	await shot('audit-unit');

	// unfiltered: a page of 30, then 加载更多 adds the next
	await page.goto('/audit');
	await until(async () => (await list.locator('article').count()) === 30, '30 entries');
	await button(page, '加载更多').click();
	await until(async () => (await list.locator('article').count()) > 30, 'more entries after 加载更多');
	await shot('audit-list');
}, LONG);

/* ------------------------------------------------------------ 消息 */

s.test('inbox shows a 催办 made through the API and opens its item', async ({ page, context, login, apiLogin, api, shot }) => {
	await apiLogin('jiandu');
	const jtj = await unitId(api, '永济市交通运输局');
	const items = await api('GET', `/items?unit=${jtj.id}&done=false&limit=5`);
	ok(items.status === 200 && items.data.items.length > 0, 'an open item of 交通运输局');
	const it = items.data.items[0];
	const text = `请于本周五前报送进展(界面测试${RUN})`;
	const u = await api('POST', `/items/${it.id}/urge`, { text });
	eq(u.status, 201, 'urge');

	await context.clearCookies();
	await login('jiaotong');
	await page.goto('/inbox');
	const msg = page.locator('[data-testid="inbox-list"] article', { hasText: text }).first();
	await see(msg, '催办');
	await see(msg, it.title);
	await see(msg, '督查室王敏');
	await shot('inbox');
	await msg.getByRole('link', { name: it.title }).click();
	await page.waitForURL(new RegExp(`/items/${it.id}$`));
});

s.test('a supervisor approves an extension request from the inbox', async ({ page, context, login, apiLogin, api }) => {
	await apiLogin('jiaotong');
	const jtj = await unitId(api, '永济市交通运输局');
	const items = await api('GET', `/items?unit=${jtj.id}&done=false&limit=50`);
	ok(items.status === 200, 'items');
	// one without a pending request
	let it = null;
	let x = null;
	let nd = '';
	for (const cand of items.data.items) {
		// 60 days after the later of its deadline and today
		const from = Math.max(Date.now(), cand.deadline ? Date.parse(cand.deadline + 'T00:00:00Z') : 0);
		nd = new Date(from + 60 * 86400e3).toISOString().slice(0, 10);
		x = await api('POST', `/items/${cand.id}/extensions`, { reason: `雨季停工,申请延期(界面测试${RUN})`, new_deadline: nd });
		if (x.status === 201) {
			it = cand;
			break;
		}
	}
	ok(it, `an extension request was accepted (last: ${x && x.status} ${x && JSON.stringify(x.data)})`);

	await context.clearCookies();
	await login('jiandu');
	await page.goto('/inbox');
	const msg = page.locator('[data-testid="inbox-list"] article', { hasText: `界面测试${RUN}` }).first();
	await see(msg, '延期申请');
	await see(msg, nd);
	await button(msg, '批准').click();
	const d = dialog(page, '批准延期');
	await button(d, '批准').click();
	await see(msg, '已批准');
	const g = await api('GET', `/items/${it.id}`);
	eq(g.data.deadline, nd, 'the deadline moved');
});

/* ---------------------------------------------------------- 个人中心 */

s.test('a user changes their password and logs in with the new one', async ({ page, context, login, apiLogin, api, base }) => {
	await apiLogin('admin');
	const who = `ui-pw-${RUN}`;
	const c = await api('POST', '/users', { login: who, name: '改密测试', role: 'viewer', password: 'Taizhang-2026!' });
	eq(c.status, 201, 'create user');
	await context.clearCookies();

	await login(who);
	await page.goto('/me');
	await see(page.locator('[data-testid="me-name"]'), '改密测试');
	const NEW = 'Xin-Mima-2026#';
	// mismatch, too short, wrong old password: each in Chinese beside its field
	await input(page, 'pw-old').fill('Taizhang-2026!');
	await input(page, 'pw-new').fill('short');
	await input(page, 'pw-confirm').fill('other');
	await button(page, '修改密码').click();
	await see(page, '密码至少需要8个字符');
	await see(page, '两次输入的新密码不一致');
	await input(page, 'pw-old').fill('wrong-old-pass');
	await input(page, 'pw-new').fill(NEW);
	await input(page, 'pw-confirm').fill(NEW);
	await button(page, '修改密码').click();
	await see(page, '原密码不正确');
	await input(page, 'pw-old').fill('Taizhang-2026!');
	await button(page, '修改密码').click();
	await see(page, '密码已修改。');
	// the session goes on with its new CSRF token: a write from the page works
	const again = await page.evaluate(async () => (await fetch('/api/v1/me')).status);
	eq(again, 200, 'still logged in');

	await context.clearCookies();
	const old = await page.request.post(`${base}/api/v1/session`, { data: { login: who, password: 'Taizhang-2026!' }, failOnStatusCode: false });
	eq(old.status(), 401, 'the old password no longer works');
	await login(who, NEW);
	await see(page, '改密测试');
}, LONG);

/* ------------------------------------------------------------ phone */

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

async function noSideScroll(page, what) {
	const w = await page.evaluate(() => document.documentElement.scrollWidth);
	ok(w <= 392, `${what}: the page is ${w}px wide on a 390px screen`);
}

s.test('phone: users become cards, audit and places fit the screen', async ({ page, login, shot }) => {
	await login('admin');
	await page.goto('/users');
	await see(page.locator('[data-testid="user-cards"]'), 'jiandu');
	ok(await page.locator('[data-testid="user-table"]').count() === 0, 'no table on a phone');
	await noSideScroll(page, '/users');
	await shot('users-phone');
	await page.goto('/audit');
	await page.locator('[data-testid="audit-list"] article').first().waitFor();
	await noSideScroll(page, '/audit');
	await shot('audit-phone');
	await page.goto('/places?code=140881100202');
	await see(page.locator('[data-testid="place-name"]'), '新源村委会');
	await noSideScroll(page, '/places');
	await shot('places-phone', { fullPage: true });
	await page.goto('/units');
	await see(page.locator('[data-testid="unit-tree"]'), '永济市老区建设促进会');
	await noSideScroll(page, '/units');
	await page.goto('/me');
	await see(page.locator('[data-testid="me-name"]'), '系统管理员');
	await noSideScroll(page, '/me');
	await shot('me-phone', { fullPage: true });
}, { ...PHONE, ...LONG });

s.test('phone: a reporter reads the inbox', async ({ page, login, shot }) => {
	await login('jiaotong');
	await page.goto('/inbox');
	await see(page, '消息');
	await page.locator('[data-testid="inbox-list"]').waitFor();
	await noSideScroll(page, '/inbox');
	await shot('inbox-phone');
}, PHONE);

export default s;
