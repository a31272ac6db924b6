/**
 * Times to a first answer on the coordinator's page: minutes under an hour ("0 h" said a fast
 * answer took no time at all), "under a minute" below that, hours from one hour on; in both languages.
 * And hidden ratings say they wait for ended pairs, not that the programme is small.
 */
import { describe, expect, it } from 'vitest';
import { reportPage } from '@/relay/coordinator/page';
import type { CoordinatorReport } from '@/relay/coordinator/report';

const MINUTE = 60_000;

function reportWith(medianMs: number, p90Ms: number): CoordinatorReport {
  return {
    programme: { id: '00000000-0000-4000-8000-000000000001', name: 'Buddies', startsAt: 0, endsAt: 30 * 24 * 60 * MINUTE },
    generatedAt: 7 * 24 * 60 * MINUTE,
    figures: {
      pairs: { total: 5, active: 5, dormant: 0, ended: 0 },
      questions: 10,
      questionsPerWeek: [{ week: 1, startsAt: 0, questions: 10 }],
      answeredShare: 1,
      timeToFirstAnswer: { medianMs, p90Ms },
      twoWayShare: 0,
      kudos: 0,
      ratings: null,
      endingSoon: [],
      checkIns: [],
    },
  };
}

async function rowValue(language: 'en' | 'fr', label: string, report: CoordinatorReport): Promise<string> {
  const page = String(await reportPage({ language, path: '/coordinator', nonce: 'n' }, report));
  const found = new RegExp(`<th scope="row">${label}</th><td class="number">([^<]*)</td>`).exec(page);
  if (!found) throw new Error(`No row ${label}`);
  return found[1]!;
}

describe('time to a first answer', () => {
  it.each([
    ['en', 20_000, 'Under a minute', 'Median time to a first answer'],
    ['en', 12 * MINUTE, '12 min', 'Median time to a first answer'],
    ['en', 90 * MINUTE, '1.5 h', 'Median time to a first answer'],
    ['fr', 20_000, 'Moins d’une minute', 'Délai médian avant une première réponse'],
    ['fr', 12 * MINUTE, '12\u00a0min', 'Délai médian avant une première réponse'],
    ['fr', 90 * MINUTE, '1,5\u00a0h', 'Délai médian avant une première réponse'],
  ] as const)('%s: %i ms reads “%s”', async (language, ms, expected, label) => {
    expect(await rowValue(language, label, reportWith(ms, ms * 2))).toBe(expected);
  });
});

describe('ratings of ended pairs', () => {
  it.each([
    ['en', 'Average rating (1 to 4)', 'Not shown: fewer than 5 ended pairs shared their wrap-up'],
    ['fr', 'Note moyenne (de 1 à 4)', 'Non affiché\u202f: moins de 5 binômes terminés ont partagé leur bilan'],
  ] as const)('%s: hidden, say why in words of ended pairs, not of the programme’s size', async (language, label, expected) => {
    const page = String(await reportPage({ language, path: '/coordinator', nonce: 'n' }, reportWith(MINUTE, MINUTE)));
    expect(page).toContain(`<th scope="row">${label}</th><td class="number"><span class="muted">${expected}</span>`);
  });
});
