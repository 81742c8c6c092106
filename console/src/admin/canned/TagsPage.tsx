// Types only: a value import of @mostrador/shared would bundle zod, whose compiler trips the console's CSP.
import type { ErrorBody, Tag, TagListBody } from '@mostrador/shared';
import { useState } from 'preact/hooks';
import { request } from '../api.ts';
import { ErrorAlert } from '../ErrorAlert.tsx';
import { useAdminI18n, type AdminMessageKey } from '../i18n/index.ts';
import { LoadState } from '../LoadState.tsx';
import { useLoad } from '../useLoad.ts';

const loadTags = () => request<TagListBody>('GET', '/api/tags').then((r) => (r.ok ? { ok: true as const, data: r.data.tags } : r));
const COLOUR_NAMES: Readonly<Record<Tag['colour'], AdminMessageKey>> = {
  grey: 'tags.grey',
  blue: 'tags.blue',
  green: 'tags.green',
  amber: 'tags.amber',
  red: 'tags.red',
  purple: 'tags.purple',
};
const COLOURS = Object.keys(COLOUR_NAMES) as Tag['colour'][];

/** The site's tag list: colour, rename (every conversation follows), merge one into another. */
export function TagsPage() {
  const { t } = useAdminI18n();
  const { state, reload, update } = useLoad(loadTags);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [notice, setNotice] = useState('');

  async function change(tag: Tag, changes: Partial<Pick<Tag, 'name' | 'colour'>>) {
    const result = await request<{ tag: Tag }>('PATCH', `/api/admin/tags/${encodeURIComponent(tag.id)}`, changes);
    if (!result.ok) return setError(result.error);
    setError(null);
    update((tags) => tags.map((other) => (other.id === tag.id ? result.data.tag : other)));
    setNotice(t('tags.saved', { name: result.data.tag.name }));
  }

  async function merge(tag: Tag, intoId: string) {
    const result = await request<{ tag: Tag }>('POST', `/api/admin/tags/${encodeURIComponent(tag.id)}/merge`, { into: intoId });
    if (!result.ok) return setError(result.error);
    setError(null);
    update((tags) => tags.filter((other) => other.id !== tag.id));
    setNotice(t('tags.merged', { name: tag.name, into: result.data.tag.name }));
  }

  return (
    <div class="admin-page">
      <h2>{t('tags.heading')}</h2>
      {state.phase !== 'ready' ? (
        <LoadState error={state.phase === 'failed' ? state.error : null} onRetry={reload} />
      ) : (
        <>
          <p class="admin-status" role="status">
            {notice}
          </p>
          <ErrorAlert error={error} />
          {state.data.length === 0 ? (
            <p class="admin-note">{t('tags.empty')}</p>
          ) : (
            <div class="table-wrap">
              <table class="admin-table" data-part="tags-table">
                <thead>
                  <tr>
                    <th scope="col">{t('tags.colName')}</th>
                    <th scope="col">{t('tags.colColour')}</th>
                    <th scope="col">{t('tags.colMerge')}</th>
                  </tr>
                </thead>
                <tbody>
                  {state.data.map((tag) => (
                    <tr key={tag.id} data-tag-id={tag.id}>
                      <th scope="row">
                        <input
                          aria-label={t('tags.rename', { name: tag.name })}
                          defaultValue={tag.name}
                          maxLength={40}
                          onChange={(e) => {
                            const name = e.currentTarget.value.trim().toLowerCase();
                            if (name && name !== tag.name) void change(tag, { name });
                          }}
                        />
                      </th>
                      <td>
                        <select
                          aria-label={t('tags.colourOf', { name: tag.name })}
                          value={tag.colour}
                          onChange={(e) => void change(tag, { colour: e.currentTarget.value as Tag['colour'] })}
                        >
                          {COLOURS.map((colour) => (
                            <option key={colour} value={colour}>
                              {t(COLOUR_NAMES[colour])}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td>
                        <select
                          aria-label={t('tags.mergeInto', { name: tag.name })}
                          value=""
                          onChange={(e) => e.currentTarget.value && void merge(tag, e.currentTarget.value)}
                        >
                          <option value="">{t('tags.mergeChoose')}</option>
                          {state.data
                            .filter((other) => other.id !== tag.id)
                            .map((other) => (
                              <option key={other.id} value={other.id}>
                                {other.name}
                              </option>
                            ))}
                        </select>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </div>
  );
}
