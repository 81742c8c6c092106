/**
 * What the demo shop's history says: the shoppers' names and the chats'
 * lines, in the three languages its shoppers write in. Demo seed data only.
 */
export type DemoLanguage = 'ca' | 'es' | 'en';

/** A chat's lines by turn: the shopper opens, the agent answers, the shopper follows up, the agent ends, the shopper thanks. */
export interface DemoTopic {
  /** The tag the agent put on such chats (one of DEMO_TAGS), or null. */
  tag: string | null;
  /** The department such chats end up in when transferred. */
  department: 'vendes' | 'comandes';
  lines: Record<DemoLanguage, readonly [string, string, string, string]>;
}

export const DEMO_TOPICS: readonly DemoTopic[] = [
  {
    tag: 'enviament',
    department: 'comandes',
    lines: {
      ca: [
        'Hola! Quant triga a arribar una comanda a Girona?',
        'Hola! Enviem en 24 h i a Girona arriba en 2–3 dies feiners.',
        'Perfecte, i puc triar el dia de lliurament?',
        'No, però rebràs el número de seguiment per correu per seguir-lo.',
      ],
      es: [
        'Hola, ¿cuánto tarda un pedido a Sevilla?',
        '¡Hola! Enviamos en 24 h y a Sevilla llega en 2–3 días laborables.',
        '¿Y hacéis envíos a Canarias?',
        'Sí, a Canarias llega en 4–6 días. Los gastos se ven en la cesta.',
      ],
      en: [
        'Hi, do you ship to Portugal?',
        'Hi! Yes, Portugal takes 3–5 working days from our warehouse.',
        'Great. Is shipping free above some amount?',
        'Shipping is free on orders over 60 €; below that it costs 4.90 €.',
      ],
    },
  },
  {
    tag: 'devolució',
    department: 'comandes',
    lines: {
      ca: [
        'Vull tornar les espardenyes, em van petites.',
        'Cap problema: tens 30 dies. Em dones el número de comanda?',
        'És la MS-20417.',
        'Fet! T’hem enviat l’etiqueta de devolució al correu.',
      ],
      es: [
        'Quiero devolver la sudadera, no me convence el color.',
        'Sin problema, tienes 30 días. ¿Me das el número de pedido?',
        'Es el MS-19882.',
        'Listo: te hemos enviado la etiqueta de devolución por correo.',
      ],
      en: [
        'How do I return a backpack I bought last week?',
        'Easy: you have 30 days. What is the order number?',
        'MS-20233.',
        'Done, the return label is in your inbox. The refund follows in 5 days.',
      ],
    },
  },
  {
    tag: 'talla',
    department: 'vendes',
    lines: {
      ca: [
        'Quina talla de dessuadora em recomanes si faig 1,75 m?',
        'La M et quedarà ample però no gaire; si la vols justa, la S.',
        'I encongeix en rentar-la?',
        'Gairebé gens: és cotó orgànic prerentat. Renta-la a 30 °C.',
      ],
      es: [
        '¿Las espardeñas tallan grande o pequeño?',
        'Tallan justo: si dudas entre dos números, coge el mayor.',
        'Vale, entonces el 39. ¿Hay stock?',
        'Sí, quedan pares del 39. Te lo reservo si lo pides hoy.',
      ],
      en: [
        'Does the hoodie run small?',
        'It runs true to size; size up if you like it roomy.',
        'And the sleeves, are they long?',
        'They are a little long on purpose, with a ribbed cuff.',
      ],
    },
  },
  {
    tag: 'venda',
    department: 'vendes',
    lines: {
      ca: [
        'Hi cap un portàtil de 15 polzades a la motxilla de lona?',
        'Sí, té una butxaca encoixinada per a 15 polzades.',
        'I és impermeable?',
        'La lona és encerada: aguanta la pluja. Et deixo la fitxa: /motxilla.',
      ],
      es: [
        '¿Tenéis la mochila de lona en otro color?',
        'Ahora mismo solo en azul, pero en dos semanas llega en verde.',
        '¿Me podéis avisar cuando llegue?',
        'Claro, te apunto y te escribimos en cuanto la tengamos.',
      ],
      en: [
        'Is there a discount if I buy two hoodies?',
        'Not on the hoodies, but orders over 60 € ship for free.',
        'OK, then I will add the espadrilles too.',
        'Good choice! Your cart will show the free shipping at checkout.',
      ],
    },
  },
  {
    tag: null,
    department: 'comandes',
    lines: {
      ca: [
        'On és la meva comanda? Encara no m’ha arribat.',
        'Ho miro. Em dius el número de comanda?',
        'MS-20561',
        'Ja és al repartidor: t’arriba demà al matí.',
      ],
      es: [
        'Me ha llegado el pedido con un producto equivocado.',
        'Vaya, lo siento. ¿Me pasas una foto y el número de pedido?',
        'Te la envío por correo, pedido MS-20377.',
        'Gracias: te mandamos el correcto hoy y recogemos el otro.',
      ],
      en: [
        'Can I change the address of my order?',
        'If it has not shipped yet, yes. What is the order number?',
        'MS-20490',
        'Changed. It leaves tomorrow to the new address.',
      ],
    },
  },
];

