import { useId, useState } from 'preact/hooks';
import { useI18n } from '../i18n/context.ts';

interface TagEditorProps {
  tags: readonly string[];
  /** The site's tag list, offered as the agent types. */
  known: readonly string[];
  /** Answers the refusal to show, or null. */
  onChange: (change: { add?: string[]; remove?: string[] }) => Promise<string | null>;
}

/** The conversation's tags, each removable, and a field that suggests from the site's list (a native datalist). */
export function TagEditor({ tags, known, onChange }: TagEditorProps) {
  const { t } = useI18n();
  const id = useId();
  const [text, setText] = useState('');
  const [error, setError] = useState('');

  async function apply(change: { add?: string[]; remove?: string[] }) {
    const refusal = await onChange(change);
    setError(refusal === null ? '' : t('tags.failed', { message: refusal }));
  }

  return (
    <div class="tag-editor" data-part="tag-editor">
      <span class="visually-hidden">{t('tags.label')}</span>
      <ul class="tag-chips">
        {tags.map((tag) => (
          <li key={tag} class="tag-chip" data-part="tag">
            {tag}
            <button type="button" class="tag-remove" aria-label={t('tags.remove', { tag })} onClick={() => void apply({ remove: [tag] })}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <form
        class="tag-add"
        onSubmit={(event) => {
          event.preventDefault();
          const name = text.trim().toLowerCase();
          if (!name) return;
          setText('');
          void apply({ add: [name] });
        }}
      >
        <label class="visually-hidden" for={id}>
          {t('tags.add')}
        </label>
        <input
          id={id}
          name="tag"
          list={`${id}-known`}
          placeholder={t('tags.add')}
          value={text}
          maxLength={40}
          onInput={(e) => setText(e.currentTarget.value)}
        />
        <datalist id={`${id}-known`}>
          {known
            .filter((name) => !tags.includes(name))
            .map((name) => (
              <option key={name} value={name} />
            ))}
        </datalist>
        <button type="submit" class="button">
          {t('tags.addButton')}
        </button>
      </form>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
