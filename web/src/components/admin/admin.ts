// Shared pieces of the administration pages (区划, 单位, 用户与角色,
// 操作日志, 消息, 个人中心): the shapes the API returns, Chinese labels,
// the unit tree, place paths, who may change what, and the phone layout.
import { onBeforeUnmount, ref } from 'vue'
import { api } from '../../api'
import { session, type Role } from '../../session'

/* ------------------------------------------------------------ shapes */

export interface Place {
  code: string
  name: string
  short_name: string
  level: number
  level_name: string
  parent: string | null
  old_area_class: string | null
}

export interface PlaceFigure {
  year: number
  population: number | null
  households: number | null
  income_per_capita: string | null
}

export interface PlaceFull extends Place {
  ancestors: { code: string; name: string; level: number }[]
  child_count: number
  figures: PlaceFigure[]
}

export interface Unit {
  id: number
  parent_id: number | null
  name: string
  kind: string
  place_code: string | null
  phone: string | null
  created_at: string
  updated_at: string
  version: number
}

export interface UnitNode extends Unit {
  children: UnitNode[]
  depth: number
}

/** a membership as the user form edits it */
export interface MembershipRow {
  type: 'unit' | 'region'
  unit_id: number | null
  region: string | null
  role: 'supervisor' | 'reporter' | 'viewer'
  is_main: boolean
}

/* ------------------------------------------------------------ labels */

export const roleLabels: Record<Role, string> = {
  admin: '系统管理员',
  supervisor: '督办',
  reporter: '填报',
  viewer: '查看',
}

export const roleHints: Record<Role, string> = {
  admin: '管理用户、单位和全部数据',
  supervisor: '建台账、交办、催办、审批和验收',
  reporter: '填报本单位事项的进展',
  viewer: '只能查看',
}

/** an el-tag type per role */
export function roleTag(r: string): 'danger' | 'warning' | 'primary' | 'info' {
  return r === 'admin' ? 'danger' : r === 'supervisor' ? 'warning' : r === 'reporter' ? 'primary' : 'info'
}

export const unitKinds = ['党政部门', '理事单位', '乡镇街道', '企业', '社会组织', '老促会及分会'] as const

/** common 老区类别 values; the field is free text (the deployment's own words) */
export const oldAreaClasses = ['老区村', '老区乡镇', '一类老区县', '二类老区县', '三类老区县', '四类老区县', '革命老区县', '中央苏区县']

export const levelNames = ['', '省级', '地级', '县级', '乡级', '村级']

/* ------------------------------------------------------- the narrow screen */

/** true below 768 px: tables become cards */
export function useNarrow() {
  const q = window.matchMedia('(max-width: 767px)')
  const narrow = ref(q.matches)
  const on = (e: MediaQueryListEvent) => (narrow.value = e.matches)
  q.addEventListener('change', on)
  onBeforeUnmount(() => q.removeEventListener('change', on))
  return narrow
}

/* ------------------------------------------------------------ places */

const placeCache = new Map<string, Promise<PlaceFull>>()

/** GET /places/:code, cached for the page's life (names do not change) */
export function getPlace(code: string, fresh = false): Promise<PlaceFull> {
  let p = fresh ? undefined : placeCache.get(code)
  if (!p) {
    p = api.get<PlaceFull>(`/places/${code}`)
    placeCache.set(code, p)
    p.catch(() => placeCache.delete(code))
  }
  return p
}

/** the full path of a place: 山西省 / 运城市 / 永济市 / 虞乡镇 / 新源村委会 */
export function placePath(p: PlaceFull): string {
  return [...p.ancestors.map((a) => a.name), p.name].join(' / ')
}

/** "省 / 市 / 县 / 镇" for the parents of search results, one request per distinct parent */
export async function parentPaths(places: Place[]): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  const parents = [...new Set(places.map((p) => p.parent).filter((x): x is string => !!x))]
  await Promise.all(
    parents.map(async (c) => {
      try {
        out.set(c, placePath(await getPlace(c)))
      } catch {
        /* the path stays unknown */
      }
    }),
  )
  return out
}

