import type { AttachmentInfo, CannedReply, Department, ErrorBody } from '@mostrador/shared';
import { useState } from 'preact/hooks';
import { discardAttachment } from '../../api/attachments.ts';
import type { ProductSearch } from '../../api/productSearch.ts';
import { useSubmit } from '../../components/useSubmit.ts';
import { cannedApi } from '../../canned/cannedApi.ts';
import { Field } from '../Field.tsx';
import { CannedPictureField } from './CannedPictureField.tsx';
import { CannedProductField, type ChosenProduct } from './CannedProductField.tsx';
import { FormFooter } from '../FormFooter.tsx';
import { useAdminI18n, type AdminMessageKey } from '../i18n/index.ts';
import { TextField } from '../TextField.tsx';

type Bodies = CannedReply['bodies'];
const VERSIONS: readonly { language: keyof Bodies; label: AdminMessageKey }[] = [
  { language: 'ca', label: 'canned.bodyCa' },
  { language: 'es', label: 'canned.bodyEs' },
  { language: 'en', label: 'canned.bodyEn' },
];

interface CannedFormProps {
  /** Absent: a new reply. */
  reply?: CannedReply;
  departments: readonly Department[];
  onSaved: (reply: CannedReply) => void;
  onCancel?: () => void;
  /** The shop's products, for the reply's product card (the composer's search). */
  searchProducts?: ProductSearch | undefined;
}

/** The product a saved reply has: its URL, and its card while the shop's catalogue has it. */
const productOf = (reply: CannedReply | undefined): ChosenProduct | null =>
  reply?.productUrl ? { url: reply.productUrl, card: reply.product ?? null } : null;

/** One reply's shortcut, title, audience, its three language versions, and a picture and a product it may carry. */
export function CannedForm({ reply, departments, onSaved, onCancel, searchProducts }: CannedFormProps) {
  const { t } = useAdminI18n();
  const [shortcut, setShortcut] = useState(reply?.shortcut ?? '');
  const [title, setTitle] = useState(reply?.title ?? '');
  const [scope, setScope] = useState<CannedReply['scope']>(reply?.scope ?? 'shared');
  const [departmentId, setDepartmentId] = useState(reply?.departmentId ?? '');
  const [bodies, setBodies] = useState<Bodies>(reply?.bodies ?? { ca: '', es: '', en: '' });
  const [picture, setPicture] = useState<AttachmentInfo | null>(reply?.picture ?? null);
  const [product, setProduct] = useState<ChosenProduct | null>(productOf(reply));
  // A picture uploaded here and then replaced or removed before saving is taken back at once, not left for the sweep
  // (the server refuses to take back one a reply keeps, so a stale `reply` is harmless).
  const choosePicture = (next: AttachmentInfo | null) => {
    if (picture && picture.id !== reply?.picture?.id) discardAttachment(picture.id);
    setPicture(next);
  };
  const { submitting, failure, submit } = useSubmit<ErrorBody>(async () => {
    // The picture is sent only when it changed: the one the reply has is no new upload.
    const pictureId = picture?.id ?? null;
    const changed = pictureId !== (reply?.picture?.id ?? null);
    // So is the product: one the catalogue has since let go stays the reply's unless it is removed.
    const productUrl = product?.url ?? null;
    const productChanged = productUrl !== (reply?.productUrl ?? null);
    const input = {
      shortcut,
      title,
      scope,
      departmentId: departmentId || null,
      bodies,
      ...(changed ? { pictureId } : {}),
      ...(productChanged ? { productUrl } : {}),
    };
    const result = reply ? await cannedApi.update(reply.id, input) : await cannedApi.create(input);
    if (!result.ok) return result.error;
    if (!reply) {
      setShortcut('');
      setTitle('');
      setBodies({ ca: '', es: '', en: '' });
      setPicture(null);
      setProduct(null);
    }
    onSaved(result.data);
    return null;
  });
  const headingId = reply ? `canned-edit-${reply.id}` : 'canned-new-heading';

  return (
    <section class="admin-card" aria-labelledby={headingId}>
      <h3 id={headingId}>{reply ? t('canned.editHeading', { shortcut: reply.shortcut }) : t('canned.newHeading')}</h3>
      <form class="admin-form" data-part="canned-form" aria-labelledby={headingId} onSubmit={submit} noValidate>
        <TextField
          label={t('canned.shortcut')}
          hint={t('canned.shortcutHint')}
          name="shortcut"
          autoComplete="off"
          spellcheck={false}
          required
          maxLength={40}
          value={shortcut}
          onValue={setShortcut}
        />
        <TextField label={t('canned.title')} name="title" autoComplete="off" required maxLength={120} value={title} onValue={setTitle} />
        <Field label={t('canned.scope')}>
          {({ id }) => (
            <select
              id={id}
              name="scope"
              value={scope}
              onChange={(e) => setScope(e.currentTarget.value === 'personal' ? 'personal' : 'shared')}
            >
              <option value="shared">{t('canned.scopeShared')}</option>
              <option value="personal">{t('canned.scopePersonal')}</option>
            </select>
          )}
        </Field>
        <Field label={t('canned.department')}>
          {({ id }) => (
            <select id={id} name="department" value={departmentId} onChange={(e) => setDepartmentId(e.currentTarget.value)}>
              <option value="">{t('canned.allDepartments')}</option>
              {departments.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        {VERSIONS.map(({ language, label }) => (
          <Field key={language} label={t(label)} hint={language === 'ca' ? t('canned.bodyHint') : undefined}>
            {({ id, hintId }) => (
              <textarea
                id={id}
                name={`body-${language}`}
                lang={language}
                rows={3}
                maxLength={4000}
                aria-describedby={hintId}
                value={bodies[language]}
                onInput={(e) => setBodies({ ...bodies, [language]: e.currentTarget.value })}
              />
            )}
          </Field>
        ))}
        <CannedPictureField picture={picture} onChange={choosePicture} />
        <CannedProductField product={product} onChange={setProduct} search={searchProducts} />
        <FormFooter
          error={failure}
          submitting={submitting}
          label={reply ? t('common.save') : t('canned.add')}
          busyLabel={reply ? t('common.saving') : t('canned.adding')}
        >
          {onCancel && (
            <button type="button" class="button" onClick={onCancel}>
              {t('common.cancel')}
            </button>
          )}
        </FormFooter>
      </form>
    </section>
  );
}
