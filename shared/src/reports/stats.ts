/**
 * The statistics every duration figure in the reports uses, defined once.
 * Durations are whole seconds (milliseconds rounded down), so a figure and
 * its per-day rows add up exactly.
 */

/** Upper bounds (exclusive, seconds) of the distribution buckets; the last bucket has none. */
export const DURATION_BUCKETS = [60, 300, 900, 3600, 14_400, 86_400] as const;
/** Bucket keys, in order: under 1 min, 1–5 min, 5–15 min, 15–60 min, 1–4 h, 4–24 h, 24 h or more. */
export const DURATION_BUCKET_KEYS = ['lt1m', 'lt5m', 'lt15m', 'lt1h', 'lt4h', 'lt24h', 'ge24h'] as const;
export type DurationBucketKey = (typeof DURATION_BUCKET_KEYS)[number];

/** A duration figure: how many samples, their sum, mean, median, 90th percentile and distribution. */
export interface DurationStats {
  count: number;
  /** Sum of the samples in seconds: what per-day rows add up to. */
  totalSeconds: number;
  /** totalSeconds / count, rounded to the second; null with no samples. */
  meanSeconds: number | null;
  medianSeconds: number | null;
  p90Seconds: number | null;
  /** Samples per bucket, in the order of DURATION_BUCKET_KEYS. */
  buckets: number[];
}

/** Milliseconds to whole seconds, rounded down; negative spans count as 0. */
export function toSeconds(ms: number): number {
  return Math.max(0, Math.floor(ms / 1000));
}

/**
 * Median: the middle sample of the sorted samples, or the mean of the two
 * middle ones when there is an even number (rounded to the second). Null when empty.
 */
export function median(sorted: ArrayLike<number>): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const mid = n >> 1;
  return n % 2 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

/**
 * Percentile by nearest rank: the sample at rank ceil(p/100 × n) (1-based) of
 * the sorted samples, so it is always a value that happened. Null when empty.
 */
export function percentile(sorted: ArrayLike<number>, p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const rank = Math.min(n, Math.max(1, Math.ceil((p / 100) * n)));
  return sorted[rank - 1]!;
}

/** Which bucket a duration in seconds falls in (index into DURATION_BUCKET_KEYS). */
export function bucketOf(seconds: number): number {
  const index = DURATION_BUCKETS.findIndex((bound) => seconds < bound);
  return index === -1 ? DURATION_BUCKETS.length : index;
}

/** The duration figure of a set of samples in seconds. */
export function durationStats(samples: readonly number[]): DurationStats {
  // A typed array sorts numerically, several times faster than a comparator: a 90-day report sorts a million responses.
  const sorted = Float64Array.from(samples).sort();
  let totalSeconds = 0;
  const buckets = DURATION_BUCKET_KEYS.map(() => 0);
  for (const s of sorted) {
    totalSeconds += s;
    buckets[bucketOf(s)]!++;
  }
  return {
    count: sorted.length,
    totalSeconds,
    meanSeconds: meanOf(totalSeconds, sorted.length),
    medianSeconds: median(sorted),
    p90Seconds: percentile(sorted, 90),
    buckets,
  };
}

/** A sum over its count, rounded to the unit; null when there is nothing to divide by. */
export function meanOf(total: number, count: number): number | null {
  return count === 0 ? null : Math.round(total / count);
}

/** part / whole in percent with one decimal; null when whole is 0. */
export function percentOf(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 10;
}
