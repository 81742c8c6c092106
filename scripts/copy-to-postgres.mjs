// `pnpm copy-to-postgres --from data/mostrador.sqlite --to postgres://…`: runs the server's copy tool
// (server/src/db/copy-cli.ts) from the directory pnpm runs it in, the repository's root, so a relative
// --from names the same file as `pnpm start`'s data/ directory.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const server = join(dirname(fileURLToPath(import.meta.url)), '..', 'server');
// tsx is the server's dependency, not the root's: load it by its path.
const tsx = pathToFileURL(createRequire(join(server, 'package.json')).resolve('tsx')).href;
const copy = spawn(process.execPath, ['--import', tsx, join(server, 'src', 'db', 'copy-cli.ts'), ...process.argv.slice(2)], {
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => copy.kill(signal));
copy.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
