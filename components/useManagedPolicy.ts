import { useEffect, useState } from 'react';
import { readManagedPolicy, watchManagedPolicy } from '@/lib/managed/cache';
import type { ManagedPolicy } from '@/lib/managed/schema';

/** The company's policy as the background last cached it, followed live; undefined until the first read. */
export function useManagedPolicy(): ManagedPolicy | undefined {
  const [policy, setPolicy] = useState<ManagedPolicy | undefined>(undefined);
  useEffect(() => {
    let current = true;
    const stop = watchManagedPolicy((next) => current && setPolicy(next));
    void readManagedPolicy().then((read) => current && setPolicy((seen) => seen ?? read));
    return () => {
      current = false;
      stop();
    };
  }, []);
  return policy;
}
