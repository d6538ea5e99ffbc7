// Browser tests of the item page, the item forms and the import wizard,
// walking the scenarios of SPEC §1 that have a back end:
//   a unit reporter posts progress and asks for an extension; the
//   supervisor urges, approves the extension, accepts completion; a
//   supervisor creates a project by the form (field errors, the place
//   picker, the duplicate-construction warning); a need becomes a
//   project; a suggestion is forwarded to a unit; evidence is uploaded
//   and downloaded; a leader sees the item and no action; a sheet is
//   imported through the wizard.
// Demo users (password Taizhang-2026!): jiandu (督办, 永济市老促会 and
// region 140881), jiaotong (填报, 永济市交通运输局), lingdao (查看,
// 永济市), nangang (督办, 南岗区委督查室 and 南岗区), zhujian (填报,
// 南岗区住建局).
import { deflateSync } from 'node:zlib';

import { suite, see, notSee, ok, eq, until, button } from './harness.mjs';

const s = suite('事项');
const RUN = Date.now().toString(36).slice(-5);

/* --------------------------------------------------------- helpers */

// a dialog by its title
const dialog = (page, title) => page.locator('.el-dialog').filter({ has: page.locator('.el-dialog__title', { hasText: title }) }).first();

// the item page's action toolbar
const actions = (page) => page.getByRole('toolbar', { name: '事项操作' });

// choose `text` in the open dropdown of an el-select / el-tree-select
async function pick(page, text) {
	const opt = page.locator('.el-select-dropdown:visible .el-select-dropdown__item, .el-select-dropdown:visible .el-tree-node__label, .el-popper:visible .el-select-dropdown__item')
	    .filter({ hasText: text }).first();
	await opt.waitFor({ state: 'visible' });
	await opt.click();
}

// type a date into an el-date-picker by its input id
async function typeDate(page, id, value) {
	const el = page.locator(`#${id}`);
	await el.click();
	await el.fill(value);
	await el.press('Enter');
	// (no Escape: it would close the dialog around the picker)
	await page.locator('.el-picker__popper:visible').waitFor({ state: 'hidden', timeout: 3000 }).catch(() => {});
}

// the item of ledger `ledger` whose title contains `part`, through the API
async function findItem(api, ledger, part) {
	const r = await api('GET', `/ledgers/${ledger}/items?limit=500`);
	ok(r.status === 200, `GET /ledgers/${ledger}/items: ${r.status}`);
	const it = r.data.items.find((x) => x.title.includes(part));
	ok(it, `no item "${part}" in ledger ${ledger}`);
	return it;
}

// log the browser out (the next login() goes through the login page)
async function logout(api) {
	await api('DELETE', '/session');
}

// YYYY-MM-DD, days from today (the browser's Asia/Shanghai date)
function dayFromNow(days) {
	const t = new Date(Date.now() + days * 86400000);
	const f = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
	return f.format(t);
}

// a PNG of w x h pixels: a sky over a grey road, as a site photo would be
function png(w, h) {
	const crcTable = [];
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++)
			c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		crcTable[n] = c >>> 0;
	}
	const crc = (buf) => {
		let c = 0xffffffff;
		for (const b of buf)
			c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
		return (c ^ 0xffffffff) >>> 0;
	};
	const chunk = (type, data) => {
		const len = Buffer.alloc(4);
		len.writeUInt32BE(data.length);
		const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
		const c = Buffer.alloc(4);
		c.writeUInt32BE(crc(td));
		return Buffer.concat([len, td, c]);
	};
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(w, 0);
	ihdr.writeUInt32BE(h, 4);
	ihdr[8] = 8;	/* bit depth */
	ihdr[9] = 2;	/* RGB */
	const raw = Buffer.alloc((w * 3 + 1) * h);
	for (let y = 0; y < h; y++) {
		const row = y * (w * 3 + 1);
		for (let x = 0; x < w; x++) {
			const road = y > h * 0.55 && Math.abs(x - w / 2) < (y - h * 0.55) * 1.2 + 8;
			const [r, g, b] = road ? [90, 94, 100] : y > h * 0.55 ? [96, 160, 80] : [150, 196, 240];
			raw[row + 1 + x * 3] = r;
			raw[row + 2 + x * 3] = g;
			raw[row + 3 + x * 3] = b;
		}
	}
	return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
	    chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
