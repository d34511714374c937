// Which engines answer, asked now and then while there are several: no event says that an engine went away or came back.
import { useClient } from '@urql/preact';
import { useEffect, useState } from 'preact/hooks';
import { DashboardReachable } from './operations.js';

/** One /_ping per engine this often: a down engine shows in the list within about this long. */
const REACHABILITY_POLL_MS = 5_000;

/**
 * A count that goes up each time the set of unreachable engines changes (the first time too if
 * some are down: the list read before may have caught them still up). With `enabled` false (one
 * engine: its failure is the list's and the events' own error) nothing is asked.
 */
export function useReachabilityChanges(enabled: boolean): number {
  const client = useClient();
  const [changes, setChanges] = useState(0);
  useEffect(() => {
    if (!enabled) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let unreachable = '';
    const poll = async () => {
      const result = await client.query(DashboardReachable, {}).toPromise();
      if (stopped) return;
      // A failed poll (the gateway itself away) says nothing about the engines; the connection's state shows it.
      if (result.data) {
        const now = result.data.engines
          .filter((engine) => !engine.reachable)
          .map((engine) => engine.name)
          .join('\n');
        if (now !== unreachable) setChanges((n) => n + 1);
        unreachable = now;
      }
      timer = setTimeout(() => void poll(), REACHABILITY_POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [client, enabled]);
  return changes;
}
