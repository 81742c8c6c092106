// Load generator: UPLOADS shoppers, connected with their sessions, who each
// send one file of UPLOAD_MB (UPLOAD_KIND: pdf or photo) at once when the bench writes FIRE on stdin. In a
// process of its own, as those shoppers would be on machines of their own: the
// latency generator's clock is not held up by sending 250 MB.
import { createInterface } from 'node:readline';
import type { Mode } from '../clients.ts';
import { uploadBurst, type UploadKind } from '../uploads.ts';

const burst = await uploadBurst(
  process.env.MODE as Mode,
  process.env.URL!,
  process.env.SITE_KEY ?? '',
  Number(process.env.UPLOADS),
  Number(process.env.UPLOAD_MB ?? 5),
  (process.env.UPLOAD_KIND ?? 'pdf') as UploadKind,
);
console.log('READY {}');
const lines = createInterface({ input: process.stdin });
await new Promise<void>((resolve) => lines.on('line', (line) => line.trim() === 'FIRE' && resolve()));
lines.close();
const result = await burst.fire();
burst.close();
console.log(`RESULT ${JSON.stringify(result)}`);
process.exit(0);
