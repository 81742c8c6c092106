import type { JSX } from 'preact';
import { Field } from './Field.tsx';

type InputProps = Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onInput' | 'aria-describedby'>;

interface TextFieldProps extends InputProps {
  label: string;
  hint?: string;
  value: string;
  onValue: (value: string) => void;
}

/** A labelled text input (with its hint read out) whose value the form keeps. */
export function TextField({ label, hint, value, onValue, ...input }: TextFieldProps) {
  return (
    <Field label={label} hint={hint}>
      {({ id, hintId }) => (
        <input {...input} id={id} aria-describedby={hintId} value={value} onInput={(event) => onValue(event.currentTarget.value)} />
      )}
    </Field>
  );
}
