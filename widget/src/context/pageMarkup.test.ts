import { describe, expect, it } from 'vitest';
import { magentoProduct } from './fixtures/magento.ts';
import { shopifyCollectionPage } from './fixtures/nonProduct.ts';
import { prestaShopProduct } from './fixtures/prestaShop.ts';
import { shopifyBrokenJsonLd, shopifyDawnProduct, shopifyProductGroup } from './fixtures/shopifyDawn.ts';
import { wooCommerceSimpleProduct, wooCommerceVariableProduct } from './fixtures/wooCommerce.ts';
import {
  MARKUP_BLOCK_CHARS_MAX,
  MARKUP_BLOCKS_MAX,
  MARKUP_BYTES_MAX,
  MARKUP_META_CHARS_MAX,
  MARKUP_META_MAX,
} from '@mostrador/shared/shop';
import { productFromMarkup } from '@mostrador/shared/shop/product';
import { readMarkup } from './pageMarkup.ts';

/** A parsed page whose base URL is `url`, as the browser would give it. */
function page(html: string, url = 'https://shop.example/products/item'): Document {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  if (!doc.querySelector('base')) {
    const base = doc.createElement('base');
    base.href = url;
    doc.head.prepend(base);
  }
  return doc;
}

/** The widget's half (what the page says) then the server's (the product read out of it), as a page view goes. */
const readProduct = (doc: Document, url = doc.baseURI) => productFromMarkup(readMarkup(doc, url), url);

const jsonLd = (...blocks: unknown[]) =>
  blocks.map((block) => `<script type="application/ld+json">${JSON.stringify(block)}</script>`).join('');

const offer = (fields: Record<string, unknown>) => ({
  '@context': 'https://schema.org',
  '@type': 'Product',
  name: 'Hoodie',
  offers: { '@type': 'Offer', priceCurrency: 'EUR', ...fields },
});

describe('readProduct on platform pages', () => {
  it('reads Shopify Dawn JSON-LD, taking the first variant offer', () => {
    expect(readProduct(page(shopifyDawnProduct))).toEqual({
      name: 'Dessuadora amb caputxa',
      sku: 'DSC-GRI-S',
      price: 42,
      currency: 'EUR',
      image: 'https://botiga-exemple.cat/cdn/shop/files/dessuadora-gris.jpg?v=1700000000&width=1920',
      availability: 'in_stock',
    });
  });

  it("reads a Shopify ProductGroup through its first variant's offer and SKU", () => {
    expect(readProduct(page(shopifyProductGroup))).toEqual({
      name: 'Camiseta lino',
      sku: 'CL-ARE-S',
      price: 29.95,
      currency: 'EUR',
      image: 'https://tienda-ejemplo.es/cdn/shop/files/camiseta-lino-arena.jpg?v=1712000000&width=1920',
      availability: 'in_stock',
    });
  });

  it("finds WooCommerce's Product in @graph, past Yoast's WebPage graph, priced by its UnitPriceSpecification", () => {
    expect(readProduct(page(wooCommerceSimpleProduct))).toEqual({
      name: 'Tassa de ceràmica esmaltada',
      sku: 'TAS-BLAVA-300',
      price: 18.5,
      currency: 'EUR',
      image: 'https://terrissa-exemple.cat/wp-content/uploads/2024/03/tassa-blava.jpg',
      availability: 'in_stock',
    });
  });

  it('prices a WooCommerce variable product by its AggregateOffer lowPrice', () => {
    expect(readProduct(page(wooCommerceVariableProduct))).toEqual({
      name: 'Zapatilla trail Monte',
      sku: 'ZT-MONTE',
      price: 89.9,
      currency: 'EUR',
      image: 'https://deportes-ejemplo.es/wp-content/uploads/2024/05/monte.jpg',
      availability: 'in_stock',
    });
  });

  it('reads PrestaShop, skipping its Organization, WebPage and BreadcrumbList blocks', () => {
    expect(readProduct(page(prestaShopProduct))).toEqual({
      name: 'Camiseta estampada colibrí',
      sku: 'demo_1',
      price: 23.9,
      currency: 'EUR',
      image: 'https://www.tienda-presta.es/1-home_default/camiseta-estampada-colibri.jpg',
      availability: 'in_stock',
    });
  });

  it('falls back to Open Graph on a Magento page without JSON-LD', () => {
    expect(readProduct(page(magentoProduct))).toEqual({
      name: 'Argus All-Weather Tank',
      sku: null,
      price: 22,
      currency: 'USD',
      image: 'https://magento.example.com/media/catalog/product/cache/a4e40ebdc3e371adff845072e1c73f37/m/t/mt07-gray_main_1.jpg',
      availability: null,
    });
  });

  it("uses Open Graph when the only JSON-LD is broken, reading Shopify's money format", () => {
    expect(readProduct(page(shopifyBrokenJsonLd))).toEqual({
      name: 'Sofá "Nube" 3 plazas',
      sku: 'SOFA-NUBE-3P',
      price: 1299,
      currency: 'EUR',
      image: 'https://muebles-ejemplo.es/cdn/shop/products/sofa-nube.jpg?v=1650000000',
      availability: 'in_stock',
    });
  });

  it('returns null on a collection page', () => {
    expect(readProduct(page(shopifyCollectionPage))).toBeNull();
  });
});

