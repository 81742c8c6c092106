/** Product cards: the composer's product button, its picker, the card waiting to go and the card in the history. */
export const productsEn = {
  'products.attach': 'Product',
  'products.picker': 'Products to send',
  'products.filter': 'Filter products',
  'products.none': 'The visitor has not viewed any product yet.',
  'products.noMatch': 'No product matches “{filter}”.',
  'products.close': 'Close',
  'products.pending': 'Product card to send: {name}',
  'products.remove': 'Remove the product card {name}',
  'products.card': 'Product card: {name}',
  'products.fromShop': 'From the shop',
  'products.searching': 'Searching the shop…',
  'products.shopFound': '{count} more from the shop',
  'products.shopNone': 'Nothing else in the shop matches “{filter}”.',
  'products.searchHint': 'Type two letters or more to search the whole shop.',
} as const;

export type ProductsCatalogue = { readonly [Key in keyof typeof productsEn]: string };
