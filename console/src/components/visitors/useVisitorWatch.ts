import { useEffect, useState } from 'preact/hooks';
import type { AgentConnection } from '../../api/agentConnection.ts';
import { useStore } from '../../state/store.ts';
import { VisitorWatch, type LiveVisitorsState } from '../../state/visitorWatch.ts';

/** The live visitor list for as long as the component using it is mounted. */
export function useVisitorWatch(connection: AgentConnection): { state: LiveVisitorsState; retry: () => void } {
  const [watch] = useState(() => new VisitorWatch(connection));
  useEffect(() => {
    watch.start();
    return () => watch.stop();
  }, [watch]);
  return { state: useStore(watch.store), retry: () => watch.retry() };
}
