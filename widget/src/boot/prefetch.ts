/** How near (CSS pixels) the pointer comes to the launcher before the panel chunk is fetched. */
export const APPROACH_PX = 160;

/**
 * Calls `prefetch` once, as soon as the visitor seems about to open the
 * chat: the pointer comes near the launcher, or the launcher gets focus or a
 * touch. The panel chunk is then at hand by the time the click lands.
 */
export function prefetchOnApproach(doc: Document, launcher: HTMLElement, prefetch: () => void): void {
  // The launcher is fixed to the viewport: measured once (and again on resize), not on every move.
  let box: DOMRect | null = null;
  const forget = () => (box = null);
  const view = doc.defaultView;
  const done = () => {
    doc.removeEventListener('pointermove', onMove);
    view?.removeEventListener('resize', forget);
    launcher.removeEventListener('focus', done);
    launcher.removeEventListener('pointerdown', done);
    prefetch();
  };
  const onMove = (event: MouseEvent) => {
    box ??= launcher.getBoundingClientRect();
    const dx = Math.max(box.left - event.clientX, 0, event.clientX - box.right);
    const dy = Math.max(box.top - event.clientY, 0, event.clientY - box.bottom);
    if (Math.hypot(dx, dy) <= APPROACH_PX) done();
  };
  doc.addEventListener('pointermove', onMove, { passive: true });
  view?.addEventListener('resize', forget);
  launcher.addEventListener('focus', done);
  launcher.addEventListener('pointerdown', done);
}
