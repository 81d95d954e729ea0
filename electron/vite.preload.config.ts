import { defineConfig } from 'vite';

// A sandboxed preload must be one CommonJS file whose only import is electron.
export default defineConfig({
  build: {
    outDir: 'out/electron',
    emptyOutDir: false,
    target: 'node22',
    ssr: 'electron/preload/index.ts',
    rollupOptions: {
      external: ['electron'],
      output: { format: 'cjs', entryFileNames: 'preload.cjs' },
    },
  },
});
