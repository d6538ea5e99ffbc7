// The one door to the server: every request goes through here, so the
// CSRF header, the If-Match version, error messages in Chinese and the
// "logged out" redirect are handled once.
import { session } from './session'

const BASE = '/api/v1'

/** A failed request: message is the server's Chinese error.message. */
export class ApiError extends Error {
  status: number
  code: string
  field?: string
  constructor(status: number, code: string, message: string, field?: string) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.field = field
  }
}

export type Query = Record<string, unknown>

/** Query string: undefined, null and '' dropped; arrays repeated. */
export function queryString(query?: Query): string {
  if (!query) return ''
  const p = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue
    if (Array.isArray(v)) {
      for (const x of v) if (x !== undefined && x !== null && x !== '') p.append(k, String(x))
    } else {
      p.append(k, String(v))
    }
  }
  const s = p.toString()
  return s ? '?' + s : ''
}

function url(path: string, query?: Query): string {
  return BASE + path + queryString(query)
}

// Set by router.ts (avoids an import cycle): called on a 401.
let onUnauthorized: (() => void) | null = null
export function setUnauthorizedHandler(f: () => void) {
  onUnauthorized = f
}

const statusText: Record<number, string> = {
  400: '请求内容有误',
  401: '请先登录',
  403: '没有权限进行此操作',
  404: '要找的内容不存在',
  409: '操作冲突,请刷新后重试',
  412: '内容已被他人修改,请刷新后重试',
  413: '内容太大',
  429: '操作太频繁,请稍后再试',
  500: '服务器内部错误',
  502: '服务器暂时无法访问',
  503: '系统繁忙,请稍后重试',
}

async function request<T>(method: string, path: string, opts: {
  query?: Query; body?: unknown; form?: FormData; version?: number
} = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' }
  let body: BodyInit | undefined
  if (opts.form) {
    body = opts.form
  } else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(opts.body)
  }
  if (method !== 'GET' && session.csrf) headers['X-CSRF-Token'] = session.csrf
  if (opts.version !== undefined && opts.version !== null) headers['If-Match'] = `"${opts.version}"`
  let res: Response
  try {
    res = await fetch(url(path, opts.query), { method, headers, body, credentials: 'same-origin' })
  } catch {
    throw new ApiError(0, 'network', '无法连接服务器,请检查网络')
  }
  if (res.status === 204) return undefined as T
  const text = await res.text()
  let data: any = null
  if (text) {
    try {
      data = JSON.parse(text)
    } catch {
      data = null
    }
  }
  if (!res.ok) {
    const e = data && data.error
    const err = new ApiError(res.status, (e && e.code) || 'http_' + res.status,
      (e && e.message) || statusText[res.status] || `请求失败(${res.status})`,
      (e && e.field) || undefined)
    // a 401 on the login request itself is "wrong password", not "logged out";
    // on /me it is the start-up check (the router sends the user to /login)
    if (res.status === 401 && path !== '/session' && path !== '/me') {
      session.user = null
      session.csrf = ''
      if (onUnauthorized) onUnauthorized()
    }
    throw err
  }
  if (data === null && text) throw new ApiError(res.status, 'bad_reply', '服务器返回的内容无法识别')
  return data as T
}

export const api = {
  get<T>(path: string, query?: Query): Promise<T> {
    return request<T>('GET', path, { query })
  },
  post<T>(path: string, body?: unknown): Promise<T> {
    return request<T>('POST', path, { body: body === undefined ? {} : body })
  },
  /** PATCH with If-Match: "version" when a version is given. */
  patch<T>(path: string, body: unknown, version?: number): Promise<T> {
    return request<T>('PATCH', path, { body, version })
  },
  async del(path: string, version?: number): Promise<void> {
    await request<void>('DELETE', path, { version })
  },
  /** multipart/form-data (the browser sets the boundary). */
  upload<T>(path: string, form: FormData): Promise<T> {
    return request<T>('POST', path, { form })
  },
  /** An absolute-path URL for links and downloads. */
  url(path: string, query?: Query): string {
    return url(path, query)
  },
}

/** The Chinese message of any thrown value, for ElMessage. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message
  if (e instanceof Error && e.message) return '出错了:' + e.message
  return '出错了,请稍后重试'
}
