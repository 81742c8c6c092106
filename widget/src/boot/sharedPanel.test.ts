import { BroadcastChannel as NodeBroadcastChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoryBackend } from '../chat/testSession.ts';
import { createPanelState } from '../ui/panelState.ts';
import { sharePanelState } from './sharedPanel.ts';

const KEY = 'mostrador:site_1:panel';
type SharedWindow = Parameters<typeof sharePanelState>[3];

const channels: { close(): void }[] = [];
/** A window with a BroadcastChannel (Node's: tabs of one origin, here in one process); the test closes them after. */
function windowWithChannel(): SharedWindow {
  class Channel extends NodeBroadcastChannel {
    constructor(name: string) {
      super(name);
      channels.push(this);
    }
  }
  return { BroadcastChannel: Channel } as unknown as SharedWindow;
}

afterEach(() => {
  for (const channel of channels.splice(0)) channel.close();
});

function tab(storage: ReturnType<typeof memoryBackend>, win?: SharedWindow) {
  const panel = createPanelState();
  const shared = sharePanelState(panel, KEY, storage, win);
  return { panel, shared };
}

describe('the panel state follows the shopper', () => {
  it('to the next page or a reload: open, unread count and draft', () => {
    const storage = memoryBackend();
    const first = tab(storage);
    first.panel.open();
    first.panel.setDraft('Teniu la talla L?');
    const next = tab(storage);
    expect(next.panel.store.get()).toEqual({ open: true, unread: 0, draft: 'Teniu la talla L?' });
    next.panel.close();
    next.panel.noteAgentMessage();
    expect(tab(storage).panel.store.get()).toEqual({ open: false, unread: 1, draft: 'Teniu la talla L?' });
  });

  it('to the other open tabs at once, on a BroadcastChannel', async () => {
    const storage = memoryBackend();
    const one = tab(storage, windowWithChannel());
    const two = tab(storage, windowWithChannel());
    one.panel.open();
    one.panel.setDraft('hola');
    await vi.waitFor(() => expect(two.panel.store.get()).toEqual({ open: true, unread: 0, draft: 'hola' }));
    two.panel.close();
    await vi.waitFor(() => expect(one.panel.store.get().open).toBe(false));
  });

  it('to the other tabs by the storage event where there is no BroadcastChannel', () => {
    const storage = memoryBackend();
    const win = new EventTarget() as unknown as SharedWindow;
    const two = tab(storage, win);
    const one = tab(storage);
    one.panel.open();
    win!.dispatchEvent(Object.assign(new Event('storage'), { key: KEY, newValue: storage.getItem(KEY) }));
    expect(two.panel.store.get().open).toBe(true);
    // Another key's change is not ours.
    one.panel.close();
    win!.dispatchEvent(Object.assign(new Event('storage'), { key: 'other', newValue: storage.getItem(KEY) }));
    expect(two.panel.store.get().open).toBe(true);
  });
});

describe('one count per agent message, however many tabs hear it', () => {
  it('lets the first tab count a message, and no other', () => {
    const storage = memoryBackend();
    const one = tab(storage);
    const two = tab(storage);
    expect(one.shared.firstToCount('cnv_1', 3)).toBe(true);
    expect(two.shared.firstToCount('cnv_1', 3)).toBe(false);
    expect(two.shared.firstToCount('cnv_1', 4)).toBe(true);
    expect(one.shared.firstToCount('cnv_1', 4)).toBe(false);
    // A new conversation starts its own count.
    expect(one.shared.firstToCount('cnv_2', 1)).toBe(true);
  });

  it('does not count again a message another tab counted, when the channel tells it before its own storage does', async () => {
    // Separate processes: each tab has its own storage, which reaches the other late (here: never).
    const one = tab(memoryBackend(), windowWithChannel());
    const two = tab(memoryBackend(), windowWithChannel());
    if (one.shared.firstToCount('cnv_1', 3)) one.panel.noteAgentMessage();
    await vi.waitFor(() => expect(two.panel.store.get().unread).toBe(1));
    // The message reaches the second tab's socket after the first tab's word on the channel.
    expect(two.shared.firstToCount('cnv_1', 3)).toBe(false);
    expect(two.panel.store.get().unread).toBe(1);
    expect(two.shared.firstToCount('cnv_1', 4)).toBe(true);
  });
});
