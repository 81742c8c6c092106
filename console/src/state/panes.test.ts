import { describe, expect, it } from 'vitest';
import { closePane, focusedPane, focusPane, noPanes, openPane, stepTarget } from './panes.ts';

describe('panes', () => {
  it('opens up to three side by side; a fourth replaces the least recently focused, in place', () => {
    let panes = openPane(openPane(openPane(noPanes, 'a'), 'b'), 'c');
    expect(panes.open).toEqual(['a', 'b', 'c']);
    panes = focusPane(panes, 'a');
    panes = openPane(panes, 'd');
    expect(panes.open).toEqual(['a', 'd', 'c']);
    expect(focusedPane(panes)).toBe('d');
  });

  it('only focuses a conversation already open', () => {
    const panes = openPane(openPane(openPane(noPanes, 'a'), 'b'), 'a');
    expect(panes.open).toEqual(['a', 'b']);
    expect(focusedPane(panes)).toBe('a');
  });

  it('returns focus to the previously focused pane on close', () => {
    const panes = closePane(openPane(openPane(openPane(noPanes, 'a'), 'b'), 'c'), 'c');
    expect(panes.open).toEqual(['a', 'b']);
    expect(focusedPane(panes)).toBe('b');
  });

  it('steps between open panes, then along the list past the last one', () => {
    const panes = focusPane(openPane(openPane(noPanes, 'a'), 'b'), 'a');
    expect(stepTarget(panes, ['a', 'x', 'b', 'y'], 1)).toBe('b');
    const atEnd = focusPane(panes, 'b');
    expect(stepTarget(atEnd, ['a', 'x', 'b', 'y'], 1)).toBe('y');
    expect(stepTarget(atEnd, ['a', 'x', 'b', 'y'], -1)).toBe('a');
    expect(stepTarget(noPanes, ['a', 'b'], 1)).toBe('a');
    expect(stepTarget(noPanes, ['a', 'b'], -1)).toBe('b');
  });
});
