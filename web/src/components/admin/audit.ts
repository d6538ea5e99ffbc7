// The audit log in words: Chinese names of actions, entities and
// fields, and a field-by-field difference of an entry's before and
// after, each value written as a person reads it (never raw JSON).

export interface AuditEntry {
  id: number
  at: string
  user_id: number | null
  actor: string
  ip: string | null
  action: string
  entity: string
  entity_id: string | null
  before: unknown
  after: unknown
}

export const actionLabels: Record<string, string> = {
  create: '新建',
  update: '修改',
  delete: '删除',
  login: '登录',
  logout: '退出登录',
  login_failed: '登录失败',
  password: '修改密码',
  transition: '办理流转',
  update_progress: '报送进展',
  urge: '催办',
  extension_request: '申请延期',
  extension_decision: '审批延期',
  import: '导入',
}

export const entityLabels: Record<string, string> = {
  item: '事项',
  ledger: '台账',
  unit: '单位',
  user: '用户',
  place: '区划',
  session: '登录',
  attachment: '附件',
  item_link: '事项关联',
  extension: '延期申请',
}

/** field names in Chinese; unknown keys are shown as they are */
export const fieldLabels: Record<string, string> = {
  id: '编号',
  name: '名称',
  short_name: '简称',
  kind: '类型',
  kind_label: '类型',
  parent_id: '上级单位',
  parent: '上级',
  place_code: '所在区划',
  phone: '电话',
  login: '登录名',
  role: '角色',
  role_label: '角色',
  disabled: '停用',
  memberships: '单位与区域',
  password: '密码',
  old_area_class: '老区类别',
  figures: '年度数据',
  ancestors: '上级区划',
  child_count: '下级数量',
  level: '层级',
  level_name: '层级',
  code: '编号',
  seq: '序号',
  title: '标题',
  content: '内容',
  category: '类别',
  state: '状态',
  done: '已办结',
  light: '督办灯',
  light_label: '督办灯',
  expected_progress: '序时进度',
  places: '地点',
  lead_unit: '牵头单位',
  lead_unit_id: '牵头单位',
  co_units: '配合单位',
  co_unit_ids: '配合单位',
  leader: '包保领导',
  leader_phone: '领导电话',
  responsible: '责任人',
  responsible_phone: '责任人电话',
  start: '开始日期',
  deadline: '完成时限',
  completed: '完成日期',
  progress: '进度',
  progress_text: '形象进度',
  amount: '金额',
  paid: '已支付',
  beneficiaries: '受益',
  households: '户数',
  persons: '人数',
  poor_households: '脱贫户',
  monitored_households: '监测户',
  funds: '资金',
  targets: '绩效目标',
  custom: '自定义字段',
  ledger_id: '台账',
  year: '年度',
  owner_unit_id: '主管单位',
  region: '区域',
  template: '模板',
  warn_days: '临期提醒天数',
  lag_points: '滞后提醒点数',
  config: '栏目设置',
  item_count: '事项数',
  population: '人口',
  income_per_capita: '人均收入',
  text: '内容',
  reason: '理由',
  new_deadline: '新时限',
  old_deadline: '原时限',
  approve: '批准',
  note: '意见',
  mime: '文件类型',
  size: '大小',
  sha256: '校验值',
  item_id: '事项',
  update_id: '进展',
  to_item: '关联事项',
  from_item: '来源事项',
  data: '数据',
  user: '用户',
  at: '时间',
  is_main: '主单位',
  unit_id: '单位',
  label: '名称',
  share: '份额',
  detail: '具体位置',
  source: '来源',
  doc_no: '文号',
  date: '日期',
  indicator: '指标',
  target: '目标值',
  actual: '实际值',
  unit: '计量单位',
  level1: '一级指标',
  level2: '二级指标',
  op: '符号',
  to: '转为',
  from: '原状态',
  result: '结果',
  action: '操作',
  extension_id: '延期申请',
  created_by: '创建人',
  updated_by: '修改人',
  requested_by: '申请人',
  requested_at: '申请时间',
  decided_by: '审批人',
  decided_at: '审批时间',
  decision_note: '审批意见',
  kind_name: '类型',
}

/** bookkeeping fields that change with every write: not shown in a diff */
const noise = new Set(['version', 'updated_at', 'created_at', 'role_label', 'light_label', 'kind_label', 'level_name', 'item_count', 'state_label', 'item_id'])

export function fieldLabel(k: string): string {
  return fieldLabels[k] || k
}

const roleWords: Record<string, string> = { admin: '系统管理员', supervisor: '督办', reporter: '填报', viewer: '查看' }
const lightWords: Record<string, string> = { red: '红灯', yellow: '黄灯', blue: '蓝灯', grey: '已办结' }
// timeline event kinds
const eventWords: Record<string, string> = { urge: '催办', extension: '延期', update: '进展', transition: '流转', continues: '续建' }
// an extension request's states
const stateWords: Record<string, string> = { pending: '待审批', approved: '已批准', rejected: '已驳回' }

