import type { Cart, CartItem } from '../schemas/shop.ts';
import { amount, asList, asObject, currency, text, webUrl } from './clean.ts';

/**
 * `Mostrador('setCart', {items:[{sku,name,qty,price,url,image}], total, currency})`
 * as the shop wrote it, cleaned into a cart; null when it cannot be (no
 * currency, say), so the widget can tell the merchant. Relative links
 * resolve against `base`, the page the shop called it on.
 */
export function readManualCart(input: unknown, base?: string): Cart | null {
  const fields = asObject(input);
  const code = currency(fields?.currency);
  if (!fields || !code) return null;
  const items: CartItem[] = [];
  for (const raw of asList(fields.items).slice(0, 100)) {
    const line = asObject(raw) ?? {};
    const name = text(line.name, 200);
    const qty = Number(line.qty ?? line.quantity ?? 1);
    const price = amount(line.price);
    if (!name || !Number.isInteger(qty) || qty < 1 || qty > 10_000 || price === null) continue;
    items.push({ sku: text(line.sku, 100), name, qty, price, url: webUrl(line.url, base), image: webUrl(line.image, base) });
  }
  const total = amount(fields.total) ?? items.reduce((sum, i) => sum + i.qty * i.price, 0);
  return { items, total: Math.round(total * 1000) / 1000, currency: code };
}
