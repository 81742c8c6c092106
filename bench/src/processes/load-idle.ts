// Load generator for idle visitors: VISITORS widgets connect (each with a
// session, as on a real product page), report the product page they are on,
// as the widget does, and then stay connected doing nothing but heartbeats
// until told to leave (SIGTERM).
import { inBatches, visitorReady, visitorSocket, type Mode } from '../clients.ts';

const mode = process.env.MODE as Mode;
/** A product page's JSON-LD as the widget passes it on (pruned to what the parser reads). */
const productBlock = (i: number) =>
  JSON.stringify({
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: `Item ${i % 500}`,
    sku: `SKU-${i % 500}`,
    image: `https://cdn.bench.example/img/item-${i % 500}.jpg`,
    brand: { '@type': 'Brand', name: 'Bench shop' },
    offers: [
      {
        '@type': 'Offer',
        price: (19.95 + (i % 50)).toFixed(2),
        priceCurrency: 'EUR',
        availability: 'https://schema.org/InStock',
        url: `https://shop.bench.example/products/item-${i % 500}?variant=${i}`,
      },
    ],
  });
const pageOf = (i: number) => ({
  url: `https://shop.bench.example/products/item-${i % 500}?variant=${i}`,
  title: `Item ${i % 500} — Bench shop`,
  referrer: 'https://www.google.com/',
  markup: { jsonLd: [productBlock(i)], meta: { 'og:type': 'product', 'og:title': `Item ${i % 500}` } },
  language: 'ca-ES',
  timeZone: 'Europe/Madrid',
});

const visitors = await inBatches(Number(process.env.VISITORS), 250, async (i) => {
  const socket = visitorSocket(mode, process.env.URL!, process.env.SITE_KEY ?? '', i);
  await visitorReady(socket, mode);
  // The floor has no such command and never answers; Mostrador acks once the page is tracked.
  if (mode === 'floor') socket.emit('page:viewed', pageOf(i));
  else await new Promise((resolve) => socket.timeout(30_000).emit('page:viewed', pageOf(i), resolve));
  return socket;
});
console.log(`READY ${JSON.stringify({ visitors: visitors.length })}`);
process.on('SIGTERM', () => {
  for (const s of visitors) s.disconnect();
  console.log(`RESULT ${JSON.stringify({ connected: visitors.filter((s) => s.connected).length })}`);
  process.exit(0);
});
