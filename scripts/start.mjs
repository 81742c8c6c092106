// `pnpm start`: builds the widget and the console when their build is missing
// or older than their sources, then runs the server in the foreground.
// `node scripts/start.mjs --build-only` only builds, as before starting several
// nodes on one machine at once (scripts/cluster-example.sh).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

const packages = [
  { name: '@mostrador/widget', dir: 'widget', output: 'widget/dist/widget.js' },
  { name: '@mostrador/console', dir: 'console', output: 'console/dist/index.html' },
];
const sharedChanged = newestMtime(join(root, 'shared', 'src'));

for (const pkg of packages) {
  const built = newestMtime(join(root, pkg.output));
  const sources = Math.max(newestMtime(join(root, pkg.dir)), sharedChanged);
  if (built >= sources) continue;
  console.log(`Building ${pkg.name}…`);
  const result = spawnSync('pnpm', ['--filter', pkg.name, 'run', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (process.argv.includes('--build-only')) process.exit(0);

const server = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
  cwd: join(root, 'server'),
  stdio: 'inherit',
  env: { ...process.env, DATA_DIR: process.env.DATA_DIR ?? join(root, 'data') },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
