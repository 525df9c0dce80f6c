/**
 * Vite build of the browser workbench: web/ → web/dist, served by the Accord server (src/server/app.ts).
 * `npx vite web` runs a dev server that forwards /api to a workbench on 127.0.0.1:5170.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig(({ command }) => ({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  // A build is always the production build of React, even when started under vitest (NODE_ENV=test).
  define: command === 'build' ? { 'process.env.NODE_ENV': JSON.stringify('production') } : {},
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 600 },
  server: { host: '127.0.0.1', proxy: { '/api': 'http://127.0.0.1:5170' } },
}));
