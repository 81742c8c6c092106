import type { CannedInput } from '../canned-replies/index.ts';
import type { TAG_COLOURS } from '@mostrador/shared';

/**
 * The demo shop's starting toolbox, so a new user sees `/` and tags at work
 * on the first chat. The placeholders fill from what Mostrador knows; `/motxilla`
 * carries the backpack's product card (`productPage` names its page).
 */
export const demoCannedReplies = (productPage: (slug: string) => string): CannedInput[] => [
  {
    shortcut: 'hola',
    title: 'Salutació',
    scope: 'shared',
    departmentId: null,
    bodies: {
      ca: 'Hola! Sóc {{agent.name}}, de {{shop.name}}. En què et puc ajudar?',
      es: '¡Hola! Soy {{agent.name}}, de {{shop.name}}. ¿En qué te puedo ayudar?',
      en: 'Hi {{visitor.first_name|there}}! I am {{agent.name}} from {{shop.name}}. How can I help?',
    },
  },
  {
    shortcut: 'enviament',
    title: "Terminis d'enviament",
    scope: 'shared',
    departmentId: null,
    bodies: {
      ca: 'Enviem en 24 h els dies feiners. A la Península arriba en 2–3 dies; a les Balears i les Canàries, en 4–6.',
      es: 'Enviamos en 24 h los días laborables. En la Península llega en 2–3 días; en Baleares y Canarias, en 4–6.',
      en: 'We ship within 24 h on working days. Mainland Spain: 2–3 days; the Balearic and Canary Islands: 4–6.',
    },
  },
  {
    shortcut: 'devolucio',
    title: 'Devolucions',
    scope: 'shared',
    departmentId: null,
    bodies: {
      ca: 'Tens 30 dies per tornar-lo. Escriu-nos el número de comanda ({{ask:número de comanda}}) i et farem arribar l’etiqueta.',
      es: 'Tienes 30 días para devolverlo. Escríbenos el número de pedido ({{ask:número de pedido}}) y te enviaremos la etiqueta.',
      en: 'You have 30 days to return it. Send us the order number ({{ask:order number}}) and we will email you the label.',
    },
  },
  {
    shortcut: 'cistella',
    title: 'Total de la cistella',
    scope: 'shared',
    departmentId: null,
    bodies: {
      ca: 'Veig a la teva cistella {{cart.total|uns quants productes}}. Vols que t’ajudi a acabar la comanda?',
      es: 'Veo en tu cesta {{cart.total|algunos productos}}. ¿Quieres que te ayude a terminar el pedido?',
      en: 'I can see {{cart.total|a few items}} in your cart. Shall I help you finish the order?',
    },
  },
  {
    shortcut: 'motxilla',
    title: 'La motxilla de lona',
    scope: 'shared',
    departmentId: null,
    bodies: {
      ca: 'Et proposo la nostra motxilla de lona encerada: hi cap un portàtil de 15 polzades. Te l’ensenyo aquí:',
      es: 'Te propongo nuestra mochila de lona encerada: cabe un portátil de 15 pulgadas. Te la enseño aquí:',
      en: 'May I suggest our waxed canvas backpack? It fits a 15-inch laptop. Here it is:',
    },
    productUrl: productPage('motxilla-de-lona'),
  },
];

export const DEMO_TAGS: Array<{ name: string; colour: (typeof TAG_COLOURS)[number] }> = [
  { name: 'enviament', colour: 'blue' },
  { name: 'devolució', colour: 'amber' },
  { name: 'talla', colour: 'purple' },
  { name: 'venda', colour: 'green' },
];
