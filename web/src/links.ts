// Where a figure leads: the table of the items it counts.
import type { RouteLocationRaw } from 'vue-router'

export interface ItemFilters {
  ledger?: number | string | null
  state?: string | null
  light?: string | null
  category?: string | null
  unit?: number | string | null
  place?: string | null
  deadline_from?: string | null
  deadline_to?: string | null
  q?: string | null
  done?: boolean | string | null
  sort?: string | null
}

/** /ledgers/ID?filters for one ledger, /items?filters across all */
export function itemsLink(f: ItemFilters): RouteLocationRaw {
  const query: Record<string, string> = {}
  for (const [k, v] of Object.entries(f)) {
    if (k === 'ledger' || v === undefined || v === null || v === '') continue
    query[k] = String(v)
  }
  if (f.ledger) return { path: `/ledgers/${f.ledger}`, query }
  return { path: '/items', query }
}
