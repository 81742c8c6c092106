import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useSubmit } from './useSubmit.ts';

function Probe({ run }: { run: () => Promise<string | null> }) {
  const { submitting, failure, submit } = useSubmit(run);
  return (
    <form onSubmit={submit}>
      <output data-testid="state">{submitting ? 'busy' : (failure ?? 'idle')}</output>
      <button type="submit">go</button>
    </form>
  );
}

function deferred() {
  let resolve!: (value: string | null) => void;
  const promise = new Promise<string | null>((done) => (resolve = done));
  return { promise, resolve };
}

describe('useSubmit', () => {
  afterEach(cleanup);

  it('runs once while a submission is pending and shows its failure', async () => {
    const pending = deferred();
    const run = vi.fn(() => pending.promise);
    render(<Probe run={run} />);

    fireEvent.click(screen.getByText('go'));
    await waitFor(() => expect(screen.getByTestId('state').textContent).toBe('busy'));
    fireEvent.click(screen.getByText('go'));
    pending.resolve('refused');

    await waitFor(() => expect(screen.getByTestId('state').textContent).toBe('refused'));
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('clears the previous failure when the next attempt succeeds', async () => {
    const outcomes: (string | null)[] = ['refused', null];
    render(<Probe run={async () => outcomes.shift() ?? null} />);

    fireEvent.click(screen.getByText('go'));
    await waitFor(() => expect(screen.getByTestId('state').textContent).toBe('refused'));
    fireEvent.click(screen.getByText('go'));
    await waitFor(() => expect(screen.getByTestId('state').textContent).toBe('idle'));
  });
});
