import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

// Serves the visual workbench (test/e2e/workbench/index.html) with the renderer's sources.
export default defineConfig({
  root: here,
  base: './',
  plugins: [react()],
  define: { __APP_VERSION__: JSON.stringify('workbench') },
  server: { host: '127.0.0.1', fs: { allow: [path.resolve(here, '..', '..', '..')] } },
});