const PNG = png(480, 300);
// a one-page PDF (enough for the type check)
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');

/* ------------------------------------------------ reporter: progress */

s.test('填报人员报送进展,进展出现在办理记录中;看不到编辑和催办', async ({ page, login, api, shot }) => {
	await login('jiaotong');
	const it = await findItem(api, 1, '铺设柏油路');
	await page.goto(`/items/${it.id}`);
	await see(page, it.title);
	const bar = actions(page);
	await button(bar, '进展填报').waitFor();
	eq(await button(bar, '编辑').count(), 0, '编辑 buttons for a reporter');
	eq(await button(bar, '催办').count(), 0, '催办 buttons for a reporter');
	ok(await button(bar, '申请延期').count() === 1, 'a reporter may ask for an extension');
	// the workflow step the reporter may take from 实施
	ok(await button(bar, '完工').count() === 1, '完工 (a reporter step from 实施) is offered');

	await button(bar, '进展填报').click();
	const d = dialog(page, '进展填报');
	await d.waitFor();
	// the required text is checked before anything is sent
	await button(d, '报送').click();
	await see(d, '「进展情况」不能为空');
	const text = `新源村段沥青摊铺完成,正在清理路肩 ${RUN}`;
	await d.locator('#pf-text').fill(text);
	await d.locator('#pf-progress').fill('95');
	await d.locator('#pf-progress').press('Tab');
	await d.locator('#pf-paid').fill('12.5');
	await shot('item-progress-dialog');
	await button(d, '报送').click();
	await see(page, '进展已报送');
	await d.waitFor({ state: 'hidden' });
	const tl = page.locator('.tz-timeline');
	await see(tl, text);
	await see(tl, '进度 95%');
	await see(tl, '本次支付 12.5万元');
	await see(page.locator('.col-side'), '95%');
	const after = await api('GET', `/items/${it.id}`);
	eq(after.data.progress, 95, 'progress on the server');
	await shot('item-reporter');
});

/* ------------------------------------------ supervisor: 催办 → inbox */

s.test('督办人员催办,责任单位的填报人员在消息中收到', async ({ page, login, api, shot }) => {
	await login('jiandu');
	const it = await findItem(api, 2, '新源村巷道铺设柏油路');
	await page.goto(`/items/${it.id}`);
	await see(page, it.title);
	const bar = actions(page);
	await button(bar, '催办').click();
	const d = dialog(page, '催办');
	await d.waitFor();
	await see(d, '永济市交通运输局');
	const text = `请本周内完成施工招标 ${RUN}`;
	await d.locator('#urge-text').fill(text);
	await button(d, '发送催办').click();
	await see(page, '已催办');
	await see(page.locator('.tz-timeline'), text);
	await shot('item-urged');

	await logout(api);
	await login('jiaotong');
	const inbox = await api('GET', '/me/inbox');
	eq(inbox.status, 200, 'GET /me/inbox');
	ok(inbox.data.items.some((m) => m.kind === 'urge' && m.item_id === it.id && m.text === text),
	    'the 催办 is in the reporter\'s inbox');
	// and the reporter sees it on the item
	await page.goto(`/items/${it.id}`);
	await see(page.locator('.tz-timeline'), text);
}, { timeout: 60000 });

/* ------------------------------- extension: request, then approval */

s.test('填报人员申请延期,督办人员批准后完成时限改变', async ({ page, login, api, shot }) => {
	await login('jiaotong');
	const it = await findItem(api, 2, '新源村巷道铺设柏油路');
	const newDay = dayFromNow(45);
	await page.goto(`/items/${it.id}`);
	await button(actions(page), '申请延期').click();
	const d = dialog(page, '申请延期');
	await d.waitFor();
	await button(d, '提交申请').click();
	await see(d, '「新的完成时限」不能为空');
	await see(d, '「延期理由」不能为空');
	await typeDate(page, 'ext-date', newDay);
	await d.locator('#ext-reason').fill('雨季施工受阻,沥青拌合站停产一个月');
	await button(d, '提交申请').click();
	await see(page, '延期申请已提交');
	await see(page, `延期申请待审批:完成时限 ${it.deadline} → ${newDay}`);
	// one pending request at a time: the button is gone
	eq(await button(actions(page), '申请延期').count(), 0, '申请延期 while one is pending');
	// a reporter cannot decide
	eq(await button(page, '批准延期').count(), 0, '批准延期 for the reporter');
	await shot('item-extension-pending');

	await logout(api);
	await login('jiandu');
	await page.goto(`/items/${it.id}`);
	await button(page, '批准延期').click();
	const dd = dialog(page, '批准延期');
	await dd.waitFor();
	await see(dd, `改为 ${newDay}`);
	await button(dd, '批准').click();
	await see(page, `已批准延期,完成时限改为 ${newDay}`);
	await see(page.locator('.meta'), `完成时限 ${newDay}`);
	await see(page.locator('.tz-timeline'), '批准延期');
	await notSee(page, '延期申请待审批');
	const after = await api('GET', `/items/${it.id}`);
	eq(after.data.deadline, newDay, 'deadline on the server');
	await shot('item-extension-approved');
}, { timeout: 60000 });

