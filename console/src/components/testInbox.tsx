import type { ConversationEvent, ConversationSummary } from '@mostrador/shared';
import { act, fireEvent, render } from '@testing-library/preact';
import { vi } from 'vitest';
import type { AlertOutput } from '../api/browserAlerts.ts';
import { createTestServer } from '../state/testServer.ts';
import { me, summary, visitorMessage } from '../state/testFixtures.ts';
import { InboxScreen } from './InboxScreen.tsx';

/** Rendering helpers shared by the inbox's component tests. */
export const flush = () => act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));

export function recordingOutput(): AlertOutput & { chimes: number; notes: string[] } {
  const output = {
    chimes: 0,
    notes: [] as string[],
    playChime: () => void (output.chimes += 1),
    notify: (title: string, body: string) => void output.notes.push(`${title}: ${body}`),
    pageFocused: () => true,
  };
  return output;
}

const fromVisitor = (body: string) => ({ body, authorKind: 'visitor' as const, createdAt: 1_001 });

const defaults = (): ConversationSummary[] => [
  summary({ id: 'conv_old', visitorLabel: 'Visitor Old', lastSeq: 1, updatedAt: 100, lastMessage: fromVisitor('Older question') }),
  summary({ id: 'conv_new', visitorLabel: 'Visitor New', lastSeq: 1, updatedAt: 200, lastMessage: fromVisitor('Newer question') }),
];

/** The inbox against the in-test server, already connected and loaded. */
export async function renderInbox(
  initial: ConversationSummary[] = defaults(),
  logs: Record<string, ConversationEvent[]> = {
    conv_old: [visitorMessage('conv_old', 1, 'Older question')],
    conv_new: [visitorMessage('conv_new', 1, 'Newer question')],
  },
) {
  const server = createTestServer(initial, logs);
  const output = recordingOutput();
  const view = render(
    <InboxScreen agent={me} connect={() => server.connection} onLogout={vi.fn()} onSessionEnded={vi.fn()} alertOutput={output} />,
  );
  act(() => server.connection.setStatus('connected'));
  await flush();
  const { container } = view;
  const rowIds = () =>
    [...container.querySelectorAll('[data-part="conversation-row"]')].map((row) => row.getAttribute('data-conversation-id'));
  const paneIds = () =>
    [...container.querySelectorAll('[data-part="conversation"]')].map((pane) => pane.getAttribute('data-conversation-id'));
  const pane = (id: string) => container.querySelector<HTMLElement>(`[data-part="conversation"][data-conversation-id="${id}"]`);
  const row = (id: string) => container.querySelector<HTMLElement>(`[data-part="conversation-row"][data-conversation-id="${id}"]`)!;
  const tab = (name: string) => container.querySelector<HTMLElement>(`button[data-part="tab"][data-view="${name}"]`)!;
  const openRow = async (id: string) => {
    fireEvent.click(row(id));
    await flush();
  };
  return { ...view, ...server, output, rowIds, paneIds, pane, row, tab, openRow };
}
