import type { CannedReply, ProductCard } from '@mostrador/shared';
import { fireEvent } from '@testing-library/preact';

/** A product of the test shop's catalogue, as a canned reply carries it. */
export const backpack: ProductCard = {
  name: 'Motxilla de lona',
  url: 'https://shop.example/p/motxilla',
  price: 119,
  currency: 'EUR',
  image: null,
  sku: 'BAG-CNV-BLU',
};

/** A team reply with the backpack's card; `overrides` make the others. */
export function replyWithProduct(overrides: Partial<CannedReply> = {}): CannedReply {
  return {
    id: 'cnr_bag',
    shortcut: 'bag',
    title: 'The backpack',
    scope: 'shared',
    departmentId: null,
    bodies: { ca: 'Aquí la tens', es: '', en: 'Here it is.' },
    productUrl: backpack.url,
    product: backpack,
    updatedAt: 1,
    ...overrides,
  };
}

/** Types into the composer as the agent does: the whole draft, the caret at its end. */
export const typingInto = (textarea: HTMLTextAreaElement) => (value: string) => {
  textarea.value = value;
  textarea.setSelectionRange(value.length, value.length);
  fireEvent.input(textarea);
};
