import { useState } from 'preact/hooks';

export interface Submission<F> {
  submitting: boolean;
  /** What the last attempt failed with, until the next attempt starts. */
  failure: F | null;
  /** The form's onSubmit handler. */
  submit: (event: Event) => Promise<void>;
}

/**
 * The submit state every form shares: one request at a time (a double click
 * must not create two agents), the previous failure cleared when the agent
 * tries again. `run` handles success itself and resolves to the failure to
 * show, or null.
 */
export function useSubmit<F>(run: () => Promise<F | null>): Submission<F> {
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<F | null>(null);

  async function submit(event: Event) {
    event.preventDefault();
    if (submitting) return;
    setSubmitting(true);
    setFailure(null);
    const outcome = await run();
    setSubmitting(false);
    setFailure(outcome);
  }

  return { submitting, failure, submit };
}