/* ------------------------------ task: 申请办结 by the unit, 办结销号 */

s.test('责任单位申请办结,督办人员办结销号', async ({ page, login, api, shot }) => {
	await login('zhujian');
	const r = await api('GET', '/ledgers/5/items?state=办理中&limit=500');
	const it = r.data.items.find((x) => x.lead_unit && x.lead_unit.name.includes('住建'));
	ok(it, 'an item of 南岗区住建局 in 办理中');
	await page.goto(`/items/${it.id}`);
	await button(actions(page), '申请办结').click();
	const d = dialog(page, '申请办结');
	await d.waitFor();
	await button(d, '确定申请办结').click();
	await see(d, '须填写说明');
	await d.locator('#tr-note').fill('已全部完工并通过街道验收');
	await button(d, '确定申请办结').click();
	await see(page, '已申请办结');
	await see(page.locator('.meta'), '申请办结');
	eq(await button(actions(page), '办结销号').count(), 0, '办结销号 for the reporter');

	await logout(api);
	await login('nangang');
	await page.goto(`/items/${it.id}`);
	await button(actions(page), '办结销号').click();
	const d2 = dialog(page, '办结销号');
	await d2.waitFor();
	await button(d2, '确定办结销号').click();
	await see(page, '已办结销号');
	await see(page.locator('.meta'), '已办结');
	await see(page.locator('.col-side'), '100%');
	// a finished item takes no progress and no 催办
	eq(await button(page, '进展填报').count(), 0, '进展填报 on a finished item');
	eq(await button(page, '催办').count(), 0, '催办 on a finished item');
	await shot('item-task-closed');
}, { timeout: 60000 });

/* ------------------------- the form: errors, place picker, duplicates */

s.test('督办人员用表单新增项目:必填项逐项提示,按名称选村,提示重复建设', async ({ page, login, api, shot }) => {
	await login('jiandu');
	await page.goto('/ledgers/2/new');
	await see(page, '新增事项');
	await button(page, '新增').click();
	await see(page, '「项目名称」不能为空');
	await see(page, '「实施地点」不能为空');
	await see(page, '「责任单位」不能为空');
	await see(page, '「资金规模」不能为空');
	await shot('item-form-errors', { fullPage: true });

	const title = `新源村巷道铺设柏油路二期 ${RUN}`;
	await page.locator('#f-title').fill(title);
	await notSee(page, '「项目名称」不能为空');
	await page.locator('#f-category').click();
	await pick(page, '基础设施类');
	// the place picker searches within the ledger's region and shows the path
	await page.locator('#f-places').click();
	await page.locator('#f-places').fill('新源');
	await see(page.locator('.ps-popper'), '虞乡镇');
	await pick(page, '新源村');
	await see(page.locator('.pp-list'), '新源村委会');
	await see(page.locator('.pp-list'), '永济市 › 虞乡镇');
	// a click on a tree option can land before the filtered tree has
	// settled on a loaded machine: pick again until the field takes it
	for (let i = 0; ; i++) {
		await page.locator('#f-lead').click();
		await page.locator('#f-lead').fill('交通');
		await pick(page, '永济市交通运输局');
		try {
			await notSee(page, '「责任单位」不能为空', 3000);
			break;
		} catch (e) {
			if (i === 2)
				throw e;
		}
	}
	// money in 万元 with at most six decimals, shown in 元 exactly
	await page.locator('#f-amount').fill('35.1234567');
	await button(page, '新增').click();
	await see(page, '万元最多保留6位小数');
	await page.locator('#f-amount').fill('35.5');
	await see(page, '= 355,000.00 元');
	await typeDate(page, 'f-start', '2025-06-01');
	await typeDate(page, 'f-deadline', '2025-05-01');
	await button(page, '新增').click();
	await see(page, '「完成时限」不能早于「开始日期」');
	await typeDate(page, 'f-deadline', '2025-12-31');
	await shot('item-form-filled', { fullPage: true });
	await button(page, '新增').click();

	await page.waitForURL(/\/items\/\d+$/);
	await see(page, title);
	const alert = page.locator('.dup-alert');
	await see(alert, '可能重复建设');
	await see(alert, '新源村巷道铺设柏油路');
	await see(page.locator('.place-tree'), '新源村');
	await see(page.locator('.place-tree'), '虞乡镇');
	const id = Number(page.url().match(/\/items\/(\d+)$/)[1]);
	const made = await api('GET', `/items/${id}`);
	eq(made.data.amount, '355000.00', 'amount in 元 on the server');
	eq(made.data.places[0].code, '140881100202', 'place code');
	await shot('item-created-duplicate');
}, { timeout: 60000 });

