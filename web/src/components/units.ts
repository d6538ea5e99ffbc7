// The unit list, loaded once and shared by the pickers.
import { reactive } from 'vue'
import { api } from '../api'
import { session } from '../session'
import type { Page, Unit } from '../types'

export const unitsState = reactive({ items: [] as Unit[], loading: false, loaded: false, user: 0 })
let pending: Promise<Unit[]> | null = null

/** GET /units once (again when force). */
export function loadUnits(force = false): Promise<Unit[]> {
  // another user logged in on this page: load again
  if (unitsState.user !== (session.user?.id || 0)) force = true
  if (unitsState.loaded && !force) return Promise.resolve(unitsState.items)
  if (pending && !force) return pending
  unitsState.loading = true
  pending = api.get<Page<Unit>>('/units').then((r) => {
    unitsState.items = r.items
    unitsState.loaded = true
    unitsState.user = session.user?.id || 0
    return r.items
  }).catch(() => unitsState.items).finally(() => {
    unitsState.loading = false
    pending = null
  })
  return pending
}

export interface UnitNode { value: string; label: string; children?: UnitNode[] }

/** units as a tree for el-tree-select (value: id as a string) */
export function unitTree(units: Unit[]): UnitNode[] {
  const ids = new Set(units.map((u) => u.id))
  const by = new Map<number | null, Unit[]>()
  for (const u of units) {
    const p = u.parent_id && ids.has(u.parent_id) ? u.parent_id : null
    if (!by.has(p)) by.set(p, [])
    by.get(p)!.push(u)
  }
  const build = (p: number | null): UnitNode[] => (by.get(p) || []).map((u) => {
    const c = build(u.id)
    return c.length ? { value: String(u.id), label: u.name, children: c } : { value: String(u.id), label: u.name }
  })
  return build(null)
}
