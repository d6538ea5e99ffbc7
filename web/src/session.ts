// Who is logged in, and the CSRF token every write sends.
import { reactive } from 'vue'
import { api, ApiError } from './api'

export type Role = 'admin' | 'supervisor' | 'reporter' | 'viewer'

export interface Membership {
  role: Role
  role_label: string
  unit_id: number | null
  region: string | null
  is_main: boolean
  label: string
}

/** As GET /me returns it. */
export interface User {
  id: number
  login: string
  name: string
  phone: string | null
  role: Role
  role_label: string
  disabled: boolean
  memberships: Membership[]
  created_at: string
  updated_at: string
  version: number
}

interface SessionReply {
  user: User
  csrf?: string
}

export const session = reactive({
  user: null as User | null,
  csrf: '',
  /** true once loadMe() has answered (logged in or not) */
  checked: false,
})

function set(r: SessionReply) {
  if (session.user?.id !== r.user.id) {
    inbox.count = 0
    inbox.loadedAt = 0
  }
  session.user = r.user
  if (r.csrf) session.csrf = r.csrf
  session.checked = true
}

/** POST /session; throws ApiError (401 wrong password, 429 throttled). */
export async function login(login: string, password: string): Promise<User> {
  const r = await api.post<SessionReply>('/session', { login, password })
  set(r)
  return r.user
}

/** DELETE /session; the local session is cleared even if the server is gone. */
export async function logout(): Promise<void> {
  try {
    if (session.user) await api.del('/session')
  } catch {
    /* already logged out or offline: forget it locally anyway */
  } finally {
    session.user = null
    session.csrf = ''
  }
}

/** GET /me: null when not logged in. Other errors are thrown. */
export async function loadMe(): Promise<User | null> {
  try {
    const r = await api.get<SessionReply>('/me')
    set(r)
    return r.user
  } catch (e) {
    session.checked = true
    if (e instanceof ApiError && e.status === 401) {
      session.user = null
      session.csrf = ''
      return null
    }
    throw e
  }
}

/** Set a new CSRF token (after POST /me/password). */
export function setCsrf(csrf: string) {
  session.csrf = csrf
}

function roles(): Role[] {
  const u = session.user
  if (!u) return []
  return [u.role, ...(u.memberships || []).map((m) => m.role)]
}

export function isAdmin(): boolean {
  return roles().includes('admin')
}

/** supervisor or admin in at least one membership */
export function isSupervisor(): boolean {
  return roles().some((r) => r === 'admin' || r === 'supervisor')
}

/** may post progress (reporter, supervisor or admin somewhere) */
export function canReport(): boolean {
  return roles().some((r) => r === 'admin' || r === 'supervisor' || r === 'reporter')
}

/** the main unit's label, or the first membership's */
export function mainUnitLabel(): string {
  const ms = session.user?.memberships || []
  const m = ms.find((x) => x.is_main) || ms[0]
  return m ? m.label : ''
}

/** unread-ish messages for the 消息 badge (GET /me/inbox total) */
export const inbox = reactive({ count: 0, loadedAt: 0 })

/** Refresh the 消息 badge; at most every `minMs` unless forced (minMs 0). */
export async function refreshInbox(minMs = 30000): Promise<void> {
  if (!session.user) return
  const now = Date.now()
  if (minMs && now - inbox.loadedAt < minMs) return
  inbox.loadedAt = now
  try {
    const r = await api.get<{ total?: number; items?: unknown[] }>('/me/inbox')
    inbox.count = typeof r.total === 'number' ? r.total : (r.items || []).length
  } catch {
    /* the badge is not worth an error message */
  }
}
