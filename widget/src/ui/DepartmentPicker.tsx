import type { Ref } from 'preact';
import type { ChatView } from '../chat/chatView.ts';
import { t } from './translation.ts';

interface DepartmentPickerProps {
  departments: ChatView['departments'];
  /** The first button, so the panel can move focus here as it would to the composer. */
  firstRef: Ref<HTMLButtonElement>;
  onPick(slug: string): void;
}

const LABEL_ID = 'mostrador-departments';

/** Shown instead of the composer until the visitor says which department the chat is for. Plain buttons: Tab and Enter work. */
export function DepartmentPicker({ departments, firstRef, onPick }: DepartmentPickerProps) {
  return (
    <div class="picker" data-part="department-picker" role="group" aria-labelledby={LABEL_ID}>
      <p id={LABEL_ID}>{t('departmentPrompt')}</p>
      {departments.map(({ slug, name }, index) => (
        <button key={slug} ref={index === 0 ? firstRef : undefined} type="button" data-department={slug} onClick={() => onPick(slug)}>
          {name}
        </button>
      ))}
    </div>
  );
}
