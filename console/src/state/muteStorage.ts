/** Whether alert sounds are muted; sounds are on until the agent says otherwise. */
const MUTE_KEY = 'mostrador.console.muted';

export function loadMuted(): boolean {
  try {
    return localStorage.getItem(MUTE_KEY) === 'true';
  } catch {
    return false;
  }
}

export function saveMuted(muted: boolean): void {
  try {
    localStorage.setItem(MUTE_KEY, String(muted));
  } catch {
    // Without storage the choice lasts as long as the page.
  }
}
