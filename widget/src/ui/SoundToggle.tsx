import { Component } from 'preact';
import { t } from './translation.ts';

/** The shopper's say over the shop's new-message sound: kept for every page and tab of the shop. */
export interface SoundSwitch {
  muted(): boolean;
  setMuted(muted: boolean): void;
  /** Another tab changed it: the button follows. Answers the unsubscribe. */
  onChange(listener: () => void): () => void;
}

const SPEAKER = 'M4 9h4l5-4v14l-5-4H4z';
const WAVES = 'M16 9a4 4 0 0 1 0 6M18.5 6.5a7.5 7.5 0 0 1 0 11';
const CROSS = 'M16 9l6 6M22 9l-6 6';

/**
 * A toggle button in the panel's header, shown only while the merchant has
 * the sound on: pressed means the sound plays. Its name stays the same when
 * pressed, as a toggle's should; the icon (a speaker with waves, or crossed)
 * says the same to the eye.
 */
export class SoundToggle extends Component<{ sound: SoundSwitch }> {
  #unsubscribe = this.props.sound.onChange(() => this.forceUpdate());

  override componentWillUnmount(): void {
    this.#unsubscribe();
  }

  override render() {
    const { sound } = this.props;
    const muted = sound.muted();
    return (
      <button
        type="button"
        class="icon-button sound"
        data-part="sound"
        aria-label={t('sound')}
        aria-pressed={!muted}
        onClick={() => {
          sound.setMuted(!muted);
          this.forceUpdate();
        }}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path class="speaker" d={SPEAKER} />
          <path d={muted ? CROSS : WAVES} />
        </svg>
      </button>
    );
  }
}
