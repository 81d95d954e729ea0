import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

// Main process: one ES module, Electron and Node built-ins left to the runtime.
export default defineConfig({
  build: {
    outDir: 'out/electron',
    emptyOutDir: false,
    target: 'node22',
    ssr: 'electron/main/index.ts',
    rollupOptions: {
      external: ['electron', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)],
      output: { format: 'es', entryFileNames: 'main.js' },
    },
  },
});
