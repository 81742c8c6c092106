/**
 * How long someone has waited, as a ticking clock: "0:07", "12:45",
 * "1:02:03". Language-neutral, so it needs no catalogue entry.
 */
export function formatWaiting(elapsedMs: number): string {
  const totalSeconds = Math.max(0, Math.floor(elapsedMs / 1_000));
  const hours = Math.floor(totalSeconds / 3_600);
  const minutes = Math.floor((totalSeconds % 3_600) / 60);
  const seconds = totalSeconds % 60;
  const pad = (value: number) => String(value).padStart(2, '0');
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(seconds)}` : `${minutes}:${pad(seconds)}`;
}

/** From this long on, a wait is shown as urgent. */
export const LONG_WAIT_MS = 2 * 60_000;
