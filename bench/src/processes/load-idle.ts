// Load generator for idle visitors: VISITORS widgets connect (each with a
// session, as on a real product page) and then stay connected doing nothing
// but heartbeats until told to leave (SIGTERM).
import { inBatches, visitorReady, visitorSocket, type Mode } from '../clients.ts';

const mode = process.env.MODE as Mode;
const visitors = await inBatches(Number(process.env.VISITORS), 250, async (i) => {
  const socket = visitorSocket(mode, process.env.URL!, process.env.SITE_KEY ?? '', i);
  await visitorReady(socket, mode);
  return socket;
});
console.log(`READY ${JSON.stringify({ visitors: visitors.length })}`);
process.on('SIGTERM', () => {
  for (const s of visitors) s.disconnect();
  console.log(`RESULT ${JSON.stringify({ connected: visitors.filter((s) => s.connected).length })}`);
  process.exit(0);
});
