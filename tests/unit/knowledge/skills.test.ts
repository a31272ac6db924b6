import { describe, expect, it } from 'vitest';
import { allCatalogueLabels, CATALOGUED_TOOLS, skillLabel, suggestSkills } from '@/lib/knowledge/skill-catalogue';
import {
  learnedSkills,
  nextReview,
  recordReview,
  REVIEW_STEPS_DAYS,
  skillKey,
  skillsPerMonth,
  taughtSkills,
} from '@/lib/knowledge/skills';
import { TOOLS } from '@/lib/capture/tools';
import { freshDb, testPair } from '../helpers/db';
import { addEntry } from '../helpers/log-data';

const DAY = 86_400_000;
const EXCEL = 'https://excel.officeapps.live.com/x/a.xlsx';

describe('skill catalogue', () => {
  it('suggests each tool’s skills in English and French, then general ones', () => {
    expect(suggestSkills('excel', 0).map((skill) => skill.label)).toContain('Pivot tables');
    expect(suggestSkills('excel', 1).map((skill) => skill.label)).toContain('Tableaux croisés dynamiques');
    expect(suggestSkills('linkedin', 0)[0]).toEqual({ id: 'linkedin/publish-a-post', label: 'Publish a post' });
    expect(suggestSkills('site:intranet.acme.fr', 0).every((skill) => skill.id.startsWith('general/'))).toBe(true);
  });

  it('shows a catalogued skill in the reader’s language and a typed one as typed', () => {
    expect(skillLabel('excel/pivot-tables', 1)).toBe('Tableaux croisés dynamiques');
    expect(skillLabel('excel/pivot-tables', 0)).toBe('Pivot tables');
    expect(skillLabel('Macros VBA', 0)).toBe('Macros VBA');
  });

  it('has both languages for every label and a vocabulary for every catalogued tool', () => {
    for (const [en, fr] of allCatalogueLabels()) {
      expect(en.trim()).not.toBe('');
      expect(fr.trim()).not.toBe('');
    }
    for (const tool of new Set(TOOLS.map((entry) => entry.id))) expect(CATALOGUED_TOOLS).toContain(tool);
  });

  it('groups a typed skill by tool and words, ignoring case and accents', () => {
    expect(skillKey('excel', 'Mise en forme CONDITIONNELLE')).toBe(skillKey('excel', 'mise en forme conditionnelle'));
    expect(skillKey('excel', 'Créer')).toBe(skillKey('excel', 'creer'));
    expect(skillKey('excel', 'excel/pivot-tables')).toBe('excel/pivot-tables');
  });
});

describe('review schedule', () => {
  it('goes 1, 3, 7, 21, 60 days with "I still know it", and back to 1 with "show me again"', () => {
    expect(REVIEW_STEPS_DAYS).toEqual([1, 3, 7, 21, 60]);
    let step = 0;
    const dues: number[] = [];
    for (let i = 0; i < 5; i++) {
      const review = nextReview(step, 'known', 0);
      dues.push(review.dueAt / DAY);
      step = review.step;
    }
    expect(dues).toEqual([3, 7, 21, 60, 60]);
    expect(nextReview(4, 'again', 10 * DAY)).toMatchObject({ step: 0, dueAt: 11 * DAY, lastReviewedAt: 10 * DAY });
  });
});

describe('learned and taught skills', () => {
  it('summarises each learned skill: first asked, questions, last answer, resolved, next review', async () => {
    const db = freshDb();
    await addEntry(db, {
      question: 'TCD ?',
      answer: 'Insertion',
      at: 1 * DAY,
      url: EXCEL,
      skill: 'excel/pivot-tables',
      resolved: true,
    });
    await addEntry(db, { question: 'Refresh TCD?', answer: 'Right-click', at: 5 * DAY, url: EXCEL, skill: 'excel/pivot-tables' });
    await addEntry(db, { question: 'Still waiting', at: 6 * DAY, url: EXCEL, skill: 'excel/pivot-tables' });
    await addEntry(db, { question: 'Not answered skill', at: 7 * DAY, url: EXCEL, skill: 'excel/charts' });
    await addEntry(db, {
      question: 'Their question',
      answer: 'mine',
      at: 8 * DAY,
      url: EXCEL,
      skill: 'excel/formulas',
      direction: 'incoming',
    });
    const threads = await db.threads.toArray();
    const [skill, ...others] = learnedSkills(threads, []);
    expect(others).toEqual([]);
    expect(skill).toMatchObject({
      skillKey: 'excel/pivot-tables',
      toolName: 'Excel Online',
      label: 'Pivot tables',
      firstAskedAt: 1 * DAY,
      questions: 3,
      lastAnsweredAt: 5 * DAY + 1000,
      resolved: 1,
      step: 0,
      nextReviewAt: 2 * DAY + 1000,
    });

    await recordReview(db, skill!, 'known', 3 * DAY);
    const [reviewed] = learnedSkills(threads, await db.reviews.toArray());
    expect(reviewed).toMatchObject({ step: 1, nextReviewAt: 6 * DAY });

    const taught = taughtSkills(threads, [testPair()]);
    expect(taught).toHaveLength(1);
    expect(taught[0]!.skills).toMatchObject([{ skillKey: 'excel/formulas', label: 'Formulas', answers: 1 }]);
  });

  it('counts skills learned per month and per tool for the chart', async () => {
    const db = freshDb();
    const now = Date.UTC(2026, 10, 20);
    await addEntry(db, { question: 'a', answer: 'x', at: Date.UTC(2026, 9, 3), url: EXCEL, skill: 'excel/charts' });
    await addEntry(db, { question: 'b', answer: 'x', at: Date.UTC(2026, 10, 3), url: EXCEL, skill: 'excel/formulas' });
    await addEntry(db, {
      question: 'c',
      answer: 'x',
      at: Date.UTC(2026, 10, 4),
      url: 'https://www.linkedin.com/feed',
      skill: 'linkedin/publish-a-post',
    });
    const threads = await db.threads.toArray();
    const buckets = skillsPerMonth(learnedSkills(threads, []), threads, now, 3);
    expect(buckets.map((bucket) => [bucket.month, bucket.total])).toEqual([
      ['2026-09', 0],
      ['2026-10', 1],
      ['2026-11', 2],
    ]);
    expect(buckets[2]!.byTool).toEqual({ 'Excel Online': 1, LinkedIn: 1 });
  });
});