s.test('编辑事项:修改后保存;他人已修改时提示刷新', async ({ page, login, api }) => {
	await login('jiandu');
	const it = await findItem(api, 2, '洗马村人饮管网改造');
	await page.goto(`/items/${it.id}/edit`);
	await see(page, '编辑事项');
	await page.locator('#f-resp').fill('王建国');
	// someone else saves first
	const other = await api('PATCH', `/items/${it.id}`, { leader: '张副市长' }, { version: it.version });
	eq(other.status, 200, 'the concurrent PATCH');
	await button(page, '保存').click();
	await see(page, '该事项已被他人修改,请刷新后重试');
	await button(page, '重新加载').click();
	await page.locator('#f-resp').fill('王建国');
	await button(page, '保存').click();
	await page.waitForURL(new RegExp(`/items/${it.id}$`));
	await see(page, '已保存');
	await see(page, '王建国');
	await see(page, '张副市长');
});

/* ----------------------------------------------- need → project */

s.test('村需求转为项目:生成项目并关联,需求变为已立项', async ({ page, login, api, shot }) => {
	await login('jiandu');
	const r = await api('GET', '/ledgers/3/items?state=认领&limit=100');
	const need = r.data.items.find((x) => x.lead_unit);
	ok(need, 'a claimed need');
	await page.goto(`/items/${need.id}`);
	await button(actions(page), '转为项目').click();
	const d = dialog(page, '转为项目');
	await d.waitFor();
	await see(d, '2025年老区村帮扶项目台账');
	await shot('item-to-project-dialog');
	await button(d, '确定转为项目').click();
	await see(page, '已转为项目');
	await see(page.locator('.meta'), '已立项');
	const link = page.locator('.el-alert--success a');
	await see(link, need.title);
	await link.click();
	await page.waitForURL((u) => !u.pathname.endsWith(`/items/${need.id}`));
	await see(page, '2025年老区村帮扶项目台账');
	await see(page.locator('.meta'), '申报');
	await shot('item-project-from-need');
});

/* ------------------------------------------- suggestion → task (转办) */

s.test('群众意见建议转办给责任单位', async ({ page, login, api, shot }) => {
	await login('nangang');
	const made = await api('POST', '/ledgers/6/items', {
		title: `建议在文化公园增设公共厕所 ${RUN}`, content: '公园内只有一处公厕,节假日排队时间长',
	});
	eq(made.status, 201, 'POST a suggestion');
	await page.goto(`/items/${made.data.id}`);
	await see(page.locator('.meta'), '受理');
	await button(actions(page), '转办').click();
	const d = dialog(page, '转办');
	await d.waitFor();
	await see(d, '南岗区百项民生实事清单');
	await button(d, '确定转办').click();
	await see(d, '请选择承办的责任单位');
	await see(d, '请选择完成时限');
	await d.locator('#lf-unit').click();
	await d.locator('#lf-unit').fill('住建');
	await pick(page, '南岗区住建局');
	await typeDate(page, 'lf-deadline', dayFromNow(30));
	await button(d, '确定转办').click();
	await see(page, '已转办');
	await see(page.locator('.meta'), '分办');
	await see(page.locator('.el-alert--success'), '转办生成的任务');
	const tasks = await api('GET', `/ledgers/5/items?q=${encodeURIComponent('文化公园增设公共厕所 ' + RUN)}`);
	eq(tasks.data.total, 1, 'the task in the 民生实事 ledger');
	eq(tasks.data.items[0].lead_unit.name, '南岗区住建局', 'its unit');
	await shot('item-forwarded');
});

