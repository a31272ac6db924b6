/**
 * Names a framework or a build made up, which change from one load or one release to the
 * next: an id or a class name that looks like this is never used to find an element again.
 * Shared by the recorder (what it keeps) and the resolver (what it trusts).
 */

/** Attributes testers put on elements precisely so that they can be found again, first one wins. */
export const TEST_ID_ATTRIBUTES = ['data-testid', 'data-test', 'data-qa', 'data-cy'] as const;

/**
 * `:r1:` and `«r1»` (React useId), `ember1234`, `ext-gen12`, `mui-3`, uuid-ish and hex runs,
 * a digit run of three or more, a number as a whole segment (`field-7`, `react-select-2-input`),
 * a segment mixing letters and digits that looks like a hash (`a1b2c3`, `x9F2kQ`).
 */
export function isGeneratedId(id: string): boolean {
  if (!id || id.length > 100) return true;
  if (/^[:«]|[:»]$/.test(id) || /\s/.test(id)) return true;
  if (/\d{3,}/.test(id)) return true;
  if (/[0-9a-f]{8}-?[0-9a-f]{4}/i.test(id)) return true;
  if (/(^|[-_:.])\d+($|[-_:.])/.test(id)) return true;
  return id.split(/[-_:.]/).some(looksLikeHash);
}

/**
 * Class names from CSS-in-JS and CSS modules: `css-1x2y3z` (emotion), `sc-abc123` and
 * `sc-bdVaJa` (styled-components), `_a1b2c3`, `Button_primary__3xT9a`, `jsx-2738` (styled-jsx),
 * `svelte-1u2v3w`, and any segment that looks like a hash.
 */
export function isHashedClass(name: string): boolean {
  if (!name || name.length > 60) return true;
  if (/^(css|sc|jsx|svelte|emotion|styled|tw)-/i.test(name)) return true;
  if (/^_|__/.test(name)) return true;
  if (/\d{2,}/.test(name)) return true;
  return name.split(/[-_]/).some(looksLikeHash);
}

/** Letters and digits mixed (`a1b2`, `3xT9a`), or a short run whose case flips like `bdVaJa`. */
function looksLikeHash(segment: string): boolean {
  if (segment.length >= 4 && /\d/.test(segment) && /[a-z]/i.test(segment)) return true;
  // camelCase words (`newContactButton`) are long; a 5 to 8 letter run with two humps is a hash.
  const humps = segment.match(/[a-z][A-Z]/g)?.length ?? 0;
  return segment.length >= 5 && segment.length <= 8 && humps >= 2;
}
