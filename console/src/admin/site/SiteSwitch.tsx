interface SiteSwitchProps {
  name: string;
  label: string;
  hint: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}

/** An on/off setting with its explanation, read out together; saved with the rest of the form. */
export function SiteSwitch({ name, label, hint, checked, onChange }: SiteSwitchProps) {
  return (
    <label class="check with-hint switch">
      <input type="checkbox" role="switch" name={name} checked={checked} onChange={(event) => onChange(event.currentTarget.checked)} />
      <span>
        <span class="check-label">{label}</span>
        <span class="field-hint">{hint}</span>
      </span>
    </label>
  );
}
