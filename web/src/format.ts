// Figures and dates as Chinese offices write them. Money arrives as a
// decimal string in 元 ("1575.80") and is never turned into a float
// before it is formatted: the digits are grouped as text.

/** split "−1234.5" into sign, integer digits and 2-digit fraction */
function parseYuan(y: string | number | null | undefined): { neg: boolean; int: string; frac: string } | null {
  if (y === null || y === undefined || y === '') return null
  let s = String(y).trim()
  const neg = s.startsWith('-')
  if (neg) s = s.slice(1)
  if (!/^\d+(\.\d*)?$/.test(s)) return null
  let [int, frac = ''] = s.split('.')
  int = int.replace(/^0+(?=\d)/, '')
  frac = (frac + '00').slice(0, 2)
  return { neg, int, frac }
}

function group(int: string): string {
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/** "1575.8" → "1,575.80" (元); '' or null → "—" */
export function money(yuan: string | number | null | undefined): string {
  const p = parseYuan(yuan)
  if (!p) return '—'
  return (p.neg ? '-' : '') + group(p.int) + '.' + p.frac
}

/** the figure in 万元 with up to `digits` decimals (trailing zeros dropped), no unit */
export function wanNumber(yuan: string | number | null | undefined, digits = 2): string {
  const p = parseYuan(yuan)
  if (!p) return '—'
  // fen as a BigInt: exact; 1万元 = 1,000,000 fen; rounded half up
  const fen = BigInt(p.int + p.frac)
  const unit = 1000000n
  const scale = 10n ** BigInt(digits)
  const q = (fen * scale * 2n + unit) / (unit * 2n)
  const whole = q / scale
  const frac = (q % scale).toString().padStart(digits, '0').replace(/0+$/, '')
  const s = group(whole.toString()) + (frac ? '.' + frac : '')
  return (p.neg && q !== 0n ? '-' : '') + s
}

/** "1575800.00" → "157.58万元" */
export function wan(yuan: string | number | null | undefined, digits = 2): string {
  const s = wanNumber(yuan, digits)
  return s === '—' ? s : s + '万元'
}

/** 万元 as a JS number for charts only (never summed back into money) */
export function wanFloat(yuan: string | number | null | undefined): number {
  const p = parseYuan(yuan)
  if (!p) return 0
  const v = Number(p.int + '.' + p.frac) / 10000
  return p.neg ? -v : v
}

/** count with thousands separators */
export function count(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—'
  return group(String(n))
}

/** "2025-06-30T08:00:00Z" or "2025-06-30" → "2025-06-30" */
export function day(d: string | null | undefined): string {
  if (!d) return '—'
  if (/^\d{4}-\d{2}-\d{2}$/.test(d)) return d
  const t = new Date(d)
  if (isNaN(t.getTime())) return d
  const p = (n: number) => String(n).padStart(2, '0')
  return `${t.getFullYear()}-${p(t.getMonth() + 1)}-${p(t.getDate())}`
}

/** ISO timestamp → "2025-06-30 14:05" in local time */
export function dateTime(d: string | null | undefined): string {
  if (!d) return '—'
  const t = new Date(d)
  if (isNaN(t.getTime())) return d
  const p = (n: number) => String(n).padStart(2, '0')
  return `${t.getFullYear()}-${p(t.getMonth() + 1)}-${p(t.getDate())} ${p(t.getHours())}:${p(t.getMinutes())}`
}

export type Light = 'red' | 'yellow' | 'blue' | 'grey'

export const lightLabels: Record<Light, string> = {
  red: '红灯',
  yellow: '黄灯',
  blue: '蓝灯',
  grey: '已办结',
}

export const lightColors: Record<Light, string> = {
  red: '#d93026',
  yellow: '#e6a23c',
  blue: '#2f6fde',
  grey: '#a0a4ab',
}

/** also the meaning, for tooltips */
export const lightMeanings: Record<Light, string> = {
  red: '已逾期',
  yellow: '临期或进度滞后',
  blue: '正常推进',
  grey: '已办结',
}

export function lightLabel(light: string | null | undefined): string {
  return (light && lightLabels[light as Light]) || '—'
}

type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger'

// states by how far along they are: final good, final bad, waiting for a decision
const doneStates = ['已办结', '验收', '绩效评价', '已满足', '办结', '复查销号', '完工', '整改完成', '答复', '回访']
const stopStates = ['退库', '终止', '不予支持']
const waitStates = ['申请办结', '申请延期', '审核', '申报', '交办', '提出', '受理', '发现']

/** an el-tag type for an item state */
export function stateTagType(state: string | null | undefined): TagType {
  if (!state) return 'info'
  if (stopStates.includes(state)) return 'info'
  if (doneStates.includes(state)) return 'success'
  if (waitStates.includes(state)) return 'warning'
  return 'primary'
}

/** progress % → "40%" */
export function percent(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : `${n}%`
}

/** text made safe for the HTML that ECharts tooltip formatters return */
export function escapeHtml(s: string | number | null | undefined): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}
