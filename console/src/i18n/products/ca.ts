import type { ProductsCatalogue } from './en.ts';

export const productsCa: ProductsCatalogue = {
  'products.attach': 'Producte',
  'products.picker': 'Productes que ha vist el visitant',
  'products.filter': 'Filtra els productes',
  'products.none': 'El visitant encara no ha vist cap producte.',
  'products.noMatch': 'Cap producte coincideix amb «{filter}».',
  'products.close': 'Tanca',
  'products.pending': 'Fitxa de producte per enviar: {name}',
  'products.remove': 'Treu la fitxa del producte {name}',
  'products.card': 'Fitxa de producte: {name}',
};