/** The shopper's thanks after the agent's last line. */
export const DEMO_THANKS: Record<DemoLanguage, readonly string[]> = {
  ca: ['Moltes gràcies!', 'Genial, gràcies', 'Perfecte 👍'],
  es: ['¡Muchas gracias!', 'Genial, gracias', 'Perfecto'],
  en: ['Thanks a lot!', 'Great, thanks', 'Perfect, thank you'],
};

/** An agent's greeting when they start a chat themselves (proactive), and when they answer a ticket later. */
export const DEMO_PROACTIVE: Record<DemoLanguage, string> = {
  ca: 'Hola! Veig que mires la motxilla: vols que et resolgui algun dubte?',
  es: '¡Hola! Veo que miras la mochila: ¿te resuelvo alguna duda?',
  en: 'Hi! I see you are looking at the backpack: any questions I can help with?',
};

export const DEMO_TICKET_ANSWER: Record<DemoLanguage, string> = {
  ca: 'Bon dia! Ahir ja érem tancats; et responc ara mateix.',
  es: '¡Buenos días! Ayer ya habíamos cerrado; te respondo ahora.',
  en: 'Good morning! We were closed when you wrote; here is your answer.',
};

/** Comments some shoppers leave with their rating, by how they rated. */
export const DEMO_COMMENTS: Record<'good' | 'bad', Record<DemoLanguage, readonly string[]>> = {
  good: {
    ca: ['Molt ràpids i amables', 'M’han resolt el dubte de seguida'],
    es: ['Rapidísimos, gracias', 'Muy amables'],
    en: ['Quick and friendly', 'Solved in two minutes'],
  },
  bad: {
    ca: ['He hagut d’esperar massa'],
    es: ['Tardaron en contestar'],
    en: ['Took too long to get an answer'],
  },
};

/** Shoppers' first names and an initial: every one shown as "Demo: Marta P.", so nobody takes them for real customers. */
export const DEMO_FIRST_NAMES = [
  'Marta',
  'Pau',
  'Laura',
  'Jan',
  'Carla',
  'Marc',
  'Anna',
  'Pol',
  'Júlia',
  'Arnau',
  'Lucía',
  'Hugo',
  'Sofía',
  'Daniel',
  'Paula',
  'Álvaro',
  'Emma',
  'Oliver',
  'Chloe',
  'James',
  'Nora',
  'Biel',
  'Aina',
  'Roc',
  'Ona',
] as const;

export const DEMO_INITIALS = 'ABCDEFGJLMNPRSTV';

/** The demo shop's pages a shopper's trail goes through, under its address. */
export const DEMO_PAGES: readonly { path: string; title: string }[] = [
  { path: '/shop/', title: 'Botiga Mostrador' },
  { path: '/shop/products/dessuadora-mostrador', title: 'Dessuadora Mostrador' },
  { path: '/shop/products/espardenyes-de-vetes', title: 'Espardenyes de vetes' },
  { path: '/shop/products/motxilla-de-lona', title: 'Motxilla de lona' },
  { path: '/shop/cart', title: 'Cistella' },
];