describe('readProduct JSON-LD details', () => {
  it('keeps looking after an invalid block', () => {
    const broken = '<script type="application/ld+json">{"@type": "Product", "name": "Broken",}</script>';
    const html = broken + jsonLd(offer({ price: 10 }));
    expect(readProduct(page(html))).toMatchObject({ name: 'Hoodie', price: 10 });
  });

  it('reads top-level arrays, @type lists and a WebPage mainEntity', () => {
    const inArray = jsonLd([{ '@type': 'BreadcrumbList' }, { '@type': ['Product', 'IndividualProduct'], name: 'Mug' }]);
    expect(readProduct(page(inArray))?.name).toBe('Mug');
    const main = jsonLd({ '@type': 'ItemPage', mainEntity: { '@type': 'schema:Product', name: 'Cap' } });
    expect(readProduct(page(main))?.name).toBe('Cap');
  });

  it('reads prices as numbers or dot-decimal strings only', () => {
    const price = (value: unknown) => readProduct(page(jsonLd(offer({ price: value }))))?.price;
    expect(price(84)).toBe(84);
    expect(price('84.00')).toBe(84);
    expect(price(' 1299.5 ')).toBe(1299.5);
    expect(price('1.299,00')).toBeNull();
    expect(price('84 €')).toBeNull();
    expect(price(-5)).toBeNull();
    expect(price(1e12)).toBeNull();
  });

  it('reads the price and currency from priceSpecification', () => {
    const product = offer({ priceCurrency: undefined, priceSpecification: { price: '12.30', priceCurrency: 'usd' } });
    expect(readProduct(page(jsonLd(product)))).toMatchObject({ price: 12.3, currency: 'USD' });
  });

  it('rejects currencies that are not ISO codes', () => {
    expect(readProduct(page(jsonLd(offer({ price: 1, priceCurrency: '€' }))))?.currency).toBeNull();
  });

  it('maps schema.org availability in any spelling', () => {
    const stock = (value: string) => readProduct(page(jsonLd(offer({ availability: value }))))?.availability;
    expect(stock('https://schema.org/InStock')).toBe('in_stock');
    expect(stock('http://schema.org/OutOfStock')).toBe('out_of_stock');
    expect(stock('InStock')).toBe('in_stock');
    expect(stock('schema:SoldOut')).toBe('out_of_stock');
    expect(stock('https://schema.org/PreOrder')).toBe('preorder');
    expect(stock('PreSale')).toBe('preorder');
    expect(stock('OnlineOnly')).toBe('in_stock');
    expect(stock('BackOrder')).toBe('backorder');
    expect(stock('https://schema.org/LimitedAvailability')).toBe('limited');
    expect(stock('https://schema.org/Discontinued')).toBe('discontinued');
    expect(stock('https://schema.org/Reserved')).toBeNull();
    expect(stock('constructor')).toBeNull();
  });

  it('reads images as strings, lists or ImageObjects, resolving relative URLs against the base', () => {
    const image = (value: unknown) =>
      readProduct(page(jsonLd({ '@type': 'Product', name: 'Mug', image: value }), 'https://shop.example/es/p/mug'))?.image;
    expect(image('/cdn/mug.jpg')).toBe('https://shop.example/cdn/mug.jpg');
    expect(image('//cdn.example.net/mug.jpg')).toBe('https://cdn.example.net/mug.jpg');
    expect(image(['img/mug-1.jpg', 'img/mug-2.jpg'])).toBe('https://shop.example/es/p/img/mug-1.jpg');
    expect(image({ '@type': 'ImageObject', url: 'https://cdn.example.net/a.jpg' })).toBe('https://cdn.example.net/a.jpg');
    expect(image([{ '@type': 'ImageObject', contentUrl: '/b.jpg' }])).toBe('https://shop.example/b.jpg');
    expect(image('javascript:alert(1)')).toBeNull();
    expect(image(`https://shop.example/${'a'.repeat(2000)}.jpg`)).toBeNull();
  });

  it('ignores mpn and gtin when there is no SKU', () => {
    const product = { '@type': 'Product', name: 'Mug', mpn: 'M-1', gtin13: '8412345678905' };
    expect(readProduct(page(jsonLd(product)))?.sku).toBeNull();
  });

  it('trims, collapses and clamps names and SKUs to the contract limits', () => {
    const product = { '@type': 'Product', name: `  Big\n  ${'n'.repeat(300)}`, sku: 12345 };
    const read = readProduct(page(jsonLd(product)));
    expect(read?.name).toBe(`Big ${'n'.repeat(196)}`);
    expect(read?.sku).toBe('12345');
    const longSku = readProduct(page(jsonLd({ '@type': 'Product', name: 'Mug', sku: 's'.repeat(150) })));
    expect(longSku?.sku).toHaveLength(100);
  });

  it('skips a nameless product and falls back to Open Graph', () => {
    const og = '<meta property="og:type" content="product"><meta property="og:title" content="From OG">';
    const html = og + jsonLd({ '@type': 'Product', name: '  ' });
    expect(readProduct(page(html))?.name).toBe('From OG');
  });
});

