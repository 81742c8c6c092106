import type { ProductsCatalogue } from './en.ts';

export const productsEs: ProductsCatalogue = {
  'products.attach': 'Producto',
  'products.picker': 'Productos que ha visto el visitante',
  'products.filter': 'Filtra los productos',
  'products.none': 'El visitante aún no ha visto ningún producto.',
  'products.noMatch': 'Ningún producto coincide con «{filter}».',
  'products.close': 'Cerrar',
  'products.pending': 'Ficha de producto para enviar: {name}',
  'products.remove': 'Quita la ficha del producto {name}',
  'products.card': 'Ficha de producto: {name}',
};
