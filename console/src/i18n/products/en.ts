/** Product cards: the composer's product button, its picker, the card waiting to go and the card in the history. */
export const productsEn = {
  'products.attach': 'Product',
  'products.picker': 'Products the visitor viewed',
  'products.filter': 'Filter products',
  'products.none': 'The visitor has not viewed any product yet.',
  'products.noMatch': 'No product matches “{filter}”.',
  'products.close': 'Close',
  'products.pending': 'Product card to send: {name}',
  'products.remove': 'Remove the product card {name}',
  'products.card': 'Product card: {name}',
} as const;

export type ProductsCatalogue = { readonly [Key in keyof typeof productsEn]: string };
