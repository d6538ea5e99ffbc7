// The columns a ledger's table can show: the built-in fields (docs/api.md)
// and the ledger's custom fields, with their Chinese names, widths, how
// a value is shown and which server-side sort they use.
import type { CustomField, Item, Ledger } from '../types'
import { day, money, percent, wanNumber } from '../format'

export interface Column {
  key: string
  label: string
  width?: number
  minWidth?: number
  align?: 'left' | 'right' | 'center'
  /** server sort for ascending / descending (null: not that way) */
  sort?: { asc: string | null; desc: string | null }
  /** text of the cell (slots render title, state, light, progress themselves) */
  text?: (it: Item) => string
  /** hidden unless chosen */
  optional?: boolean
}

function units(it: Item) {
  return (it.co_units || []).map((u) => u.name).join('、')
}

function places(it: Item) {
  return (it.places || []).map((p) => p.name.replace(/(村民委员会|村委会)$/, '村').replace(/(社区居民委员会|居民委员会|居委会)$/, '社区') + (p.detail ? p.detail : '')).join('、')
}

function num(n: number | null | undefined) {
  return n === null || n === undefined ? '' : String(n)
}

const builtin: Record<string, Omit<Column, 'key'>> = {
  seq: { label: '序号', width: 84, align: 'center', sort: { asc: 'seq', desc: '-seq' }, text: (it) => num(it.seq) },
  code: { label: '编号', width: 120, optional: true, text: (it) => it.code || '' },
  title: { label: '事项名称', minWidth: 280 },
  content: { label: '主要内容', minWidth: 220, optional: true, text: (it) => it.content || '' },
  category: { label: '类别', width: 120, text: (it) => it.category || '' },
  state: { label: '状态', width: 100, align: 'center' },
  places: { label: '地点', minWidth: 150, text: places },
  lead_unit: { label: '责任单位', minWidth: 150, text: (it) => it.lead_unit?.name || '' },
  co_units: { label: '配合单位', minWidth: 150, optional: true, text: units },
  leader: { label: '包保领导', width: 110, text: (it) => it.leader || '' },
  leader_phone: { label: '领导电话', width: 130, optional: true, text: (it) => it.leader_phone || '' },
  responsible: { label: '责任人', width: 100, optional: true, text: (it) => it.responsible || '' },
  responsible_phone: { label: '联系电话', width: 130, optional: true, text: (it) => it.responsible_phone || '' },
  start: { label: '计划开工', width: 116, align: 'center', optional: true, text: (it) => (it.start ? day(it.start) : '') },
  deadline: { label: '完成时限', width: 118, align: 'center', sort: { asc: 'deadline', desc: '-deadline' }, text: (it) => (it.deadline ? day(it.deadline) : '') },
  completed: { label: '完成日期', width: 116, align: 'center', optional: true, text: (it) => (it.completed ? day(it.completed) : '') },
  progress: { label: '进度', width: 124, sort: { asc: 'progress', desc: '-progress' } },
  progress_text: { label: '形象进度', minWidth: 200, optional: true, text: (it) => it.progress_text || '' },
  amount: { label: '计划资金(万元)', width: 136, align: 'right', sort: { asc: null, desc: '-amount' }, text: (it) => (it.amount ? wanNumber(it.amount, 4) : '') },
  paid: { label: '已支付(万元)', width: 130, align: 'right', text: (it) => (it.paid ? wanNumber(it.paid, 4) : '') },
  households: { label: '受益户数', width: 100, align: 'right', optional: true, text: (it) => num(it.beneficiaries?.households) },
  persons: { label: '受益人数', width: 100, align: 'right', text: (it) => num(it.beneficiaries?.persons) },
  poor_households: { label: '脱贫户', width: 90, align: 'right', optional: true, text: (it) => num(it.beneficiaries?.poor_households) },
  monitored_households: { label: '监测户', width: 90, align: 'right', optional: true, text: (it) => num(it.beneficiaries?.monitored_households) },
  funds: {
    label: '资金来源', minWidth: 160, optional: true,
    text: (it) => [...new Set(((it.funds as { source: string }[] | undefined) || []).map((f) => f.source))].join('、'),
  },
  targets: {
    label: '绩效目标', width: 100, align: 'center', optional: true,
    text: (it) => { const n = ((it.targets as unknown[] | undefined) || []).length; return n ? `${n} 项` : '' },
  },
  light: { label: '督办灯', width: 92 },
  ledger: { label: '所属台账', minWidth: 180 },
}

function customText(f: CustomField, it: Item): string {
  const v = it.custom ? it.custom[f.key] : undefined
  if (v === undefined || v === null || v === '') return ''
  switch (f.type) {
    case 'money':
      return money(String(v))
    case 'date':
      return day(String(v))
    case 'yesno':
      return v === true || v === 'true' || v === 1 ? '是' : '否'
    case 'multichoice':
      return Array.isArray(v) ? v.join('、') : String(v)
    case 'unit':
    case 'person':
    case 'place':
      if (typeof v === 'object') {
        const o = v as Record<string, unknown>
        return String(o.name ?? o.label ?? o.code ?? o.id ?? '')
      }
      return String(v)
    default:
      return typeof v === 'object' ? JSON.stringify(v) : String(v)
  }
}

/** The columns of a ledger in its configured order, then its custom fields. */
export function ledgerColumns(l: Ledger | null): Column[] {
  const keys = l?.config?.columns?.length ? [...l.config.columns] : ['seq', 'title', 'category', 'lead_unit', 'deadline', 'progress', 'state', 'light']
  // the light beside the title, where a supervisor looks first
  const li = keys.indexOf('light')
  if (li >= 0) keys.splice(li, 1)
  if (!keys.includes('title')) keys.unshift('title')
  keys.splice(keys.indexOf('title'), 0, 'light')
  const cols: Column[] = []
  for (const k of keys) {
    const b = builtin[k]
    if (b) cols.push({ key: k, ...b })
  }
  for (const f of l?.config?.custom || []) {
    cols.push({
      key: 'cf.' + f.key,
      label: f.name,
      minWidth: f.type === 'text' ? 160 : 110,
      align: f.type === 'money' || f.type === 'number' ? 'right' : 'left',
      optional: f.type === 'text',
      text: (it) => customText(f, it),
    })
  }
  return cols
}

/** The columns of the cross-ledger list (/items). */
export function allColumns(): Column[] {
  return ['light', 'title', 'ledger', 'category', 'state', 'lead_unit', 'deadline', 'progress', 'amount', 'places', 'responsible']
    .map((k) => ({ key: k, ...builtin[k], optional: k === 'places' || k === 'responsible' }))
}

export const sortOptions = [
  { value: 'seq', label: '按序号' },
  { value: '-seq', label: '按序号倒序' },
  { value: 'deadline', label: '完成时限由近到远' },
  { value: '-deadline', label: '完成时限由远到近' },
  { value: '-updated', label: '最近更新在前' },
  { value: 'progress', label: '进度由低到高' },
  { value: '-progress', label: '进度由高到低' },
  { value: '-amount', label: '资金由多到少' },
]
