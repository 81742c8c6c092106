import type { CannedReply } from '@mostrador/shared';
import { pickVersion } from '@mostrador/shared/canned';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { useI18n } from '../i18n/context.ts';
import { CannedMarks } from './CannedMarks.tsx';
import './canned.css';

interface CannedPickerProps {
  id: string;
  matches: readonly CannedReply[];
  active: number;
  query: string;
  visitorLanguage: string | null;
  onPick: (reply: CannedReply) => void;
}

export const optionId = (pickerId: string, index: number) => `${pickerId}-option-${index}`;

/**
 * The list under the composer while a `/shortcut` is typed. Focus stays in the textarea, which points at the
 * active option with aria-activedescendant; a click picks too.
 */
export function CannedPicker({ id, matches, active, query, visitorLanguage, onPick }: CannedPickerProps) {
  const { t, language } = useI18n();
  const listRef = useRef<HTMLUListElement>(null);
  // The focus stays in the textarea, so nothing scrolls the list to the option the arrows reach: it is done here.
  useLayoutEffect(() => {
    const list = listRef.current;
    const option = list?.children[active];
    if (!list || !(option instanceof HTMLElement)) return;
    const bottom = option.offsetTop + option.offsetHeight;
    if (option.offsetTop < list.scrollTop) list.scrollTop = option.offsetTop;
    else if (bottom > list.scrollTop + list.clientHeight) list.scrollTop = bottom - list.clientHeight;
  }, [active, query]);
  if (matches.length === 0) {
    return (
      <p id={id} class="canned-picker empty" role="status">
        {t('canned.none', { query })}
      </p>
    );
  }
  return (
    // Focusable, as a list that scrolls must be (axe: scrollable-region-focusable), though the textarea's keys
    // (arrows, Enter, Tab) work it: a press on it keeps the focus there, so the picker stays open.
    <ul
      id={id}
      ref={listRef}
      class="canned-picker"
      role="listbox"
      tabIndex={0}
      aria-label={t('canned.pickerLabel')}
      data-part="canned-picker"
      onMouseDown={(event) => event.preventDefault()}
    >
      {matches.map((reply, index) => (
        <li
          key={reply.id}
          id={optionId(id, index)}
          role="option"
          aria-selected={index === active}
          class={index === active ? 'canned-option active' : 'canned-option'}
          onMouseDown={(event) => {
            event.preventDefault();
            onPick(reply);
          }}
        >
          <span class="canned-shortcut">/{reply.shortcut}</span> <span class="canned-title">{reply.title}</span>
          <CannedMarks reply={reply} />
          <span class="canned-preview">{pickVersion(reply.bodies, visitorLanguage, language)}</span>
        </li>
      ))}
    </ul>
  );
}
