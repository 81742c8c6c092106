/** How near (CSS pixels) the pointer comes to the launcher before the panel chunk is fetched. */
export const APPROACH_PX = 160;
/** Pointer positions are checked at most this often: each check measures the launcher. */
const CHECK_EVERY_MS = 100;

/**
 * Calls `prefetch` once, as soon as the visitor seems about to open the
 * chat: the pointer comes near the launcher, or the launcher gets focus or a
 * touch. The panel chunk is then at hand by the time the click lands.
 */
export function prefetchOnApproach(doc: Document, launcher: HTMLElement, prefetch: () => void): void {
  let lastCheck = 0;
  const done = () => {
    doc.removeEventListener('pointermove', onMove);
    launcher.removeEventListener('focus', done);
    launcher.removeEventListener('pointerdown', done);
    prefetch();
  };
  const onMove = (event: PointerEvent) => {
    if (event.timeStamp - lastCheck < CHECK_EVERY_MS) return;
    lastCheck = event.timeStamp;
    const box = launcher.getBoundingClientRect();
    const dx = Math.max(box.left - event.clientX, 0, event.clientX - box.right);
    const dy = Math.max(box.top - event.clientY, 0, event.clientY - box.bottom);
    if (Math.hypot(dx, dy) <= APPROACH_PX) done();
  };
  doc.addEventListener('pointermove', onMove, { passive: true });
  launcher.addEventListener('focus', done);
  launcher.addEventListener('pointerdown', done);
}
