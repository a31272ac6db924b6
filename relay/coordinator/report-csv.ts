import { csvLines } from './csv.ts';
import type { CoordinatorReport } from './report.ts';

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const hours = (ms: number) => Math.round((ms / 3_600_000) * 10) / 10;
const share = (value: number) => Math.round(value * 1000) / 10;

/**
 * The report's figures as CSV, one figure a line (`figure,detail,value`), with the same figures
 * the page shows and nothing more: a programme under the threshold gets only its header lines.
 */
export function reportCsv(report: CoordinatorReport): string {
  const rows: (string | number)[][] = [
    ['figure', 'detail', 'value'],
    ['programme', '', report.programme.name],
    ['programme_start', '', day(report.programme.startsAt)],
    // Ends are exclusive (midnight after the last day): the last day is shown.
    ['programme_end', '', day(report.programme.endsAt - 1)],
    ['generated_at', '', new Date(report.generatedAt).toISOString()],
  ];
  const figures = report.figures;
  if (!figures) {
    rows.push(['figures_hidden', 'fewer than 5 pairs', '']);
    return csvLines(rows);
  }
  rows.push(
    ['pairs', 'total', figures.pairs.total],
    ['pairs', 'active', figures.pairs.active],
    ['pairs', 'dormant', figures.pairs.dormant],
    ['pairs', 'ended', figures.pairs.ended],
    ['questions', 'total', figures.questions],
    ...figures.questionsPerWeek.map((w) => ['questions_per_week', `week ${w.week} from ${day(w.startsAt)}`, w.questions]),
    ['answered_share_percent', '', figures.answeredShare === null ? 'hidden' : share(figures.answeredShare)],
    ['time_to_first_answer_hours', 'median', figures.timeToFirstAnswer ? hours(figures.timeToFirstAnswer.medianMs) : 'hidden'],
    ['time_to_first_answer_hours', 'p90', figures.timeToFirstAnswer ? hours(figures.timeToFirstAnswer.p90Ms) : 'hidden'],
    ['two_way_share_percent', 'questions asked by juniors', figures.twoWayShare === null ? 'hidden' : share(figures.twoWayShare)],
    ['kudos', 'total', figures.kudos],
    ['ended_pairs_rating', 'average 1-4', figures.ratings ? Math.round(figures.ratings.averageRating * 100) / 100 : 'hidden'],
    ['ended_pairs_recommend_percent', '', figures.ratings ? share(figures.ratings.recommendShare) : 'hidden'],
    ['pairs_ending_within_14_days', 'total', figures.endingSoon.length],
    ...figures.endingSoon.map((p) => ['pair_ending_soon', `${p.senior} / ${p.junior}`, day(p.endsAt - 1)]),
    ['pairs_needing_check_in', 'total', figures.checkIns.length],
    ...figures.checkIns.map((p) => ['pair_needing_check_in', `${p.senior} / ${p.junior}`, p.reasons.join(' ')]),
  );
  return csvLines(rows);
}
