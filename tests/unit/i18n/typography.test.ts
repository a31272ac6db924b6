/**
 * French typography as a French reader expects it: a narrow no-break space (U+202F) before
 * : ; ? ! and inside « », so that a sign never starts a line nor sticks to its word, and
 * typographic apostrophes in both languages.
 */
import { describe, expect, it } from 'vitest';
import en from '@/public/_locales/en/messages.json';
import fr from '@/public/_locales/fr/messages.json';
import { PAGE_STRINGS } from '@/relay/coordinator/strings';

const NARROW = '\u202f';

function messagesOf(language: typeof en | typeof fr): [string, string][] {
  return Object.entries(language as Record<string, { message: string }>).map(([key, { message }]) => [key, message]);
}

/** What is wrong in a French message, if anything, each problem shown with its place. */
function frenchTypographyProblems(message: string): string[] {
  const problems: string[] = [];
  const around = (index: number) => JSON.stringify(message.slice(Math.max(0, index - 8), index + 4));
  for (const match of message.matchAll(/[:;?!]/g)) {
    const index = match.index;
    // A web address's "://" is not punctuation.
    if (match[0] === ':' && message.startsWith('//', index + 1)) continue;
    if (message[index - 1] !== NARROW) problems.push(`no narrow no-break space before “${match[0]}” in ${around(index)}`);
  }
  for (const match of message.matchAll(/«/g)) {
    if (message[match.index + 1] !== NARROW) problems.push(`no narrow no-break space after « in ${around(match.index)}`);
  }
  for (const match of message.matchAll(/»/g)) {
    if (message[match.index - 1] !== NARROW) problems.push(`no narrow no-break space before » in ${around(match.index)}`);
  }
  for (const match of message.matchAll(/'/g)) problems.push(`a straight apostrophe in ${around(match.index)}`);
  for (const match of message.matchAll(/"/g)) problems.push(`a straight quote in ${around(match.index)}`);
  return problems;
}

describe('French typography', () => {
  it.each(messagesOf(fr))('%s', (_, message) => {
    expect(frenchTypographyProblems(message)).toEqual([]);
  });

  it('catches each mistake it is meant to', () => {
    expect(frenchTypographyProblems('Compétence :')).toHaveLength(1);
    expect(frenchTypographyProblems('Compétence\u00a0:')).toHaveLength(1);
    expect(frenchTypographyProblems('Qui doit répondre?')).toHaveLength(1);
    expect(frenchTypographyProblems('Merci !')).toHaveLength(1);
    expect(frenchTypographyProblems('Réessayez ; rien n’est perdu.')).toHaveLength(1);
    expect(frenchTypographyProblems('le bouton « Ajouter »')).toHaveLength(2);
    expect(frenchTypographyProblems("C'est compris")).toHaveLength(1);
    expect(frenchTypographyProblems('Voir https://binome.exemple.fr, puis merci\u202f!')).toEqual([]);
    expect(frenchTypographyProblems('«\u202fTout exporter\u202f»\u202f: c’est fait.')).toEqual([]);
  });
});

/** The relay's coordinator page keeps its own sentences (relay/coordinator/strings.ts). */
const pageSentences = (language: 'en' | 'fr'): [string, string][] =>
  Object.entries(PAGE_STRINGS[language]).map(([key, value]) => [key, typeof value === 'function' ? value('1') : value]);

describe('French typography of the coordinator page', () => {
  it.each(pageSentences('fr'))('%s', (_, message) => {
    expect(frenchTypographyProblems(message)).toEqual([]);
  });
});

describe('English typography', () => {
  it.each(pageSentences('en'))('coordinator page: %s', (_, message) => {
    expect(message).not.toMatch(/['"]/);
  });

  it.each(messagesOf(en))('%s', (_, message) => {
    expect(message).not.toMatch(/['"]/);
  });
});
