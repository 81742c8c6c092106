import { DEMO_CURRENCY, DEMO_PRODUCTS, type DemoProduct } from './catalog.ts';

/** Escapes text for HTML; product data is ours, but the page must not trust anything. */
function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function euros(amount: number): string {
  return new Intl.NumberFormat('ca-ES', { style: 'currency', currency: DEMO_CURRENCY }).format(amount);
}

export interface PageContext {
  /** The Mostrador server's origin, as the merchant would paste it. */
  chatOrigin: string;
  siteKey: string;
}

/** Exactly the tag the README tells a merchant to paste: the shop's only chat code. */
function widgetTag(ctx: PageContext): string {
  return `<script async src="${esc(ctx.chatOrigin)}/widget.js" data-site="${esc(ctx.siteKey)}"></script>`;
}

function layout(ctx: PageContext, title: string, body: string, head = ''): string {
  return `<!doctype html>
<html lang="ca">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} · Botiga Mostrador</title>
<link rel="icon" href="/shop/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/shop/shop.css">
<script defer src="/shop/shop.js"></script>
${head}
${widgetTag(ctx)}
</head>
<body>
<header class="top">
  <a class="brand" href="/shop/">Botiga Mostrador</a>
  <nav><a href="/shop/">Productes</a> <a href="/shop/cart" class="cart-link">Cistella (<span data-cart-count>0</span>)</a></nav>
</header>
<main>
${body}
</main>
<footer>Botiga de demostració · Els productes no són reals.</footer>
</body>
</html>`;
}

function card(product: DemoProduct): string {
  return `<li class="card">
  <a href="/shop/products/${esc(product.slug)}">
    <img src="/shop/img/${esc(product.slug)}.svg" alt="" width="240" height="180">
    <h2>${esc(product.name)}</h2>
  </a>
  <p class="price">${euros(product.price)}</p>
</li>`;
}

export function listPage(ctx: PageContext): string {
  return layout(
    ctx,
    'Productes',
    `<h1>Productes</h1>
<ul class="grid">
${DEMO_PRODUCTS.map(card).join('\n')}
</ul>`,
  );
}

export function productPage(ctx: PageContext, product: DemoProduct): string {
  // The schema.org Product data shops already publish for search engines.
  const jsonLd = JSON.stringify({
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: product.name,
    sku: product.sku,
    image: `/shop/img/${product.slug}.svg`,
    description: product.description,
    offers: {
      '@type': 'Offer',
      price: product.price.toFixed(2),
      priceCurrency: DEMO_CURRENCY,
      availability: 'https://schema.org/InStock',
    },
  }).replace(/</g, '\\u003c');
  return layout(
    ctx,
    product.name,
    `<article class="product">
  <img src="/shop/img/${esc(product.slug)}.svg" alt="${esc(product.name)}" width="480" height="360">
  <div>
    <h1>${esc(product.name)}</h1>
    <p class="price">${euros(product.price)}</p>
    <p>${esc(product.description)}</p>
    <button type="button" class="buy" data-add-to-cart data-sku="${esc(product.sku)}" data-name="${esc(product.name)}" data-price="${product.price}" data-url="/shop/products/${esc(product.slug)}">Afegeix a la cistella</button>
    <p class="added" data-added hidden>Afegit a la cistella.</p>
  </div>
</article>`,
    `<script type="application/ld+json">${jsonLd}</script>`,
  );
}

export function cartPage(ctx: PageContext): string {
  return layout(
    ctx,
    'Cistella',
    `<h1>Cistella</h1>
<div data-cart>
  <p data-cart-empty>La cistella és buida.</p>
  <table data-cart-table hidden>
    <thead><tr><th>Producte</th><th>Quantitat</th><th>Preu</th><th></th></tr></thead>
    <tbody data-cart-lines></tbody>
    <tfoot><tr><th colspan="2">Total</th><td data-cart-total></td><td></td></tr></tfoot>
  </table>
  <p data-cart-actions hidden><a class="buy" href="/shop/checkout">Tramita la comanda</a></p>
</div>`,
  );
}

/** A checkout without payment: the demo's shoppers can reach "started checkout" and "purchased". */
export function checkoutPage(ctx: PageContext): string {
  return layout(
    ctx,
    'Tramitació de la comanda',
    `<h1>Tramitació de la comanda</h1>
<div data-checkout>
  <p data-cart-empty hidden>La cistella és buida. <a href="/shop/">Torna als productes</a>.</p>
  <div data-checkout-form hidden>
    <p>Total a pagar: <strong data-cart-total></strong></p>
    <p>Aquesta és una botiga de demostració: no es cobra res ni s'envia res.</p>
    <button type="button" class="buy" data-place-order>Confirma la comanda</button>
  </div>
  <p data-order-placed hidden>Gràcies! Hem rebut la comanda <strong data-order-id></strong>.</p>
</div>`,
  );
}

/** A flat product illustration, so the demo needs no image files. */
export function productImage(product: DemoProduct): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 180" role="img" aria-label="${esc(product.name)}">
<rect width="240" height="180" fill="#f4efe6"/>
<rect x="60" y="40" width="120" height="100" rx="18" fill="${esc(product.color)}"/>
<text x="120" y="102" font-family="Georgia, serif" font-size="36" fill="#fff" text-anchor="middle">${esc(product.name.charAt(0))}</text>
</svg>`;
}

export const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#2f6f4f"/><text x="16" y="23" font-family="Georgia, serif" font-size="20" fill="#fff" text-anchor="middle">B</text></svg>`;
