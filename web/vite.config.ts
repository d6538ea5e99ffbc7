// Builds the UI into web/dist, which the C server serves at /.
// Element Plus components and their styles are imported on demand.
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import AutoImport from 'unplugin-auto-import/vite'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'

export default defineConfig({
  base: '/',
  plugins: [
    vue(),
    AutoImport({
      resolvers: [ElementPlusResolver()],
      dts: false,
    }),
    Components({
      // only Element Plus is resolved by name; our own components are imported
      dirs: [],
      resolvers: [ElementPlusResolver()],
      dts: false,
    }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 900,
    sourcemap: false,
    assetsInlineLimit: 4096,
    rollupOptions: {
      output: {
        // stable, named chunks: the charts library only where charts are
        manualChunks(id: string) {
          if (id.includes('node_modules/echarts/') || id.includes('node_modules/zrender/')) return 'echarts'
        },
      },
    },
  },
  server: {
    // `npm run dev` against a server on 127.0.0.1:8080
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
})
