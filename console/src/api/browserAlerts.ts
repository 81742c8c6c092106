/**
 * The browser's ways of getting an agent's attention: a short chime made
 * with the Web Audio API (no sound file to ship) and desktop notifications.
 * Each fails quietly where the browser lacks or refuses the feature.
 */
export interface AlertOutput {
  playChime(): void;
  notify(title: string, body: string, tag: string, onClick: () => void): void;
  /** Whether the agent is looking at this tab right now. */
  pageFocused(): boolean;
}

type AudioContextClass = typeof AudioContext;

let audio: AudioContext | null = null;

function audioContext(): AudioContext | null {
  const Context =
    (globalThis as { AudioContext?: AudioContextClass }).AudioContext ??
    (globalThis as { webkitAudioContext?: AudioContextClass }).webkitAudioContext;
  if (!Context) return null;
  audio ??= new Context();
  return audio;
}

/** Two soft notes, a quarter of a second in all. */
export function playChime(): void {
  try {
    const context = audioContext();
    if (!context) return;
    if (context.state === 'suspended') void context.resume();
    const start = context.currentTime;
    [880, 1320].forEach((frequency, index) => {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      const at = start + index * 0.12;
      oscillator.type = 'sine';
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.2, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.12);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(at);
      oscillator.stop(at + 0.13);
    });
  } catch {
    // No audio is no reason to fail anything else.
  }
}

export type PermissionState = NotificationPermission | 'unsupported';

export function notificationPermission(): PermissionState {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** Only ever called from a click: browsers (and agents) dislike being asked on load. */
export async function requestNotificationPermission(): Promise<PermissionState> {
  if (typeof Notification === 'undefined') return 'unsupported';
  try {
    return await Notification.requestPermission();
  } catch {
    return Notification.permission;
  }
}

export function showNotification(title: string, body: string, tag: string, onClick: () => void): void {
  if (notificationPermission() !== 'granted') return;
  try {
    const notification = new Notification(title, { body, tag });
    notification.onclick = () => {
      window.focus();
      onClick();
      notification.close();
    };
  } catch {
    // Some browsers only allow notifications from a service worker.
  }
}

export const browserAlertOutput: AlertOutput = {
  playChime,
  notify: showNotification,
  pageFocused: () => document.visibilityState === 'visible' && document.hasFocus(),
};
