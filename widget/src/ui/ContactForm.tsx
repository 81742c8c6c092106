import type { ContactInfo } from '@mostrador/shared';
import type { Ref } from 'preact';
import { useState } from 'preact/hooks';
import { EmailField } from './EmailField.tsx';
import { t } from './translation.ts';

interface ContactFormProps {
  /** What the shop has already: shown as a thank-you instead of asking again. */
  contact: ContactInfo | null;
  onSave(contact: { email: string; name?: string }): void;
  /**
   * The pre-chat form, before the first message: its own prompt and button,
   * and the name required when the site asks for it.
   */
  preChat?: { nameRequired: boolean; emailRef?: Ref<HTMLInputElement> };
}

/**
 * The offline form, shown when nobody can answer: an email (a name if they
 * like) and the consent line beside it, before or after the first message.
 * The same form asks before any chat when the site wants it (`preChat`).
 * The browser checks the email's shape; the server checks it again.
 */
export function ContactForm({ contact, onSave, preChat }: ContactFormProps) {
  const [email, setEmail] = useState(contact?.email ?? '');
  const [name, setName] = useState(contact?.name ?? '');
  if (contact && !preChat) {
    return (
      <p class="contact" data-part="contact-saved" role="status">
        {t('contactSaved', { email: contact.email })}
      </p>
    );
  }
  const nameLabel = preChat?.nameRequired ? t('preChatName') : t('contactName');
  return (
    <form
      class="contact"
      data-part={preChat ? 'prechat-form' : 'contact-form'}
      onSubmit={(event) => {
        event.preventDefault();
        onSave({ email: email.trim(), ...(name.trim() ? { name: name.trim() } : {}) });
      }}
    >
      <p id="mostrador-contact-consent">{`${t(preChat ? 'preChatPrompt' : 'contactPrompt')} ${t('contactConsent')}`}</p>
      <EmailField
        label={t('contactEmail')}
        describedBy="mostrador-contact-consent"
        value={email}
        onInput={setEmail}
        inputRef={preChat?.emailRef}
      />
      <input
        type="text"
        name="name"
        maxLength={80}
        autoComplete="name"
        required={preChat?.nameRequired}
        aria-label={nameLabel}
        placeholder={nameLabel}
        value={name}
        onInput={(event) => setName(event.currentTarget.value)}
      />
      <button type="submit">{t(preChat ? 'preChatStart' : 'contactSave')}</button>
    </form>
  );
}