/* ------------------------------------------------------- viewer */

s.test('领导(查看)看到事项的全部信息,没有任何操作按钮', async ({ page, login, api, shot }) => {
	await login('lingdao');
	const it = await findItem(api, 1, '铺设柏油路');
	await page.goto(`/items/${it.id}`);
	await see(page, it.title);
	await see(page, '实施地点');
	await see(page, '资金规模');
	await see(page, '办理记录');
	eq(await actions(page).count(), 0, 'the action toolbar for a viewer');
	for (const b of ['进展填报', '催办', '编辑', '申请延期', '完工', '上传附件'])
		eq(await button(page, b).count(), 0, `${b} button for a viewer`);
	await shot('item-viewer');
	// the form says no, too
	await page.goto(`/items/${it.id}/edit`);
	await see(page, '没有权限');
});

/* -------------------------------------------------- attachments */

s.test('上传附件、预览图片、下载与删除', async ({ page, login, api, context, shot }) => {
	await login('jiaotong');
	const it = await findItem(api, 2, '新源村巷道铺设柏油路');
	await page.goto(`/items/${it.id}`);
	const name = `现场照片-${RUN}.png`;
	await page.locator('[data-testid="attachment-input"]').setInputFiles({ name, mimeType: 'image/png', buffer: PNG });
	await see(page, `已上传「${name}」`);
	const row = page.locator('.at-row').filter({ hasText: name });
	await row.waitFor();
	// download: the same bytes come back
	const href = await row.locator('a.at-name').getAttribute('href');
	const got = await context.request.get(href);
	eq(got.status(), 200, 'download status');
	ok(Buffer.compare(await got.body(), PNG) === 0, 'the downloaded bytes are the uploaded ones');
	ok(/attachment/.test(got.headers()['content-disposition'] || ''), 'sent as an attachment');
	// preview in a dialog
	await button(row, '预览').click();
	const d = dialog(page, name);
	await d.waitFor();
	await d.locator('img.pv-img').waitFor();
	await until(() => d.locator('img.pv-img').evaluate((img) => img.complete && img.naturalWidth === 480), 'the image to show');
	await shot('item-attachment-preview');
	await button(d, '关闭').click();
	await d.waitFor({ state: 'hidden' });
	// a PDF: shown in a frame when the server allows it, else offered for download
	const pdfName = `验收单-${RUN}.pdf`;
	await page.locator('[data-testid="attachment-input"]').setInputFiles({ name: pdfName, mimeType: 'application/pdf', buffer: PDF });
	await see(page, `已上传「${pdfName}」`);
	const pdfRow = page.locator('.at-row').filter({ hasText: pdfName });
	await button(pdfRow, '预览').click();
	const pd = dialog(page, pdfName);
	await pd.waitFor();
	await until(async () => (await pd.locator('iframe.pv-pdf').count()) > 0 || (await pd.getByText('请下载后查看').count()) > 0,
	    'the PDF frame or the download offer');
	await button(pd, '关闭').click();
	// a file the server does not take is refused in Chinese
	await page.locator('[data-testid="attachment-input"]').setInputFiles({ name: 'x.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ\x90\x00binary') });
	await see(page, '上传失败');
	// the uploader may delete within a day
	await button(row, '删除').click();
	await button(page.locator('.el-message-box'), '删除').click();
	// the row goes, and the server no longer lists the file
	await until(async () => (await page.locator('.at-row').filter({ hasText: name }).count()) === 0,
	    'the deleted attachment to leave the list', 20000);
	const left = await api('GET', `/items/${it.id}/attachments`);
	eq(left.status, 200, 'attachments list');
	ok(!left.data.items.some((a) => a.name === name), 'the server no longer lists the deleted file');
});

/* --------------------------------------------------------- phone */

