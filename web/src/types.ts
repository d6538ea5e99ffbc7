// The server's JSON, as the pages use it (docs/api.md).
import type { Light } from './format'

export interface Page<T> {
  items: T[]
  total: number
  limit?: number
  offset?: number
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
  required: string[]
  custom: CustomField[]
  dicts: Record<string, string[]>
}

export interface LedgerState {
  name: string
  final: boolean
}

export interface Transition {
  from: string
  to: string
  action: string
  role: string
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
  item_count?: number
  version: number
  created_at: string
  updated_at: string
  config?: LedgerConfig
  states?: LedgerState[]
  transitions?: Transition[]
}

export interface UnitRef {
  id: number
  name: string
}

export interface ItemPlace {
  code: string
  name: string
  share: string | null
  share_given: boolean
  detail: string | null
}

export interface Item {
  id: number
  ledger_id: number
  seq: number | null
  code: string | null
  title: string
  content: string | null
  category: string | null
  state: string
  done: boolean
  light: Light
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
  progress: number | null
  progress_text: string | null
  amount: string | null
  paid: string | null
  beneficiaries: { households: number | null; persons: number | null; poor_households: number | null; monitored_households: number | null }
  custom: Record<string, unknown>
  version: number
  created_at?: string
  updated_at?: string
  [k: string]: unknown
}

export interface Unit {
  id: number
  parent_id: number | null
  name: string
  kind: string
  place_code: string | null
  phone: string | null
  version: number
}

export interface Place {
  code: string
  name: string
  short_name: string
  level: number
  level_name: string
  parent: string | null
  old_area_class: string | null
}

export interface StatsSum {
  count?: number
  money?: string
  paid?: string
  households?: number
  persons?: number
  poor_households?: number
}

export interface StatsRow extends StatsSum {
  key: string | null
  label: string
}

export interface Stats {
  group: string
  rows: StatsRow[]
  total: StatsSum
  truncated: boolean
}
