import { CheckedField } from './CheckedField.tsx';
import type { FieldError } from './parse.ts';

interface NumberFieldProps {
  label: string;
  hint?: string;
  name: string;
  value: string;
  min: number;
  max: number;
  error: FieldError | undefined;
  onValue: (value: string) => void;
}

/** A whole number, kept as typed; the form checks it when saving. */
export function NumberField({ label, hint, name, value, min, max, error, onValue }: NumberFieldProps) {
  return (
    <CheckedField label={label} hint={hint} error={error}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          name={name}
          type="number"
          inputMode="numeric"
          min={min}
          max={max}
          step={1}
          required
          aria-invalid={invalid}
          aria-describedby={describedBy}
          value={value}
          onInput={(event) => onValue(event.currentTarget.value)}
        />
      )}
    </CheckedField>
  );
}
