import type { AgentPicture } from '@mostrador/shared';
import { AVATAR_MAX_BYTES } from '@mostrador/shared/limits';
import { useRef, useState } from 'preact/hooks';
import { AgentFace } from '../components/AgentFace.tsx';
import { useI18n } from '../i18n/context.ts';
import type { MessageKey } from '../i18n/index.ts';
import { FailureLine, StatusLine } from './messages.tsx';
import { sendPicture } from './picture-api.ts';

const FAILURES: Partial<Record<string, MessageKey>> = {
  image_type_refused: 'account.pictureWrongType',
  too_large: 'account.pictureTooLarge',
};
const MEGABYTES = AVATAR_MAX_BYTES / (1024 * 1024);

interface PictureSectionProps {
  name: string;
  picture: AgentPicture | undefined;
  /** Where the picture is sent: the agent's own, or an admin's for one agent. */
  path: string;
  onChanged?: (picture: AgentPicture) => void;
  /** An admin's page names whose picture it is; the agent's own says "Your picture". */
  heading?: { key: 'account.pictureOfAgent'; name: string };
}

/**
 * The agent's picture: shown to shoppers at the head of the agent's messages
 * and with the team online. A native file input (keyboard: Tab, then Enter
 * or Space) and a remove button; the server decides the type from the bytes.
 */
export function PictureSection({ name, picture: initial, path, onChanged, heading }: PictureSectionProps) {
  const { t } = useI18n();
  const [picture, setPicture] = useState<AgentPicture>(initial ?? null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const headingId = `picture-${path.replace(/\W+/g, '-')}`;

  const send = async (file: File | null) => {
    setBusy(true);
    setNotice('');
    setFailure(null);
    const result = await sendPicture(path, file);
    setBusy(false);
    if (input.current) input.current.value = '';
    if (!result.ok) {
      setFailure(t(FAILURES[result.error.code] ?? 'account.failed', { max: MEGABYTES }));
      return;
    }
    setPicture(result.data.picture);
    setNotice(t(file ? 'account.pictureSaved' : 'account.pictureRemoved'));
    onChanged?.(result.data.picture);
  };

  return (
    <section class="account-section picture-section" aria-labelledby={headingId} data-part="account-picture">
      {heading ? <h4 id={headingId}>{t(heading.key, { name: heading.name })}</h4> : <h2 id={headingId}>{t('account.pictureHeading')}</h2>}
      <StatusLine text={notice} />
      <div class="picture-row">
        <AgentFace name={name} picture={picture} size="large" />
        <div class="picture-controls">
          <label class="field">
            <span>{t(picture ? 'account.pictureReplace' : 'account.pictureChoose')}</span>
            <input
              ref={input}
              type="file"
              name="picture"
              accept="image/png,image/jpeg,image/webp"
              disabled={busy}
              onChange={(event) => {
                const file = event.currentTarget.files?.[0];
                if (file) void send(file);
              }}
            />
          </label>
          <p class="hint">{t('account.pictureHint', { max: MEGABYTES })}</p>
          {picture && (
            <button type="button" class="button" disabled={busy} onClick={() => void send(null)}>
              {t('account.pictureRemove')}
            </button>
          )}
        </div>
      </div>
      <FailureLine text={failure} />
    </section>
  );
}
