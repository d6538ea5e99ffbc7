// The item page, its forms and the import wizard share these: the shapes
// the server sends (src/api_items.c json_item, api_ledgers.c json_ledger,
// api_progress.c), exact money conversion between 万元 and 元, and who
// may do what on an item (a copy of api_item_may() in src/api_items.c).
import { api } from '../../api'
import { session, type Role } from '../../session'

export interface UnitRef {
  id: number
  name: string | null
}

export interface ItemPlace {
  code: string
  name: string | null
  share: string
  share_given: boolean
  detail: string | null
}

export interface FundLine {
  source: string
  unit_id: number | null
  kind: string
  amount: string
  date: string | null
  doc_no: string | null
  place_code: string | null
}

export interface Target {
  level1: string
  level2: string | null
  indicator: string
  op: string
  target: string
  actual: string | null
  unit: string | null
}

export interface DupWarning {
  item_id: number
  ledger_id: number
  title: string
  place: { code: string; name: string }
  reason: string
}

export interface Item {
  id: number
  ledger_id: number
  seq: number
  code: string | null
  title: string
  content: string | null
  category: string | null
  state: string
  done: boolean
  light: string
  light_label: string
  expected_progress: number | null
  places: ItemPlace[]
  lead_unit: UnitRef | null
  co_units: UnitRef[]
  leader: string | null
  leader_phone: string | null
  responsible: string | null
  responsible_phone: string | null
  start: string | null
  deadline: string | null
  completed: string | null
  progress: number
  progress_text: string | null
  amount: string
  paid: string
  beneficiaries: {
    households: number | null
    persons: number | null
    poor_households: number | null
    monitored_households: number | null
  }
  funds: FundLine[]
  targets: Target[]
  custom: Record<string, unknown>
  created_at: string
  updated_at: string
  created_by: number | null
  updated_by: number | null
  version: number
  warnings?: DupWarning[]
}

export interface CustomField {
  key: string
  name: string
  type: 'text' | 'number' | 'money' | 'date' | 'choice' | 'multichoice' | 'place' | 'unit' | 'person' | 'yesno'
  dict?: string
  required?: boolean
}

export interface LedgerConfig {
  columns: string[]
  required?: string[]
  custom?: CustomField[]
  dicts?: Record<string, string[]>
}

export interface Transition {
  from: string | null
  to: string
  action: string
  role: Role
  needs_note: boolean
  needs_date: boolean
  needs_result: boolean
  completes: boolean
}

export interface Ledger {
  id: number
  name: string
  kind: 'project' | 'task' | 'need' | 'suggestion' | 'problem' | 'record'
  kind_label: string
  template: string | null
  year: number | null
  owner_unit_id: number | null
  region: string | null
  warn_days: number
  lag_points: number
  version: number
  item_count?: number
  config?: LedgerConfig
  states?: { name: string; final: boolean }[]
  transitions?: Transition[]
}

export interface Who {
  id: number
  login: string | null
  name: string | null
}

export interface TimelineEntry {
  id: number
  at: string
  kind: 'update' | 'transition' | 'urge' | 'extension' | string
  user: Who | null
  text: string | null
  from_state: string | null
  to_state: string | null
  progress: number | null
  paid: string | null
  data: Record<string, any> | null
}

export interface Extension {
  id: number
  item_id: number
  reason: string
  old_deadline: string | null
  new_deadline: string | null
  state: 'pending' | 'approved' | 'rejected' | string
  state_label: string
  requested_by: Who | null
  requested_at: string
  decided_by: Who | null
  decided_at: string | null
  decision_note: string | null
}

export interface Attachment {
  id: number
  item_id: number
  update_id: number | null
  name: string
  mime: string
  size: number
  sha256: string
  created_at: string
  created_by: number | null
}

export interface LinkRow {
  id: number
  kind: string
  kind_label: string
  direction: 'out' | 'in'
  item: { id: number; ledger_id: number; title: string; state: string }
}

export interface Unit {
  id: number
  parent_id: number | null
  name: string
  kind: string
  place_code: string | null
}

export interface Place {
  code: string
  name: string
  short_name?: string
  level: number
  level_name?: string
  parent?: string | null
  old_area_class?: string | null
  ancestors?: { code: string; name: string; level: number }[]
}

