import { useEffect, useState } from 'preact/hooks';

const MINUTE = 60_000;

/**
 * The current time, refreshed as each minute begins rather than a minute
 * after mounting, so a clock showing hours and minutes is never a minute behind.
 */
export function useMinuteClock(): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const schedule = () => {
      timer = setTimeout(
        () => {
          setNow(Date.now());
          schedule();
        },
        MINUTE - (Date.now() % MINUTE),
      );
    };
    schedule();
    return () => clearTimeout(timer);
  }, []);
  return now;
}
