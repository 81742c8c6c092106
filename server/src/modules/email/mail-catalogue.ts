/** The words of mail to shoppers, in each language the widget speaks. `{shop}`, `{name}`, `{agent}` are filled in. */
export type MailLanguage = 'ca' | 'es' | 'en';

export interface MailWords {
  repliesSubject: string;
  transcriptSubject: string;
  greeting: string;
  greetingNamed: string;
  repliesIntro: string;
  transcriptIntro: string;
  you: string;
  continueChat: string;
  replyByEmail: string;
  /** One file of a message: `{file}` is its name, type and size. */
  attached: string;
  filesInChat: string;
  /** A product card of a message: `{product}` is its name, price (when known) and page. */
  product: string;
  footer: string;
}

const en: MailWords = {
  repliesSubject: '{shop}: a reply to your chat',
  transcriptSubject: '{shop}: your chat transcript',
  greeting: 'Hello,',
  greetingNamed: 'Hello {name},',
  repliesIntro: '{shop} answered you in the chat:',
  transcriptIntro: 'Here is your conversation with {shop}:',
  you: 'You',
  continueChat: 'Continue the chat',
  replyByEmail: 'You can also answer by replying to this email.',
  attached: 'Attached file: {file}',
  filesInChat: 'The files are in the chat: open it to see them.',
  product: 'Product: {product}',
  footer: 'You get this email because you chatted with {shop} and left your address.',
};

const ca: MailWords = {
  repliesSubject: '{shop}: una resposta al teu xat',
  transcriptSubject: '{shop}: la transcripció del teu xat',
  greeting: 'Hola,',
  greetingNamed: 'Hola {name},',
  repliesIntro: '{shop} t’ha respost al xat:',
  transcriptIntro: 'Aquesta és la teva conversa amb {shop}:',
  you: 'Tu',
  continueChat: 'Continua el xat',
  replyByEmail: 'També pots respondre contestant aquest correu.',
  attached: 'Fitxer adjunt: {file}',
  filesInChat: 'Els fitxers són al xat: obre’l per veure’ls.',
  product: 'Producte: {product}',
  footer: 'Reps aquest correu perquè has xatejat amb {shop} i hi has deixat la teva adreça.',
};

const es: MailWords = {
  repliesSubject: '{shop}: una respuesta a tu chat',
  transcriptSubject: '{shop}: la transcripción de tu chat',
  greeting: 'Hola:',
  greetingNamed: 'Hola, {name}:',
  repliesIntro: '{shop} te ha respondido en el chat:',
  transcriptIntro: 'Esta es tu conversación con {shop}:',
  you: 'Tú',
  continueChat: 'Continúa el chat',
  replyByEmail: 'También puedes responder contestando a este correo.',
  attached: 'Archivo adjunto: {file}',
  filesInChat: 'Los archivos están en el chat: ábrelo para verlos.',
  product: 'Producto: {product}',
  footer: 'Recibes este correo porque has chateado con {shop} y nos dejaste tu dirección.',
};

export const MAIL_CATALOGUES: Readonly<Record<MailLanguage, MailWords>> = { ca, es, en };

/** The visitor's browser language (`ca-ES`, `es`, …) as one of ours; English otherwise. */
export function mailLanguageOf(language: string | null | undefined): MailLanguage {
  const base = (language ?? '').slice(0, 2).toLowerCase();
  return base === 'ca' || base === 'es' ? base : 'en';
}

export function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}