/** built-in fields and their Chinese labels (src/ledger.c) */
export const FIELD_LABELS: Record<string, string> = {
  seq: '序号', code: '编号', title: '名称', content: '内容', category: '类别', state: '状态',
  places: '实施地点', lead_unit: '责任单位', co_units: '协办单位', leader: '包保领导',
  leader_phone: '领导电话', responsible: '责任人', responsible_phone: '联系电话', start: '开始日期',
  deadline: '完成时限', completed: '完成日期', progress: '进度', progress_text: '形象进度',
  amount: '资金规模', paid: '已支付', households: '受益户数', persons: '受益人数',
  poor_households: '脱贫户数', monitored_households: '监测户数', targets: '绩效目标',
  funds: '资金来源', light: '督办灯',
}

/** the word for "title" and "content" by ledger kind, as real ledgers head them */
export function titleLabel(kind?: string): string {
  switch (kind) {
    case 'project': return '项目名称'
    case 'need': return '需求名称'
    case 'suggestion': return '意见建议'
    case 'problem': return '问题'
    default: return '名称'
  }
}
export function contentLabel(kind?: string): string {
  switch (kind) {
    case 'project': return '建设内容'
    case 'need': return '需求内容'
    case 'suggestion': return '具体内容'
    case 'problem': return '问题描述'
    default: return '主要内容'
  }
}

export const FUND_KINDS = ['计划', '下达', '到位', '支付']
export const TARGET_LEVEL1 = ['产出指标', '效益指标', '满意度指标', '成本指标']
export const TARGET_OPS = ['≥', '≤', '=', '>', '<']

// ---------------------------------------------------------------- money
// Money travels as a decimal string in 元 with at most two decimals. The
// forms take 万元 (what real ledgers use) with at most six decimals, so
// that every 万元 figure is a whole number of 分: the conversion moves
// the decimal point four places as text and never touches a float.

/** "1,200.5" → "1200.5"; null when not a non-negative decimal */
function cleanDecimal(s: string): string | null {
  let t = s.trim().replace(/,/g, ',')
  // thousands separators only in groups of three: "1,449" and "1 575.8",
  // never the ambiguous "4,5"
  if (/[, ]/.test(t)) {
    if (!/^\d{1,3}([, ]\d{3})+(\.\d*)?$/.test(t)) return null
    t = t.replace(/[, ]/g, '')
  }
  if (!/^\d+(\.\d*)?$|^\.\d+$/.test(t)) return null
  return t
}

export type MoneyCheck = { ok: true; yuan: string } | { ok: false; message: string }

/** 万元 text → 元 string ("120.5" → "1205000.00"); '' → ok with yuan '' */
export function wanToYuan(input: string): MoneyCheck {
  const s = (input ?? '').trim()
  if (s === '') return { ok: true, yuan: '' }
  if (s.startsWith('-')) return { ok: false, message: '金额不能为负数' }
  const t = cleanDecimal(s)
  if (t === null) return { ok: false, message: /[,, ]/.test(s) ? '千分位应每三位一组,如 1,449;也可不写逗号' : '请输入数字,如 120 或 35.5' }
  let [int, frac = ''] = t.split('.')
  if (frac.length > 6) return { ok: false, message: '万元最多保留6位小数(精确到分)' }
  frac = frac.padEnd(6, '0')
  let yint = ((int || '0') + frac.slice(0, 4)).replace(/^0+(?=\d)/, '')
  if (yint.length > 15) return { ok: false, message: '金额过大' }
  return { ok: true, yuan: yint + '.' + frac.slice(4, 6) }
}

/** 元 text → 元 string with two decimals ("35" → "35.00") */
export function yuanToYuan(input: string): MoneyCheck {
  const s = (input ?? '').trim()
  if (s === '') return { ok: true, yuan: '' }
  if (s.startsWith('-')) return { ok: false, message: '金额不能为负数' }
  const t = cleanDecimal(s)
  if (t === null) return { ok: false, message: /[,, ]/.test(s) ? '千分位应每三位一组,如 1,449;也可不写逗号' : '请输入数字,如 1200 或 35.50' }
  let [int, frac = ''] = t.split('.')
  if (frac.length > 2) return { ok: false, message: '元最多保留2位小数(精确到分)' }
  int = (int || '0').replace(/^0+(?=\d)/, '')
  if (int.length > 15) return { ok: false, message: '金额过大' }
  return { ok: true, yuan: int + '.' + frac.padEnd(2, '0') }
}

