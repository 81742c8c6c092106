import { defineConfig } from 'vite';

/** Where `pnpm dev` forwards API and socket traffic: the server's default port. */
const DEV_SERVER_TARGET = 'http://localhost:3000';

/**
 * The JSX transform shared by the build and the tests. Vite 8 compiles with
 * oxc, which defaults to React; the console is written against Preact.
 */
export const preactJsx = {
  jsx: { runtime: 'automatic', importSource: 'preact' },
} as const;

export default defineConfig({
  // The server mounts the built app under /console/, beside /api and /socket.io.
  base: '/console/',
  oxc: preactJsx,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': { target: DEV_SERVER_TARGET, changeOrigin: true },
      '/socket.io': { target: DEV_SERVER_TARGET, ws: true, changeOrigin: true },
    },
  },
});