s.test('手机上查看事项并填报进展', async ({ page, login, api, shot }) => {
	await login('jiaotong');
	const it = await findItem(api, 2, '新源村巷道铺设柏油路');
	await page.goto(`/items/${it.id}`);
	await see(page, it.title);
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
	ok(overflow <= 1, `the page is ${overflow}px wider than the phone`);
	await shot('item-phone');
	await button(actions(page), '进展填报').click();
	const d = dialog(page, '进展填报');
	await d.waitFor();
	await d.locator('#pf-text').fill('手机填报:招标文件已挂网');
	await button(d, '报送').click();
	await see(page, '进展已报送');
	await see(page.locator('.tz-timeline'), '手机填报:招标文件已挂网');
	await shot('item-phone-progress', { fullPage: true });
}, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

/* ----------------------------------------------------- import */

s.test('导入向导:上传CSV,核对列,逐行问题,修改后确认导入', async ({ page, login, api, shot }) => {
	await login('jiandu');
	await page.goto('/ledgers/2/import');
	await see(page, '从 Excel 导入');
	await see(page, '下载本台账的空白模板');
	await shot('import-upload');
	const csv = (rows) => Buffer.from(rows.join('\r\n') + '\r\n', 'utf8');
	// 序号 1 and 2 are taken in this ledger, and one village does not exist
	await page.locator('[data-testid="import-file"]').setInputFiles({
		name: `补录-${RUN}.csv`, mimeType: 'text/csv', buffer: csv([
			'2025年老区村帮扶项目台账(补录)',
			'单位:万元',
			'序号,项目名称,项目类别,实施地点,责任单位,资金规模,备注',
			`1,东开张村晾晒场扩建 ${RUN},产业类,东开张村,永济市农业农村局,20,`,
			`2,栲栳村文化活动室音响购置 ${RUN},公共服务类,不存在村,永济市文旅局,8,`,
		]),
	});
	// 核对列: the guessed mapping, the unknown column shown
	await see(page, '表格中的列名');
	await see(page, '2025年老区村帮扶项目台账(补录)');
	await see(page, '有 1 列未对应到台账字段');
	await shot('import-columns');
	// do not import the 序号 column: the server numbers the rows itself
	await page.getByRole('combobox', { name: '第A列导入到' }).click();
	await pick(page, '不导入');
	await see(page, '有 2 列未对应到台账字段');
	await button(page, '下一步:查看检查结果').click();
	// 检查结果: the unknown village is an error on its row and column
	await see(page, '已按新的设置重新检查');
	const problems = page.locator('.problems');
	await see(problems, '不存在村');
	await see(problems, '实施地点');
	await notSee(problems, '已被本台账的其他事项使用');
	const row = problems.locator('tr').filter({ hasText: '不存在村' }).first();
	await see(row, '5');
	await see(row, 'D');
	ok(await button(page, '下一步:确认导入').isDisabled(), 'confirm is disabled while there are errors');
	await see(page, '下载标注错误的表格');
	await shot('import-problems');

	// fix the sheet and upload it again
	await button(page, '重新上传').click();
	await page.locator('[data-testid="import-file"]').setInputFiles({
		name: `补录-${RUN}-改.csv`, mimeType: 'text/csv', buffer: csv([
			'项目名称,项目类别,实施地点,责任单位,资金规模(万元)',
			`东开张村晾晒场扩建 ${RUN},产业类,东开张村,永济市农业农村局,20`,
			`栲栳村文化活动室音响购置 ${RUN},公共服务类,栲栳村,永济市文旅局,8`,
		]),
	});
	await see(page, '表格中的列名');
	await button(page, '下一步:查看检查结果').click();
	await see(page, '可导入');
	await see(page, /没有错误|检查通过/);
	await button(page, '下一步:确认导入').click();
	await see(page, '新增事项');
	await button(page, '确认导入').click();
	await see(page, '导入完成');
	await see(page, '新增 2 项');
	await shot('import-done');
	const r = await api('GET', `/ledgers/2/items?q=${encodeURIComponent(RUN)}&limit=50`);
	const imported = r.data.items.filter((x) => /^(东开张村晾晒场扩建|栲栳村文化活动室音响购置) /.test(x.title));
	eq(imported.length, 2, 'imported items');
	const one = imported.find((x) => x.title.startsWith('东开张村'));
	eq(one.amount, '200000.00', '20 万元 in 元');
	await button(page, '查看台账').click();
	await page.waitForURL(/\/ledgers\/2$/);
}, { timeout: 60000 });

export default s;