/** 元 string → 万元 text, exact, trailing zeros dropped ("1205000.00" → "120.5") */
export function yuanToWan(yuan: string | null | undefined): string {
  if (yuan === null || yuan === undefined || yuan === '') return ''
  const m = /^(-?)(\d+)(?:\.(\d{0,2}))?$/.exec(String(yuan).trim())
  if (!m) return String(yuan)
  const digits = (m[2] + (m[3] || '').padEnd(2, '0')).replace(/^0+(?=\d)/, '').padStart(7, '0')
  // digits are fen; 1万元 = 1,000,000 fen
  const int = digits.slice(0, -6).replace(/^0+(?=\d)/, '')
  const frac = digits.slice(-6).replace(/0+$/, '')
  return m[1] + int + (frac ? '.' + frac : '')
}

/** fen as a BigInt from a 元 string (for exact sums) */
export function fenOf(yuan: string | null | undefined): bigint {
  if (!yuan) return 0n
  const m = /^(-?)(\d+)(?:\.(\d{0,2}))?$/.exec(String(yuan).trim())
  if (!m) return 0n
  const v = BigInt(m[2] + (m[3] || '').padEnd(2, '0'))
  return m[1] ? -v : v
}

/** a BigInt of fen → 元 string */
export function yuanOf(fen: bigint): string {
  const neg = fen < 0n
  const a = neg ? -fen : fen
  const s = a.toString().padStart(3, '0')
  return (neg ? '-' : '') + s.slice(0, -2) + '.' + s.slice(-2)
}

// ---------------------------------------------------------------- places

/** the prefix a region code stands for: "140881000000" → "140881" */
export function regionPrefix(code: string | null | undefined): string {
  if (!code) return ''
  let c = code
  if (c.length === 12 && c.endsWith('000')) c = c.slice(0, 9)
  if (c.length === 9 && c.endsWith('000')) c = c.slice(0, 6)
  if (c.length === 6 && c.endsWith('00')) c = c.slice(0, 4)
  if (c.length === 4 && c.endsWith('00')) c = c.slice(0, 2)
  return c
}

export function inRegion(code: string, region: string | null | undefined): boolean {
  const p = regionPrefix(region)
  return !!p && code.startsWith(p)
}

/** a village's official name without 村委会/村民委员会/居委会 … */
export function shortPlaceName(name: string | null | undefined): string {
  if (!name) return ''
  return name
    .replace(/社区居民委员会$/, '社区')
    .replace(/村民委员会$/, '村')
    .replace(/居民委员会$/, '社区')
    .replace(/村委会$/, '村')
    .replace(/居委会$/, '社区')
}

/** "运城市 › 永济市 › 虞乡镇" from a place's ancestors (the province left out when deeper) */
export function pathOf(ancestors: { name: string; level: number }[]): string {
  const a = ancestors.filter((x) => x.level > 1 || ancestors.length <= 1)
  return a.map((x) => x.name).join(' › ')
}

const placeCache = new Map<string, Promise<Place>>()
/** GET /places/:code, cached for the page's life */
export function getPlace(code: string): Promise<Place> {
  let p = placeCache.get(code)
  if (!p) {
    p = api.get<Place>('/places/' + encodeURIComponent(code))
    p.catch(() => placeCache.delete(code))
    placeCache.set(code, p)
  }
  return p
}

// ---------------------------------------------------------------- units

let unitsPromise: Promise<Unit[]> | null = null
/** every unit (GET /units), cached */
export function getUnits(force = false): Promise<Unit[]> {
  if (!unitsPromise || force) {
    unitsPromise = api.get<{ items: Unit[] }>('/units').then((r) => r.items || [])
    unitsPromise.catch(() => { unitsPromise = null })
  }
  return unitsPromise
}

export interface UnitNode {
  value: number
  label: string
  children?: UnitNode[]
}

/** the units as a tree for el-tree-select */
export function unitTree(units: Unit[]): UnitNode[] {
  const by = new Map<number, UnitNode>()
  for (const u of units) by.set(u.id, { value: u.id, label: u.name })
  const roots: UnitNode[] = []
  for (const u of units) {
    const n = by.get(u.id)!
    const p = u.parent_id ? by.get(u.parent_id) : undefined
    if (p) (p.children ||= []).push(n)
    else roots.push(n)
  }
  return roots
}

