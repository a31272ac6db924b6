/** Case- and accent-insensitive words, so "tableau croise" finds "Tableau croisé". */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .toLowerCase();
}

/**
 * Words too common to search for, in French and English (folded). Leaving them out of the
 * index keeps it small and keeps "how do I" from matching every entry of the log.
 */
const STOP_WORDS = new Set(
  (
    'le la les un une des du de d l au aux et ou mais donc ni car ce cet cette ces mon ma mes ton ta tes son sa ses ' +
    'notre nos votre vos leur leurs je tu il elle on nous vous ils elles me te se y en ne pas plus que qui quoi ' +
    'dans sur sous avec sans pour par est sont suis es etait ete etre avoir ai as a ont avez avons fait faire comment ' +
    'the a an and or but of to in on at by for with from is are was were be been being it its this that these those ' +
    'i you he she we they me my your his her our their do does did how what which who can could would should will ' +
    'not no so if then than there here as into about'
  ).split(' '),
);

export function wordsOf(...texts: (string | undefined | null)[]): string[] {
  const words = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    for (const word of foldText(text).split(/[^\p{L}\p{N}]+/u)) {
      if (word.length >= 2 && !STOP_WORDS.has(word)) words.add(word);
    }
  }
  return [...words];
}
