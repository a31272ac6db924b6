import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { t } from '@/lib/i18n/i18n';
import { isImportedPair } from '@/lib/db/db';
import { useServices } from '../services';
import { AgendaView } from './AgendaView';
import { PairProgrammePanel, type ProgrammeScreen } from './PairProgrammePanel';
import { WrapUp } from './WrapUp';

/**
 * The programme of each pair, one after the other (a helper with several seniors has one per
 * senior), and the agenda or wrap-up of one of them when opened.
 */
export function ProgrammeTab({ initial }: { initial?: { screen: ProgrammeScreen; pairId: string } }) {
  const { db } = useServices();
  const pairs = useLiveQuery(
    async () => (await db.pairs.orderBy('createdAt').toArray()).filter((pair) => !isImportedPair(pair)),
    [],
  );
  const [opened, setOpened] = useState(initial ?? null);
  if (!pairs) return null;
  if (opened?.screen === 'agenda') return <AgendaView pairId={opened.pairId} onBack={() => setOpened(null)} />;
  if (opened?.screen === 'wrap-up') return <WrapUp pairId={opened.pairId} onBack={() => setOpened(null)} />;
  if (pairs.length === 0) return <p>{t('programme_none')}</p>;
  return (
    <div className="programmes">
      {pairs.map((pair) => (
        <PairProgrammePanel key={pair.pairId} pairId={pair.pairId} onOpen={(screen, pairId) => setOpened({ screen, pairId })} />
      ))}
    </div>
  );
}