describe('readProduct Open Graph details', () => {
  const og = (tags: Record<string, string>) =>
    page(
      Object.entries(tags)
        .map(([property, content]) => `<meta property="${property}" content="${content}">`)
        .join(''),
    );

  it('accepts product.item, og: price tags and every availability word', () => {
    const stock = (word: string) =>
      readProduct(og({ 'og:type': 'product.item', 'og:title': 'Mug', 'og:availability': word }))?.availability;
    expect(stock('instock')).toBe('in_stock');
    expect(stock('in stock')).toBe('in_stock');
    expect(stock('oos')).toBe('out_of_stock');
    expect(stock('out of stock')).toBe('out_of_stock');
    expect(stock('preorder')).toBe('preorder');
    expect(stock('pending')).toBe('preorder');
    expect(stock('someday')).toBeNull();
    const priced = og({
      'og:type': 'product',
      'og:title': 'Mug',
      'og:price:amount': '9.5',
      'og:price:currency': 'GBP',
    });
    expect(readProduct(priced)).toMatchObject({ price: 9.5, currency: 'GBP' });
  });

  it('reads money-formatted prices, taking separators before three digits as thousands', () => {
    const price = (amount: string) => readProduct(og({ 'og:type': 'product', 'og:title': 'Mug', 'product:price:amount': amount }))?.price;
    expect(price('42,00')).toBe(42);
    expect(price('1,299.00')).toBe(1299);
    expect(price('1 299,5')).toBe(1299.5);
    expect(price('1.299')).toBe(1299);
    expect(price('gratis')).toBeNull();
  });

  it('resolves a relative og:image against the base URL', () => {
    const doc = og({ 'og:type': 'product', 'og:title': 'Mug', 'og:image': '/media/mug.jpg' });
    expect(readProduct(doc)?.image).toBe('https://shop.example/media/mug.jpg');
  });

  it('returns null for other og:types or a product without a title', () => {
    expect(readProduct(og({ 'og:type': 'article', 'og:title': 'Blog post' }))).toBeNull();
    expect(readProduct(og({ 'og:type': 'product' }))).toBeNull();
  });
});

