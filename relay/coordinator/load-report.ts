import type { RelayDeps } from '../deps.ts';
import { computeReport, type CoordinatorReport } from './report.ts';

/** The report of a programme that exists (the caller checked), as of the relay's clock. */
export async function loadReport(deps: Pick<RelayDeps, 'programmes' | 'now'>, programmeId: string): Promise<CoordinatorReport> {
  const { programmes } = deps;
  const programme = await programmes.getProgramme(programmeId);
  if (!programme) throw new Error(`No programme ${programmeId}`);
  const [pairs, messages, ratings] = [
    await programmes.reportPairs(programmeId),
    await programmes.reportMessages(programmeId),
    await programmes.reportRatings(programmeId),
  ];
  return computeReport({ programme, pairs, messages, ratings, now: deps.now() });
}
