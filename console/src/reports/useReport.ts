import type { ErrorBody, ReportQuery, ReportSummary } from '@mostrador/shared';
import { previousPeriod } from '@mostrador/shared/reports';
import { useEffect, useState } from 'preact/hooks';
import type { reportsApi } from './reportsApi.ts';

export type Loaded = { phase: 'loading' } | { phase: 'failed'; error: ErrorBody } | { phase: 'ready'; report: ReportSummary };

export interface ReportState {
  state: Loaded;
  /**
   * The previous period's report (as many days just before, the same filters,
   * zone and window), for the revenue cards' and the group tables' changes;
   * undefined until read, or when it could not be. The summary's own
   * `previous` carries the headline figures only.
   */
  previous: ReportSummary | undefined;
  /** The site's own time zone, learnt from a report asked for without one; null until then. */
  siteTimeZone: string | null;
}

/**
 * The report of a query, and the previous period's beside it: both asked for
 * at once, so the comparison costs no extra wait, and the page never waits
 * on the second (it only adds the changes when it comes).
 */
export function useReport(summary: typeof reportsApi.summary, query: ReportQuery, attempt: number): ReportState {
  const [state, setState] = useState<Loaded>({ phase: 'loading' });
  const [previous, setPrevious] = useState<ReportSummary | undefined>(undefined);
  const [siteTimeZone, setSiteTimeZone] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    setState({ phase: 'loading' });
    setPrevious(undefined);
    void summary(query).then((result) => {
      if (cancelled) return;
      setState(result.ok ? { phase: 'ready', report: result.data } : { phase: 'failed', error: result.error });
      if (result.ok && !query.timeZone) setSiteTimeZone(result.data.timeZone);
    });
    const { from, to } = previousPeriod(query.from, query.to);
    void summary({ ...query, from, to }).then((result) => {
      if (!cancelled && result.ok) setPrevious(result.data);
    });
    return () => {
      cancelled = true;
    };
  }, [summary, query, attempt]);

  return { state, previous, siteTimeZone };
}