/** one value as text: objects by their name or their fields, lists joined */
export function show(v: unknown, key = '', depth = 0): string {
  if (v === null || v === undefined || v === '') return '(空)'
  if (typeof v === 'boolean') return v ? '是' : '否'
  if (typeof v === 'number') return key === 'progress' || key === 'expected_progress' ? `${v}%` : String(v)
  if (typeof v === 'string') {
    if (key === 'role' && roleWords[v]) return roleWords[v]
    if (key === 'light' && lightWords[v]) return lightWords[v]
    if (key === 'state' && stateWords[v]) return stateWords[v]
    if (key === 'kind' && eventWords[v]) return eventWords[v]
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v)) {
      const t = new Date(v)
      if (!isNaN(t.getTime())) {
        const p = (n: number) => String(n).padStart(2, '0')
        return `${t.getFullYear()}-${p(t.getMonth() + 1)}-${p(t.getDate())} ${p(t.getHours())}:${p(t.getMinutes())}`
      }
    }
    if (['amount', 'paid', 'share', 'income_per_capita'].includes(key) && /^-?\d+(\.\d+)?$/.test(v)) return `${v}元`
    return v
  }
  if (Array.isArray(v)) {
    if (v.length === 0) return '(无)'
    return v.map((x) => show(x, key, depth + 1)).join(';')
  }
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>
    // a membership: "永济市交通运输局 · 填报 (主)"
    if ('label' in o && 'role' in o)
      return `${o.label} · ${show(o.role, 'role')}${o.is_main ? '(主)' : ''}`
    // a reference {id, name} or a place {code, name}
    if (typeof o.name === 'string' && Object.keys(o).length <= 3) return o.name
    if (key === 'figures' || ('year' in o && ('population' in o || 'households' in o))) {
      const parts = [`${o.year}年`]
      if (o.population !== null && o.population !== undefined) parts.push(`人口${o.population}`)
      if (o.households !== null && o.households !== undefined) parts.push(`${o.households}户`)
      if (o.income_per_capita) parts.push(`人均收入${o.income_per_capita}元`)
      return parts.join(' ')
    }
    if (depth > 2) return '…'
    const parts = Object.entries(o)
      .filter(([k, x]) => !noise.has(k) && x !== null && x !== undefined && x !== '')
      .map(([k, x]) => `${fieldLabel(k)}:${show(x, k, depth + 1)}`)
    return parts.length ? parts.join(',') : '(空)'
  }
  return String(v)
}

export interface DiffRow {
  key: string
  label: string
  before: string | null // null: the field was not there (create)
  after: string | null // null: the field is gone (delete)
  rawBefore?: unknown
  rawAfter?: unknown
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

function asObject(v: unknown): Record<string, unknown> | null {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null
}

/**
 * The fields that differ between before and after.  A create lists the
 * after's filled fields; a delete the before's.  Values that are not
 * objects (a plain text) come as one row "内容".
 */
export function diff(before: unknown, after: unknown): DiffRow[] {
  const b = asObject(before)
  const a = asObject(after)
  const rows: DiffRow[] = []
  if (!b && !a) {
    if (before === null && after === null) return rows
    return [{ key: '', label: '内容', before: before === null || before === undefined ? null : show(before), after: after === null || after === undefined ? null : show(after) }]
  }
  const keys: string[] = []
  for (const k of Object.keys(b || {})) keys.push(k)
  for (const k of Object.keys(a || {})) if (!keys.includes(k)) keys.push(k)
  for (const k of keys) {
    if (noise.has(k) || (k === 'id' && (!b || !a || same(b.id, a.id)))) continue
    const bv = b ? b[k] : undefined
    const av = a ? a[k] : undefined
    if (b && a && same(bv, av)) continue
    if (!b && (av === null || av === undefined || av === '' || (Array.isArray(av) && av.length === 0))) continue
    if (!a && (bv === null || bv === undefined || bv === '')) continue
    // nested objects (beneficiaries, custom): one row per changed inner field
    const bo = asObject(bv)
    const ao = asObject(av)
    if (b && a && bo && ao && !('name' in bo) && !('name' in ao)) {
      for (const r of diff(bo, ao)) rows.push({ ...r, key: `${k}.${r.key}`, label: `${fieldLabel(k)} · ${r.label}` })
      continue
    }
    rows.push({
      key: k,
      label: fieldLabel(k),
      before: b ? show(bv, k) : null,
      after: a ? show(av, k) : null,
      rawBefore: bv,
      rawAfter: av,
    })
  }
  return rows
}

/** keys whose values are place codes or unit ids, shown by name once known */
export const placeKeys = new Set(['place_code', 'region'])
export const unitKeys = new Set(['parent_id', 'owner_unit_id', 'lead_unit_id', 'unit_id'])

/** "单位 #3 永济市交通运输局": the entity and, if known, its name */
export function entityTitle(e: AuditEntry): string {
  const lab = entityLabels[e.entity] || e.entity
  const o = asObject(e.after) || asObject(e.before)
  const name = o && (typeof o.name === 'string' ? o.name : typeof o.title === 'string' ? o.title : typeof o.login === 'string' && e.entity !== 'session' ? o.login : '')
  return [lab, e.entity_id ? `#${e.entity_id}` : '', name || ''].filter(Boolean).join(' ')
}
