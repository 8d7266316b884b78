import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Served by the API under /console (apps/api/src/console/console-hosting.ts).
export default defineConfig({
  base: '/console/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
});
