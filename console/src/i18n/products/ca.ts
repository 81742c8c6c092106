import type { ProductsCatalogue } from './en.ts';

export const productsCa: ProductsCatalogue = {
  'products.attach': 'Producte',
  'products.picker': 'Productes per enviar',
  'products.filter': 'Filtra els productes',
  'products.none': 'El visitant encara no ha vist cap producte.',
  'products.noMatch': 'Cap producte coincideix amb «{filter}».',
  'products.close': 'Tanca',
  'products.pending': 'Fitxa de producte per enviar: {name}',
  'products.remove': 'Treu la fitxa del producte {name}',
  'products.card': 'Fitxa de producte: {name}',
  'products.fromShop': 'De la botiga',
  'products.searching': 'Cercant a la botiga…',
  'products.shopFound': '{count} més de la botiga',
  'products.shopNone': 'Res més de la botiga coincideix amb «{filter}».',
  'products.searchHint': 'Escriu dues lletres o més per cercar a tota la botiga.',
};