/** the user's regions (codes), from their memberships */
export function myRegions(): string[] {
  const ms = session.user?.memberships || []
  return [...new Set(ms.map((m) => m.region).filter((x): x is string => !!x))]
}

/** may the user change place `code` (supervisor of a covering region, or admin)? */
export function mayEditPlace(code: string): boolean {
  const u = session.user
  if (!u) return false
  if (u.role === 'admin') return true
  return (u.memberships || []).some(
    (m) => (m.role === 'supervisor' || m.role === 'admin') && !!m.region && code.startsWith(m.region),
  )
}

/* ------------------------------------------------------------ units */

/** GET /units as a tree; parents come before children in the reply */
export async function loadUnits(): Promise<{ list: Unit[]; roots: UnitNode[]; byId: Map<number, UnitNode> }> {
  const r = await api.get<{ items: Unit[] }>('/units')
  return buildUnitTree(r.items)
}

export function buildUnitTree(list: Unit[]): { list: Unit[]; roots: UnitNode[]; byId: Map<number, UnitNode> } {
  const byId = new Map<number, UnitNode>()
  for (const u of list) byId.set(u.id, { ...u, children: [], depth: 0 })
  const roots: UnitNode[] = []
  for (const u of list) {
    const n = byId.get(u.id)!
    const p = u.parent_id ? byId.get(u.parent_id) : undefined
    if (p) p.children.push(n)
    else roots.push(n)
  }
  const depth = (ns: UnitNode[], d: number) => {
    for (const n of ns) {
      n.depth = d
      depth(n.children, d + 1)
    }
  }
  depth(roots, 0)
  return { list, roots, byId }
}

/** ids of the unit and its ancestors, nearest first */
export function unitChain(byId: Map<number, Unit>, id: number | null): number[] {
  const out: number[] = []
  let cur = id ? byId.get(id) : undefined
  while (cur && out.length < 64) {
    out.push(cur.id)
    cur = cur.parent_id ? byId.get(cur.parent_id) : undefined
  }
  return out
}

/**
 * May the user create or change units under `parentId` with place
 * `placeCode`?  The server's rule (api_unit_may): admin; or a
 * supervisor of the unit or one of its ancestors; or a supervisor of a
 * region holding the place.  The server decides; this only hides
 * buttons that would be refused.
 */
export function mayWriteUnit(byId: Map<number, Unit>, unitId: number | null, placeCode: string | null): boolean {
  const u = session.user
  if (!u) return false
  if (u.role === 'admin') return true
  const chain = unitChain(byId, unitId)
  return (u.memberships || []).some((m) => {
    if (m.role !== 'supervisor' && m.role !== 'admin') return false
    if (m.region && placeCode && placeCode.startsWith(m.region)) return true
    return !!m.unit_id && chain.includes(m.unit_id)
  })
}

/* ------------------------------------------------------------ misc */

/** a random password of 14 characters (no look-alikes), for resets */
export function randomPassword(n = 14): string {
  const abc = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789'
  const v = new Uint32Array(n)
  crypto.getRandomValues(v)
  let s = ''
  for (let i = 0; i < n; i++) s += abc[v[i] % abc.length]
  return s
}

/** copy text; true when it worked (the clipboard API, then the old way) */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text)
      return true
    }
  } catch {
    /* fall back */
  }
  const ta = document.createElement('textarea')
  ta.value = text
  ta.setAttribute('readonly', '')
  ta.style.position = 'fixed'
  ta.style.left = '-1000px'
  document.body.appendChild(ta)
  ta.select()
  let ok = false
  try {
    ok = document.execCommand('copy')
  } catch {
    ok = false
  }
  document.body.removeChild(ta)
  return ok
}

/** password rules of the server (user_password_invalid), in Chinese; '' if fine */
export function passwordProblem(pw: string): string {
  if ([...pw].length < 8) return '密码至少需要8个字符'
  if (new TextEncoder().encode(pw).length > 128) return '密码不能超过128个字节'
  return ''
}

/** login rules of the server (user_login_invalid) */
export function loginProblem(s: string): string {
  if (s.length < 2 || s.length > 63) return '登录名长度应为2到63个字符'
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(s)) return '登录名只能包含字母、数字和 . _ -,且以字母或数字开头'
  return ''
}
