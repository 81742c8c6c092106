/** A section's live line: what just happened, read out politely. */
export function StatusLine({ text }: { text: string }) {
  return (
    <p class="admin-status" role="status">
      {text}
    </p>
  );
}

/** A refusal, read out at once; nothing when there is none. */
export function FailureLine({ text }: { text: string | null }) {
  if (text === null) return null;
  return (
    <p class="form-error" role="alert">
      {text}
    </p>
  );
}
