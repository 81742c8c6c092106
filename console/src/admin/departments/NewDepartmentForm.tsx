import type { Department, ErrorBody } from '@mostrador/shared';
import { useState } from 'preact/hooks';
import { useSubmit } from '../../components/useSubmit.ts';
import { adminApi, type RoutingMode } from '../api.ts';
import { FormFooter } from '../FormFooter.tsx';
import { useAdminI18n } from '../i18n/index.ts';
import { TextField } from '../TextField.tsx';
import { RoutingChoice } from './RoutingChoice.tsx';
import { SLUG_MAX, SLUG_PATTERN, suggestSlug } from './slug.ts';

export function NewDepartmentForm({ onCreated }: { onCreated: (department: Department) => void }) {
  const { t } = useAdminI18n();
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  // Once the admin types a slug of their own, renaming no longer overwrites it.
  const [slugEdited, setSlugEdited] = useState(false);
  const [routing, setRouting] = useState<RoutingMode>('auto');
  const { submitting, failure, submit } = useSubmit<ErrorBody>(async () => {
    const result = await adminApi.createDepartment({ slug: slug.trim(), name: name.trim(), routing });
    if (!result.ok) return result.error;
    setName('');
    setSlug('');
    setSlugEdited(false);
    setRouting('auto');
    onCreated(result.data);
    return null;
  });

  return (
    <section class="admin-card" aria-labelledby="new-department-heading">
      <h3 id="new-department-heading">{t('departments.addHeading')}</h3>
      <form class="admin-form" data-part="new-department" aria-labelledby="new-department-heading" onSubmit={submit} noValidate>
        <TextField
          label={t('departments.fieldName')}
          name="name"
          type="text"
          autoComplete="off"
          required
          maxLength={80}
          value={name}
          onValue={(next) => {
            setName(next);
            if (!slugEdited) setSlug(suggestSlug(next));
          }}
        />
        <TextField
          label={t('departments.fieldSlug')}
          hint={t('departments.slugHint')}
          name="slug"
          type="text"
          autoComplete="off"
          spellcheck={false}
          required
          maxLength={SLUG_MAX}
          pattern={SLUG_PATTERN}
          value={slug}
          onValue={(next) => {
            setSlug(next);
            // Clearing the field hands it back to the suggestion.
            setSlugEdited(next !== '');
          }}
        />
        <RoutingChoice value={routing} onChange={setRouting} />
        <FormFooter error={failure} submitting={submitting} label={t('departments.add')} busyLabel={t('departments.adding')} />
      </form>
    </section>
  );
}
