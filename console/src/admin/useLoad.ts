import type { ErrorBody, Result } from '@mostrador/shared';
import { useCallback, useEffect, useState } from 'preact/hooks';

export type Loaded<T> = { phase: 'loading' } | { phase: 'failed'; error: ErrorBody } | { phase: 'ready'; data: T };

/**
 * Loads once on mount and again on `reload`. `update` edits the loaded value
 * in place, so a successful save shows at once without refetching the list.
 */
export function useLoad<T>(load: () => Promise<Result<T>>) {
  const [state, setState] = useState<Loaded<T>>({ phase: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    setState({ phase: 'loading' });
    void load().then((result) => {
      if (cancelled) return;
      setState(result.ok ? { phase: 'ready', data: result.data } : { phase: 'failed', error: result.error });
    });
    return () => {
      cancelled = true;
    };
    // `load` is a module-level API call; reloading is driven by `attempt` alone.
  }, [attempt]);

  const reload = useCallback(() => setAttempt((count) => count + 1), []);
  const update = useCallback(
    (change: (data: T) => T) =>
      setState((current) => (current.phase === 'ready' ? { phase: 'ready', data: change(current.data) } : current)),
    [],
  );
  return { state, reload, update };
}
