import type { BusinessHours } from '@mostrador/shared';
import { describe, expect, it } from 'vitest';
import type { ChatView } from '../chat/chatView.ts';
import { availabilityOf } from './availability.ts';

const weekdays: BusinessHours = {
  timeZone: 'Europe/Madrid',
  weekly: [1, 2, 3, 4, 5].map((day) => ({ day, from: '09:00', to: '18:00' })),
  holidays: [],
  closures: [],
};
const saturdays: BusinessHours = { ...weekdays, weekly: [{ day: 6, from: '10:00', to: '14:00' }] };

function view(change: Partial<ChatView>): ChatView {
  return {
    connection: 'connected',
    siteName: 'Botiga',
    departments: [],
    department: null,
    conversation: null,
    events: [],
    pending: [],
    agentTyping: null,
    invitation: null,
    onlineAgents: { any: true, departments: [] },
    ...change,
  };
}

const mondayMorning = Date.parse('2026-12-07T09:00:00Z'); // 10:00 in Madrid
const saturdayNight = Date.parse('2026-12-12T21:00:00Z');

describe('availabilityOf', () => {
  it('is open with no hours and someone online', () => {
    expect(availabilityOf(view({}), saturdayNight)).toEqual({ closed: false, opensAt: null });
  });

  it('is closed outside the hours, and knows the next opening', () => {
    const closed = availabilityOf(view({ hours: { site: weekdays, departments: {} } }), saturdayNight);
    expect(closed).toEqual({ closed: true, opensAt: Date.parse('2026-12-14T08:00:00Z') });
  });

  it('is closed inside the hours when nobody is online, with no opening to promise', () => {
    const nobody = view({ hours: { site: weekdays, departments: {} }, onlineAgents: { any: false, departments: [] } });
    expect(availabilityOf(nobody, mondayMorning)).toEqual({ closed: true, opensAt: null });
  });

  it('follows the chosen department’s own hours', () => {
    const hours = { site: weekdays, departments: { sales: saturdays } };
    expect(availabilityOf(view({ hours }), mondayMorning).closed).toBe(false);
    expect(availabilityOf(view({ hours, department: 'sales' }), mondayMorning)).toEqual({
      closed: true,
      opensAt: Date.parse('2026-12-12T09:00:00Z'),
    });
  });
});
