import { createStore, type Store } from '../util/store.ts';
import type { CommandHandlers } from '../commands/dispatcher.ts';

export interface PanelView {
  open: boolean;
  /** Agent messages that arrived while the panel was closed. */
  unread: number;
}

/** Whether the panel is open, and the unread count the launcher badge shows. */
export interface PanelState extends Pick<CommandHandlers, 'open' | 'close' | 'toggle'> {
  readonly store: Store<PanelView>;
  noteAgentMessage(): void;
}

export function createPanelState(): PanelState {
  const store = createStore<PanelView>({ open: false, unread: 0 });
  // Opening reads everything; closing keeps the count at zero until new messages come.
  const setOpen = (open: boolean) => store.update((s) => (s.open === open ? s : { open, unread: open ? 0 : s.unread }));
  return {
    store,
    open: () => setOpen(true),
    close: () => setOpen(false),
    toggle: () => setOpen(!store.get().open),
    noteAgentMessage: () => store.update((s) => (s.open ? s : { ...s, unread: s.unread + 1 })),
  };
}
