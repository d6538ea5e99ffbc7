// The pages. Every view is loaded when first visited; the login check
// runs before each page.
import { ElMessage } from 'element-plus'
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { setUnauthorizedHandler } from './api'
import { isAdmin, loadMe, session } from './session'

export const PRODUCT = '台账管理系统'

declare module 'vue-router' {
  interface RouteMeta {
    title?: string
    /** reachable without logging in */
    public?: boolean
    admin?: boolean
    /** the menu entry to highlight */
    menu?: string
  }
}

const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('./views/LoginView.vue'), meta: { title: '登录', public: true } },
  { path: '/', name: 'home', component: () => import('./views/HomeView.vue'), meta: { title: '首页', menu: '/' } },
  { path: '/ledgers', name: 'ledgers', component: () => import('./views/LedgersView.vue'), meta: { title: '台账', menu: '/ledgers' } },
  { path: '/ledgers/:id(\\d+)', name: 'ledger', component: () => import('./views/LedgerTableView.vue'), meta: { title: '台账', menu: '/ledgers' } },
  { path: '/ledgers/:id(\\d+)/new', name: 'item-new', component: () => import('./views/ItemFormView.vue'), meta: { title: '新增事项', menu: '/ledgers' } },
  { path: '/ledgers/:id(\\d+)/import', name: 'import', component: () => import('./views/ImportView.vue'), meta: { title: '导入', menu: '/ledgers' } },
  { path: '/items', name: 'items', component: () => import('./views/LedgerTableView.vue'), meta: { title: '事项总览', menu: '/ledgers' } },
  { path: '/items/:id(\\d+)', name: 'item', component: () => import('./views/ItemView.vue'), meta: { title: '事项', menu: '/ledgers' } },
  { path: '/items/:id(\\d+)/edit', name: 'item-edit', component: () => import('./views/ItemFormView.vue'), meta: { title: '编辑事项', menu: '/ledgers' } },
  { path: '/stats', name: 'stats', component: () => import('./views/StatsView.vue'), meta: { title: '统计', menu: '/stats' } },
  { path: '/places', name: 'places', component: () => import('./views/PlacesView.vue'), meta: { title: '区划', menu: '/places' } },
  { path: '/units', name: 'units', component: () => import('./views/UnitsView.vue'), meta: { title: '单位', menu: '/units' } },
  { path: '/users', name: 'users', component: () => import('./views/UsersView.vue'), meta: { title: '用户与角色', admin: true, menu: '/users' } },
  { path: '/audit', name: 'audit', component: () => import('./views/AuditView.vue'), meta: { title: '操作日志', admin: true, menu: '/audit' } },
  { path: '/inbox', name: 'inbox', component: () => import('./views/InboxView.vue'), meta: { title: '消息', menu: '/inbox' } },
  { path: '/me', name: 'me', component: () => import('./views/ProfileView.vue'), meta: { title: '个人中心', menu: '/me' } },
  { path: '/:rest(.*)*', name: 'notfound', component: () => import('./views/NotFoundView.vue'), meta: { title: '页面不存在' } },
]

export const router = createRouter({
  history: createWebHistory(),
  routes,
  scrollBehavior(to, from, saved) {
    if (saved) return saved
    // a filter change on the same page keeps the scroll position
    if (to.path === from.path) return false
    return { top: 0 }
  },
})

/** Set the tab title: "页面 - 台账管理系统"; views may refine it (a ledger's name). */
export function setTitle(page?: string) {
  document.title = page ? `${page} - ${PRODUCT}` : PRODUCT
}

router.beforeEach(async (to) => {
  if (!session.checked) {
    try {
      await loadMe()
    } catch {
      /* server unreachable: the login page says so when used */
    }
  }
  if (to.meta.public) {
    if (to.name === 'login' && session.user) {
      const next = typeof to.query.next === 'string' && to.query.next.startsWith('/') ? to.query.next : '/'
      return next
    }
    return true
  }
  if (!session.user) return { name: 'login', query: to.fullPath !== '/' ? { next: to.fullPath } : {} }
  return true
})

router.afterEach((to) => {
  setTitle(to.meta.title)
})

let expiredShown = 0
setUnauthorizedHandler(() => {
  const cur = router.currentRoute.value
  if (cur.meta.public || cur.name === 'login') return
  // several requests may fail at once: one message, one redirect
  if (Date.now() - expiredShown > 3000) {
    expiredShown = Date.now()
    ElMessage.warning('登录已失效,请重新登录')
  }
  router.push({ name: 'login', query: { next: cur.fullPath } })
})
