import type { ProductsCatalogue } from './en.ts';

export const productsEs: ProductsCatalogue = {
  'products.attach': 'Producto',
  'products.picker': 'Productos para enviar',
  'products.filter': 'Filtra los productos',
  'products.none': 'El visitante aún no ha visto ningún producto.',
  'products.noMatch': 'Ningún producto coincide con «{filter}».',
  'products.close': 'Cerrar',
  'products.pending': 'Ficha de producto para enviar: {name}',
  'products.remove': 'Quita la ficha del producto {name}',
  'products.card': 'Ficha de producto: {name}',
  'products.fromShop': 'De la tienda',
  'products.searching': 'Buscando en la tienda…',
  'products.shopFound': '{count} más de la tienda',
  'products.shopNone': 'Nada más de la tienda coincide con «{filter}».',
  'products.searchHint': 'Escribe dos letras o más para buscar en toda la tienda.',
};
