import { describe, expect, it } from 'vitest';
import { joinedEvent, leftEvent, queuedEvent, statusEvent } from '../chat/testEvents.ts';
import { createTranslator } from '../i18n/catalogue.ts';
import { catalogues } from '../i18n/catalogues.ts';
import { waitText } from './QueueBanner.tsx';
import { systemLine } from './systemLine.ts';

const en = createTranslator(catalogues.en);

describe('system lines', () => {
  it('says who joined and left, and why it matters when an agent went offline', () => {
    expect(systemLine(joinedEvent(1, 'guest'), en)).toBe('Marta joined the chat');
    expect(systemLine(leftEvent(2, 'left'), en)).toBe('Marta left the chat');
    expect(systemLine(leftEvent(2, 'transferred'), en)).toBe('Marta left the chat');
    expect(systemLine(leftEvent(2, 'offline'), en)).toBe('Marta left the chat. We are finding someone else to help you.');
  });

  it('tells the visitor where they wait, with or without a department', () => {
    expect(systemLine(queuedEvent(1, 'new'), en)).toBe("You're in the queue for Sales; an agent will be with you shortly");
    expect(systemLine(queuedEvent(1, 'new', null), en)).toBe("You're in the queue; an agent will be with you shortly");
    expect(systemLine(queuedEvent(1, 'transferred'), en)).toBe("You've been transferred to Sales");
    expect(systemLine(queuedEvent(1, 'transferred', null), en)).toBe("You've been transferred to another agent");
    expect(systemLine(queuedEvent(1, 'requeued'), en)).toBe('Waiting for the next available agent');
    expect(systemLine(statusEvent(1, 'closed'), en)).toBe('The conversation was closed');
  });

  it('speaks the page language', () => {
    expect(systemLine(joinedEvent(1), createTranslator(catalogues.ca))).toBe('Marta s’ha unit al xat');
    expect(systemLine(queuedEvent(1, 'transferred'), createTranslator(catalogues.es))).toBe('Te hemos transferido a Sales');
  });
});

describe('wait estimate', () => {
  it('rounds to whole minutes and says "less than a minute" below one', () => {
    expect(waitText(0, en)).toBe('less than a minute');
    expect(waitText(59, en)).toBe('less than a minute');
    expect(waitText(60, en)).toBe('about 1 min');
    expect(waitText(150, en)).toBe('about 3 min');
    expect(waitText(149, createTranslator(catalogues.es))).toBe('unos 2 min');
  });
});
