import { createStore, type Store } from '../util/store.ts';
import type { CommandHandlers } from '../commands/dispatcher.ts';

export interface PanelView {
  open: boolean;
  /** Agent messages that arrived while the panel was closed. */
  unread: number;
  /** What the visitor has typed and not sent: kept when the panel closes, the page changes or another tab shows it. */
  draft: string;
}

/** Whether the panel is open, and the unread count the launcher badge shows. */
export interface PanelState extends Pick<CommandHandlers, 'open' | 'close' | 'toggle'> {
  readonly store: Store<PanelView>;
  /** Set when the visitor opens the panel (launcher, teaser): the panel then takes focus, as a shop's `open` must not. */
  focusOnOpen: boolean;
  noteAgentMessage(): void;
  setDraft(draft: string): void;
}

export function createPanelState(): PanelState {
  const store = createStore<PanelView>({ open: false, unread: 0, draft: '' });
  // Opening reads everything; closing keeps the count at zero until new messages come.
  const setOpen = (open: boolean) => store.update((s) => (s.open === open ? s : { ...s, open, unread: open ? 0 : s.unread }));
  return {
    store,
    focusOnOpen: false,
    open: () => setOpen(true),
    close: () => setOpen(false),
    toggle: () => setOpen(!store.get().open),
    noteAgentMessage: () => store.update((s) => (s.open ? s : { ...s, unread: s.unread + 1 })),
    setDraft: (draft) => store.update((s) => (s.draft === draft ? s : { ...s, draft })),
  };
}
