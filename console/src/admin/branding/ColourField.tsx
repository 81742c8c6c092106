import { HEX_COLOR } from '@mostrador/shared/branding';
import { useId } from 'preact/hooks';

interface ColourFieldProps {
  name: string;
  label: string;
  pickerLabel: string;
  value: string;
  /** The contrast line, read with the field. */
  describedBy: string;
  invalid?: boolean;
  onValue: (value: string) => void;
}

/** A colour as hex text (typed or pasted) beside the browser's picker; both edit the same value. */
export function ColourField({ name, label, pickerLabel, value, describedBy, invalid = false, onValue }: ColourFieldProps) {
  const id = useId();
  return (
    <div class="field colour-field">
      <label for={id}>{label}</label>
      <div class="colour-inputs">
        <input
          type="color"
          aria-label={pickerLabel}
          value={HEX_COLOR.test(value) ? value.toLowerCase() : '#000000'}
          onInput={(event) => onValue(event.currentTarget.value)}
        />
        <input
          id={id}
          name={name}
          spellcheck={false}
          autocomplete="off"
          maxLength={7}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          value={value}
          onInput={(event) => onValue(event.currentTarget.value.trim())}
        />
      </div>
    </div>
  );
}
