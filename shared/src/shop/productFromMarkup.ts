import { AVAILABILITIES, type Availability, type PageMarkup, type Product } from '../schemas/shop.ts';
import { amount, asList, asObject, currency, text, webUrl, type Json } from './clean.ts';

/** "https://schema.org/Product", "schema:Product" and "Product" all name the type `Product`. */
const localName = (value: unknown) => (typeof value === 'string' ? value.replace(/^.*[/:]/, '') : '');

/**
 * schema.org's ItemAvailability ("https://schema.org/InStock", "LimitedAvailability")
 * and Open Graph's words ("in stock", "oos", "pending") come down to our
 * names without underscores ("instock", "limited").
 */
function availability(value: unknown): Availability | null {
  const key = localName(value)
    .toLowerCase()
    .replace(/[\s_-]|availability$/g, '')
    .replace(/^(instoreonly|onlineonly)$/, 'instock')
    .replace(/^(oos|soldout)$/, 'outofstock')
    .replace(/^(pending|presale)$/, 'preorder');
  return AVAILABILITIES.find((name) => name.replace(/_/g, '') === key) ?? null;
}

function product(name: unknown, sku: unknown, price: number | null, code: unknown, image: string | null, stock: unknown): Product | null {
  const title = text(name, 200);
  return title ? { name: title, sku: text(sku, 100), price, currency: currency(code), image, availability: availability(stock) } : null;
}

const isProduct = (node: Json) => asList(node['@type']).some((type) => /^Product(Group)?$/.test(localName(type)));

/** The first Product in a JSON-LD value: top-level arrays, `@graph`, and a page's `mainEntity`. */
function findProduct(value: unknown, depth = 0): Json | null {
  if (depth > 4) return null;
  for (const item of asList(value)) {
    const node = asObject(item);
    if (!node) continue;
    if (isProduct(node)) return node;
    const found = findProduct(node['@graph'], depth + 1) ?? findProduct(node.mainEntity, depth + 1);
    if (found) return found;
  }
  return null;
}

const firstImage = (value: unknown, base: string) => {
  const image = asList(value)[0];
  const object = asObject(image);
  return webUrl(object ? (object.url ?? object.contentUrl) : image, base);
};

/**
 * Only the SKU (the product's, else its offer's) fills `sku`: MPNs and GTINs
 * are the maker's codes, which an agent would search the shop's admin for in vain.
 */
function fromJsonLd(node: Json, base: string): Product | null {
  // A ProductGroup without offers of its own is priced by its first variant.
  const variant = asObject(asList(node.hasVariant)[0]) ?? {};
  const offer = asObject(asList(node.offers ?? variant.offers)[0]) ?? {};
  const spec = asObject(asList(offer.priceSpecification)[0]) ?? {};
  return product(
    node.name,
    node.sku ?? offer.sku ?? variant.sku,
    // AggregateOffer: the "from" price, as the page shows it.
    amount(offer.price ?? offer.lowPrice ?? spec.price),
    offer.priceCurrency ?? spec.priceCurrency,
    firstImage(node.image ?? variant.image, base),
    offer.availability,
  );
}

function fromOpenGraph(meta: PageMarkup['meta'], base: string): Product | null {
  // Facebook's catalogue tags say `product:`, some themes `og:`.
  const either = (name: string) => meta[`product:${name}`] ?? meta[`og:${name}`];
  if (!/^product(\.|$)/i.test(meta['og:type'] ?? '')) return null;
  return product(
    meta['og:title'],
    meta['product:retailer_item_id'],
    // Free text here: Shopify themes print the shop's money format ("1.299,00").
    // A separator before exactly three digits groups thousands; a comma left is the decimal point.
    amount(
      either('price:amount')
        ?.replace(/[.,\s](?=\d{3}\b)/g, '')
        .replace(',', '.'),
    ),
    either('price:currency'),
    webUrl(meta['og:image:secure_url'] ?? meta['og:image'], base),
    either('availability'),
  );
}

/**
 * The product a page shows, from its schema.org JSON-LD or, failing that,
 * its Open Graph product tags; null on other pages. `pageUrl` resolves
 * relative image links when the markup names no other base.
 */
export function productFromMarkup(markup: PageMarkup, pageUrl: string): Product | null {
  const base = markup.base ?? pageUrl;
  for (const block of markup.jsonLd) {
    let data: unknown;
    try {
      data = JSON.parse(block);
    } catch {
      // One broken block (a theme's trailing comma) must not hide the others.
      continue;
    }
    const node = findProduct(data);
    const found = node && fromJsonLd(node, base);
    if (found) return found;
  }
  return fromOpenGraph(markup.meta, base);
}
