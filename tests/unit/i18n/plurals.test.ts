/**
 * A count is written in the form its language wants: English says "1 question, 0 questions",
 * French « 1 question, 0 question » (its "one" covers 0 and 1). Every counted message exists in
 * both forms, and no other message puts a count next to a noun that would then be wrong.
 */
import { describe, expect, it } from 'vitest';
import en from '@/public/_locales/en/messages.json';
import fr from '@/public/_locales/fr/messages.json';
import { type CountedKey, tCount } from '@/lib/i18n/i18n';
import { speak } from '../helpers/i18n';

const LANGUAGES = { en, fr } as Record<'en' | 'fr', Record<string, { message: string }>>;

/** The words that change with a count, in either language. */
const COUNTED_WORD =
  /\$\d\)?\s+(questions?|answers?|entr(y|ies)|messages?|skills?|months?|characters?|new|resolved|réponses?|entrées?|compétences?|mois|caractères?|nouvelles?|nouveaux?|résolues?)\b/i;

describe('counted messages', () => {
  it('exist in a "one" and an "other" form in both languages', () => {
    for (const [language, messages] of Object.entries(LANGUAGES)) {
      for (const key of Object.keys(messages)) {
        const base = key.match(/^(.*)_(one|other)$/)?.[1];
        if (!base) continue;
        expect(messages, `${language} ${key}`).toHaveProperty(`${base}_one`);
        expect(messages, `${language} ${key}`).toHaveProperty(`${base}_other`);
      }
    }
  });

  it('are the only messages that put a count before a word that agrees with it', () => {
    for (const [language, messages] of Object.entries(LANGUAGES)) {
      for (const [key, { message }] of Object.entries(messages)) {
        if (/_(one|other)$/.test(key)) continue;
        expect(message, `${language} ${key}`).not.toMatch(COUNTED_WORD);
      }
    }
  });

  it.each([
    ['en', 0, '0 questions'],
    ['en', 1, '1 question'],
    ['en', 2, '2 questions'],
    ['fr', 0, '0 question'],
    ['fr', 1, '1 question'],
    ['fr', 2, '2 questions'],
  ] as const)('%s with %d says “%s”', (language, count, expected) => {
    speak(language);
    expect(tCount('count_questions', count)).toBe(expected);
  });

  it.each([
    ['en', 0, '0 entries', 'My questions (0 new)'],
    ['en', 1, '1 entry', 'My questions (1 new)'],
    ['en', 2, '2 entries', 'My questions (2 new)'],
    ['fr', 0, '0 entrée', 'Mes questions (0 nouvelle)'],
    ['fr', 1, '1 entrée', 'Mes questions (1 nouvelle)'],
    ['fr', 2, '2 entrées', 'Mes questions (2 nouvelles)'],
  ] as const)('%s with %d: “%s”, “%s”', (language, count, entries, tab) => {
    speak(language);
    expect(tCount('log_count', count)).toBe(entries);
    expect(tCount('mine_tab_count', count)).toBe(tab);
  });

  it('puts the words that do not agree before the count, and writes the count the language’s way', () => {
    speak('fr');
    expect(tCount('notify_questions', 1, ['Karim'])).toBe('Karim a posé 1 question');
    expect(tCount('log_count', 1200)).toBe('1\u202f200 entrées');
    speak('en');
    expect(tCount('log_count', 1200)).toBe('1,200 entries');
  });

  it('agree in gender in French: a question, an answer and a resolved question are feminine', () => {
    speak('fr');
    const forms = (key: CountedKey) => [0, 1, 2].map((count) => tCount(key, count));
    expect(forms('mine_tab_count')).toEqual([
      'Mes questions (0 nouvelle)',
      'Mes questions (1 nouvelle)',
      'Mes questions (2 nouvelles)',
    ]);
    expect(forms('count_resolved')).toEqual(['0 résolue', '1 résolue', '2 résolues']);
    expect(forms('count_skills_learned')).toEqual(['0 compétence apprise', '1 compétence apprise', '2 compétences apprises']);
    expect(fr.unread.message).toBe('Nouvelle');
  });
});
