import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// scripts/build.mjs passes this file as configFile from the repository root, so paths are anchored
// here rather than to the working directory.
export default defineConfig({
  root: import.meta.dirname,
  // Relative asset URLs let the same build load from the shell's custom protocol and from the
  // tests' fake origin.
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // The app is offline and local; one bundle is simpler to serve and to check against the CSP.
    chunkSizeWarningLimit: 1000,
  },
});
