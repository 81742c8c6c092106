import type { CannedReply } from '@mostrador/shared';
import { useEffect, useState } from 'preact/hooks';
import { cannedApi } from './cannedApi.ts';

export interface CannedReplies {
  replies: readonly CannedReply[];
  shopName: string;
}

const NONE: CannedReplies = { replies: [], shopName: '' };

/** The replies this agent may use, loaded once per console; without them the composer simply has no picker. */
export function useCannedReplies(load: () => ReturnType<typeof cannedApi.list> = () => cannedApi.list()): CannedReplies {
  const [canned, setCanned] = useState<CannedReplies>(NONE);
  useEffect(() => {
    let cancelled = false;
    void load().then((result) => {
      if (!cancelled && result.ok) setCanned(result.data);
    });
    return () => {
      cancelled = true;
    };
  }, []);
  return canned;
}
