import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [sveltekit()],
  // @tldraw/assets uses `?url` imports that Vite's dependency pre-bundling cannot follow.
  optimizeDeps: { exclude: ['@tldraw/assets'] },
});
