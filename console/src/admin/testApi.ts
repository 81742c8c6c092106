import { waitFor } from '@testing-library/preact';
import type { AgentSummary, Department } from '@mostrador/shared';
import { vi } from 'vitest';

/** Test helpers: a fetch stub that answers by "METHOD /path" and records what was sent. */
export type Reply = readonly [status: number, body: unknown];
export type Route = (body: unknown) => Reply;

export interface SentRequest {
  method: string;
  path: string;
  body: unknown;
}

export function stubApi(routes: Record<string, Route | Reply>) {
  const sent: SentRequest[] = [];
  const fetchStub = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    const path = String(input);
    const body: unknown = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    sent.push({ method, path, body });
    const route = routes[`${method} ${path}`];
    const missing: Reply = [404, { error: { code: 'not_found', message: `No route ${method} ${path}` } }];
    const [status, reply] = route === undefined ? missing : typeof route === 'function' ? route(body) : route;
    // A 204 may not carry a body: the Response constructor throws if given one.
    if (status === 204) return new Response(null, { status });
    return new Response(JSON.stringify(reply), { status, headers: { 'content-type': 'application/json' } });
  });
  vi.stubGlobal('fetch', fetchStub);
  return { sent, writes: () => sent.filter((request) => request.method !== 'GET') };
}

export const sales: Department = { id: 'dep_sales', slug: 'sales', name: 'Sales', routing: 'auto' };
export const support: Department = { id: 'dep_support', slug: 'support', name: 'Support', routing: 'manual' };

export function agentSummary(overrides: Partial<AgentSummary> = {}): AgentSummary {
  return {
    id: 'agt_nuria',
    name: 'Núria',
    email: 'nuria@shop.test',
    role: 'admin',
    status: 'online',
    load: 1,
    capacity: 3,
    departmentIds: ['dep_sales'],
    active: true,
    ...overrides,
  };
}

/** Waits for an element the page renders once its data has loaded. */
export async function findIn<E extends Element = HTMLElement>(container: Element, selector: string): Promise<E> {
  return waitFor(() => {
    const element = container.querySelector<E>(selector);
    if (!element) throw new Error(`Not rendered yet: ${selector}`);
    return element;
  });
}
