import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { build, defineConfig, type Plugin, type UserConfig } from 'vite';
import { chunkConfig } from './build/chunkConfig.ts';
import { precompress } from './build/precompress.ts';
import { terserPass } from './build/terserPass.ts';
import { widgetOutput, widgetResolve } from './build/shared.ts';
import { SOCKET_IO_INTERNALS, trimSocketIo } from './build/trimSocketIo.ts';
import { catalogues } from './src/i18n/catalogues.ts';
import { launcherWordsOf } from './src/i18n/launcherWords.ts';

/**
 * Each language's messages as JSON, named by content so the server may let
 * browsers cache them for good. One hash over all three (they change
 * together, as keys are added to every language): widget.js carries one
 * hash, not one per language.
 */
const catalogueHash = createHash('sha256').update(JSON.stringify(catalogues)).digest('hex').slice(0, 10);
const catalogueFiles = Object.entries(catalogues).map(([language, messages]) => ({
  fileName: `i18n/${language}.${catalogueHash}.json`,
  json: JSON.stringify(messages),
}));

function emitCatalogues(): Plugin {
  return {
    name: 'mostrador:catalogues',
    generateBundle() {
      for (const file of catalogueFiles) this.emitFile({ type: 'asset', fileName: file.fileName, source: file.json });
    },
  };
}

/** Builds one chunk (build/chunkConfig.ts) and answers its file name, which widget.js (or the panel) imports. */
async function buildChunk(name: string, source: string, emptyOutDir: boolean, extra?: Parameters<typeof chunkConfig>[3]): Promise<string> {
  const output = await build(chunkConfig(name, fileURLToPath(new URL(source, import.meta.url)), emptyOutDir, extra));
  const chunks = (Array.isArray(output) ? output : [output]).flatMap((o) => ('output' in o ? o.output : []));
  const entry = chunks.find((chunk) => chunk.type === 'chunk' && chunk.isEntry);
  if (!entry) throw new Error(`The ${name} build produced no entry chunk`);
  return entry.fileName.slice('chunks/'.length);
}

/**
 * Builds the embeddable widget in parts. dist/widget.js is a classic
 * IIFE (the merchant's tag is a plain `<script async>`) holding what runs
 * before the visitor interacts: commands, the connection, tracking,
 * the signals the server's trigger evaluation needs, the launcher and its badge. dist/chunks/panel-<hash>.js (built
 * first) is the chat and its UI, imported on demand, and
 * dist/chunks/shopify-<hash>.js the Shopify cart adapter, imported only on
 * Shopify stores. Plus one small JSON catalogue per language in dist/i18n/
 * (each visitor fetches only theirs). Every one of them also as `.gz` and
 * `.br`, compressed once here (build/precompress.ts).
 * No CSS files (styles are imported `?inline` and adopted inside the shadow
 * root), and no global other than the `window.Mostrador` the entry installs.
 */
export default defineConfig(async ({ command }): Promise<UserConfig> => {
  const building = command === 'build';
  // The files chunk first: the panel imports it by its name, beside itself, and hands it its Preact.
  const filesFile = building
    ? await buildChunk('files', './src/files/filesChunk.ts', true, {
        alias: [{ find: /^preact$/, replacement: fileURLToPath(new URL('./src/files/panelPreact.ts', import.meta.url)) }],
      })
    : 'files.js';
  const panelFile = building
    ? await buildChunk('panel', './src/panel/mountPanel.tsx', false, { define: { __MOSTRADOR_FILES__: JSON.stringify(`./${filesFile}`) } })
    : 'panel.js';
  const shopifyFile = building ? await buildChunk('shopify', './src/context/shopifyChunk.ts', false) : 'shopify.js';
  return {
    plugins: [trimSocketIo(), emitCatalogues(), terserPass(), precompress(fileURLToPath(new URL('./dist', import.meta.url)))],
    resolve: widgetResolve,
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    define: {
      'process.env.NODE_ENV': JSON.stringify('production'),
      __MOSTRADOR_CATALOGUES__: JSON.stringify(catalogueHash),
      __MOSTRADOR_PANEL__: JSON.stringify(panelFile),
      __MOSTRADOR_SHOPIFY__: JSON.stringify(shopifyFile),
      __MOSTRADOR_LAUNCHER_WORDS__: JSON.stringify(
        Object.fromEntries(Object.entries(catalogues).map(([language, messages]) => [language, launcherWordsOf(messages)])),
      ),
    },
    publicDir: false,
    build: {
      outDir: 'dist',
      // The panel build has just emptied it and written its chunk.
      emptyOutDir: false,
      target: 'es2022',
      minify: true,
      sourcemap: false,
      cssCodeSplit: false,
      copyPublicDir: false,
      rolldownOptions: { output: widgetOutput(SOCKET_IO_INTERNALS) },
      lib: {
        entry: 'src/main.tsx',
        formats: ['iife'],
        // Required by IIFE lib mode; the entry exports nothing, so no global is assigned.
        name: 'MostradorWidget',
        fileName: () => 'widget.js',
      },
    },
  };
});