/** the unit and its ancestors' ids */
function unitChain(units: Unit[], id: number | null | undefined): number[] {
  const by = new Map(units.map((u) => [u.id, u]))
  const out: number[] = []
  let cur = id ? by.get(id) : undefined
  while (cur && out.length < 32) {
    out.push(cur.id)
    cur = cur.parent_id ? by.get(cur.parent_id) : undefined
  }
  return out
}

// ---------------------------------------------------------------- who may

const rank: Record<string, number> = { viewer: 1, reporter: 2, supervisor: 3, admin: 4 }

/**
 * Does the logged-in user hold `role` on the item (or, without an item,
 * on the ledger)?  The same rule as api_item_may(): an admin always; a
 * membership of at least that role whose region covers one of the
 * item's places or the ledger's region, or whose unit is (an ancestor
 * of) the lead unit, a co-unit or the ledger's owner unit.
 */
export function userMay(role: Role, ledger: Ledger | null, item: Item | null, units: Unit[]): boolean {
  const u = session.user
  if (!u) return false
  if (u.role === 'admin') return true
  const need = rank[role] || 9
  const ms = (u.memberships || []).filter((m) => (rank[m.role] || 0) >= need)
  if (!ms.length) return false
  const unitIds: number[][] = []
  if (item?.lead_unit) unitIds.push(unitChain(units, item.lead_unit.id))
  for (const c of item?.co_units || []) unitIds.push(unitChain(units, c.id))
  if (ledger?.owner_unit_id) unitIds.push(unitChain(units, ledger.owner_unit_id))
  for (const m of ms) {
    if (m.region) {
      if (item && item.places.some((p) => inRegion(p.code, m.region))) return true
      if (ledger?.region && inRegion(ledger.region, m.region)) return true
    }
    if (m.unit_id && unitIds.some((chain) => chain.includes(m.unit_id!))) return true
  }
  return false
}

/** is the state final in the ledger's workflow? */
export function isFinal(ledger: Ledger | null, state: string): boolean {
  return !!ledger?.states?.find((s) => s.name === state)?.final
}

/** the transitions the workflow offers from the item's state (any role) */
export function transitionsFrom(ledger: Ledger | null, state: string): Transition[] {
  const all = ledger?.transitions || []
  return all.filter((t) => (t.from ? t.from === state : !isFinal(ledger, state) && t.to !== state))
}

// ---------------------------------------------------------------- misc

/** the local date as YYYY-MM-DD */
export function today(): string {
  const t = new Date()
  const p = (n: number) => String(n).padStart(2, '0')
  return `${t.getFullYear()}-${p(t.getMonth() + 1)}-${p(t.getDate())}`
}

/** file size for people: 1.2 MB */
export function fileSize(n: number): string {
  if (n < 1024) return n + ' B'
  if (n < 1024 * 1024) return (n / 1024).toFixed(n < 10240 ? 1 : 0) + ' KB'
  return (n / 1024 / 1024).toFixed(1) + ' MB'
}

/** the length in characters (code points), as the server counts */
export function charLen(s: string | null | undefined): number {
  return s ? Array.from(s).length : 0
}

export type MoneyUnit = '万元' | '元'

/** text in 万元 or 元 → 元 string for the server */
export function moneyToYuan(text: string, unit: MoneyUnit): MoneyCheck {
  return unit === '元' ? yuanToYuan(text) : wanToYuan(text)
}

export interface PickedPlace {
  code: string
  name: string
  /** the place's ancestors below the province, e.g. "运城市 › 永济市 › 虞乡镇" */
  path: string
}

/** a place in a form: its share typed in 万元 or 元 */
export interface PlaceRow extends PickedPlace {
  share: string
  shareUnit: MoneyUnit
  detail: string
}

/** a fund line in a form */
export interface FundRow {
  source: string
  kind: string
  amount: string
  amountUnit: MoneyUnit
  date: string | null
  doc_no: string
  unit_id: number | null
  place_code: string | null
}

/** a performance target in a form */
export interface TargetRow {
  level1: string
  level2: string
  indicator: string
  op: string
  target: string
  actual: string
  unit: string
}
