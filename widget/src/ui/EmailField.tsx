import type { Ref } from 'preact';

interface EmailFieldProps {
  /** The visible placeholder and the accessible name alike. */
  label: string;
  value: string;
  onInput(value: string): void;
  describedBy?: string;
  inputRef?: Ref<HTMLInputElement> | undefined;
}

/** The shopper's email, wherever the panel asks for it: the browser checks its shape, the server again. */
export function EmailField({ label, value, onInput, describedBy, inputRef }: EmailFieldProps) {
  return (
    <input
      ref={inputRef}
      type="email"
      name="email"
      required
      maxLength={254}
      autoComplete="email"
      aria-label={label}
      placeholder={label}
      aria-describedby={describedBy}
      value={value}
      onInput={(event) => onInput(event.currentTarget.value)}
    />
  );
}
