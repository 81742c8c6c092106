import type { ContactInfo } from '@mostrador/shared';
import { useState } from 'preact/hooks';
import { EmailField } from './EmailField.tsx';
import { t } from './translation.ts';

interface ContactFormProps {
  /** What the shop has already: shown as a thank-you instead of asking again. */
  contact: ContactInfo | null;
  onSave(contact: { email: string; name?: string }): void;
}

/**
 * The offline form, shown when nobody can answer: an email (a name if they
 * like) and the consent line beside it, before or after the first message.
 * The browser checks the email's shape; the server checks it again.
 */
export function ContactForm({ contact, onSave }: ContactFormProps) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  if (contact) {
    return (
      <p class="contact" data-part="contact-saved" role="status">
        {t('contactSaved', { email: contact.email })}
      </p>
    );
  }
  return (
    <form
      class="contact"
      data-part="contact-form"
      onSubmit={(event) => {
        event.preventDefault();
        onSave({ email: email.trim(), ...(name.trim() ? { name: name.trim() } : {}) });
      }}
    >
      <p id="mostrador-contact-consent">{`${t('contactPrompt')} ${t('contactConsent')}`}</p>
      <EmailField label={t('contactEmail')} describedBy="mostrador-contact-consent" value={email} onInput={setEmail} />
      <input
        type="text"
        name="name"
        maxLength={80}
        autoComplete="name"
        aria-label={t('contactName')}
        placeholder={t('contactName')}
        value={name}
        onInput={(event) => setName(event.currentTarget.value)}
      />
      <button type="submit">{t('contactSave')}</button>
    </form>
  );
}
