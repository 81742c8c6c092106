import type { createElement as CreateElement, Fragment as FragmentType } from 'preact';

/** What the files chunk borrows of the panel's Preact. */
export interface BorrowedPreact {
  createElement: typeof CreateElement;
  Fragment: typeof FragmentType;
}

/**
 * `preact` itself, in the files chunk's build (see build/chunkConfig.ts): the
 * panel's own Preact, handed over once the chunk has loaded, so one Preact
 * renders the whole panel. A copy of its own would cost the chunk ~4 kB and
 * could not render into the panel's tree. Read only at render time, which
 * is why the chunk's components are functions, never classes.
 */
export let createElement: BorrowedPreact['createElement'];
export let Fragment: BorrowedPreact['Fragment'];

export function borrowPreact(preact: BorrowedPreact): void {
  ({ createElement, Fragment } = preact);
}
