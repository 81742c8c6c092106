import type { Department, ErrorBody } from '@mostrador/shared';
import { useState } from 'preact/hooks';
import { adminApi, type RoutingMode } from '../api.ts';
import { ErrorAlert } from '../ErrorAlert.tsx';
import { Field } from '../Field.tsx';
import { useAdminI18n } from '../i18n/index.ts';
import { RoutingChoice } from './RoutingChoice.tsx';
import { SLUG_MAX, SLUG_PATTERN, suggestSlug } from './slug.ts';

export function NewDepartmentForm({ onCreated }: { onCreated: (department: Department) => void }) {
  const { t } = useAdminI18n();
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  // Once the admin types a slug of their own, renaming no longer overwrites it.
  const [slugEdited, setSlugEdited] = useState(false);
  const [routing, setRouting] = useState<RoutingMode>('auto');
  const [error, setError] = useState<ErrorBody | null>(null);
  const [submitting, setSubmitting] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    if (submitting) return;
    setSubmitting(true);
    setError(null);
    const result = await adminApi.createDepartment({ slug: slug.trim(), name: name.trim(), routing });
    setSubmitting(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setName('');
    setSlug('');
    setSlugEdited(false);
    setRouting('auto');
    onCreated(result.data);
  }

  return (
    <section class="admin-card" aria-labelledby="new-department-heading">
      <h3 id="new-department-heading">{t('departments.addHeading')}</h3>
      <form
        class="admin-form"
        data-part="new-department"
        aria-labelledby="new-department-heading"
        onSubmit={submit}
        noValidate
      >
        <Field label={t('departments.fieldName')}>
          {({ id }) => (
            <input
              id={id}
              name="name"
              type="text"
              autoComplete="off"
              required
              maxLength={80}
              value={name}
              onInput={(event) => {
                const next = event.currentTarget.value;
                setName(next);
                if (!slugEdited) setSlug(suggestSlug(next));
              }}
            />
          )}
        </Field>
        <Field label={t('departments.fieldSlug')} hint={t('departments.slugHint')}>
          {({ id, hintId }) => (
            <input
              id={id}
              name="slug"
              type="text"
              autoComplete="off"
              spellcheck={false}
              required
              maxLength={SLUG_MAX}
              pattern={SLUG_PATTERN}
              aria-describedby={hintId}
              value={slug}
              onInput={(event) => {
                const next = event.currentTarget.value;
                setSlug(next);
                // Clearing the field hands it back to the suggestion.
                setSlugEdited(next !== '');
              }}
            />
          )}
        </Field>
        <RoutingChoice value={routing} onChange={setRouting} />
        <ErrorAlert error={error} />
        <div class="form-actions">
          <button type="submit" class="button primary" disabled={submitting}>
            {submitting ? t('departments.adding') : t('departments.add')}
          </button>
        </div>
      </form>
    </section>
  );
}