describe('readMarkup: what a page view carries', () => {
  it('passes on only the JSON-LD blocks that name a Product, and no base when the page has none of its own', () => {
    const markup = readMarkup(page(prestaShopProduct), 'https://shop.example/products/item');
    expect(markup.jsonLd).toHaveLength(1);
    expect(JSON.parse(markup.jsonLd[0]!)['@type']).toBe('Product');
    expect(markup.base).toBeUndefined();
  });

  it('cuts reviews, descriptions and every list but the first entry, so a long product page still fits', () => {
    const reviews = Array.from({ length: 60 }, (_, i) => ({ '@type': 'Review', reviewBody: `Molt bona ${i} `.repeat(20) }));
    const offers = Array.from({ length: 80 }, (_, i) => ({ '@type': 'Offer', sku: `SKU-${i}`, price: 10 + i, priceCurrency: 'EUR' }));
    const block = { '@type': ['Product', 'Thing'], name: 'Jersei', description: 'x'.repeat(20_000), review: reviews, offers };
    expect(JSON.stringify(block).length).toBeGreaterThan(MARKUP_BLOCK_CHARS_MAX);
    const markup = readMarkup(page(jsonLd(block)), 'https://shop.example/products/item');
    expect(JSON.parse(markup.jsonLd[0]!)).toEqual({ '@type': ['Product', 'Thing'], name: 'Jersei', offers: [offers[0]] });
    expect(readProduct(page(jsonLd(block)))).toMatchObject({ name: 'Jersei', sku: 'SKU-0', price: 10, currency: 'EUR' });
  });

  it('keeps every node of a @graph, and at most a few blocks', () => {
    const graph = {
      '@graph': [
        { '@type': 'WebPage', name: 'Pàgina' },
        { '@type': 'Product', name: 'Tassa' },
      ],
    };
    expect(readProduct(page(jsonLd(graph)))?.name).toBe('Tassa');
    const many = jsonLd(...Array.from({ length: MARKUP_BLOCKS_MAX + 2 }, (_, i) => ({ '@type': 'Product', name: `P${i}` })));
    expect(readMarkup(page(many), 'https://shop.example/products/item').jsonLd).toHaveLength(MARKUP_BLOCKS_MAX);
  });

  it('drops a block still too long once cut, and the page falls back to its Open Graph tags', () => {
    const huge = { '@type': 'Product', name: 'n'.repeat(MARKUP_BLOCK_CHARS_MAX) };
    const html = `<meta property="og:type" content="product"><meta property="og:title" content="Per OG">${jsonLd(huge)}`;
    expect(readMarkup(page(html), 'https://shop.example/products/item').jsonLd).toEqual([]);
    expect(readProduct(page(html))?.name).toBe('Per OG');
  });

  it('passes on the first of each og: and product: meta tag, none of the others, none too long, and only so many', () => {
    const tag = (attribute: string, name: string, content: string) => `<meta ${attribute}="${name}" content="${content}">`;
    const html = [
      tag('property', 'og:type', 'product'),
      tag('property', 'og:type', 'website'),
      tag('name', 'product:price:amount', '19,90'),
      tag('name', 'description', 'Una botiga'),
      tag('property', 'twitter:title', 'Gorra'),
      tag('property', 'og:image', `https://shop.example/${'x'.repeat(MARKUP_META_CHARS_MAX)}.jpg`),
    ].join('');
    expect(readMarkup(page(html), 'https://shop.example/products/item').meta).toEqual({
      'og:type': 'product',
      'product:price:amount': '19,90',
    });
    const many = Array.from({ length: MARKUP_META_MAX + 5 }, (_, i) => tag('property', `og:extra${i}`, 'x')).join('');
    expect(Object.keys(readMarkup(page(many), 'https://shop.example/products/item').meta)).toHaveLength(MARKUP_META_MAX);
  });

  it('keeps what fits in a frame on a page in a script of wide characters, dropping the last blocks first', () => {
    const wide = (i: number) => ({ '@type': 'Product', name: `商品${i}`, sku: '在庫'.repeat(2_400) });
    const meta = Array.from({ length: MARKUP_META_MAX }, (_, i) => `<meta property="og:x${i}" content="${'説明'.repeat(290)}">`).join('');
    const markup = readMarkup(page(meta + jsonLd(wide(1), wide(2), wide(3))), 'https://shop.example/products/item');
    expect(new TextEncoder().encode(JSON.stringify(markup)).length).toBeLessThanOrEqual(MARKUP_BYTES_MAX);
    expect(markup.jsonLd.map((block) => JSON.parse(block).name)).toEqual(['商品1']);
    expect(markup.meta).toEqual({});
    expect(productFromMarkup(markup, 'https://shop.example/products/item')?.name).toBe('商品1');
  });

  it("names the page's own base when a <base> differs from its address, and images resolve against it", () => {
    const doc = page(jsonLd({ '@type': 'Product', name: 'Mug', image: 'media/mug.jpg' }), 'https://cdn.shop.example/es/');
    const markup = readMarkup(doc, 'https://shop.example/es/p/mug');
    expect(markup.base).toBe('https://cdn.shop.example/es/');
    expect(productFromMarkup(markup, 'https://shop.example/es/p/mug')?.image).toBe('https://cdn.shop.example/es/media/mug.jpg');
  });
});
