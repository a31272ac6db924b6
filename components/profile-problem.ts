/**
 * What the typed profile lacks, named as the background names it: the same sentence wherever it
 * shows. Kept apart from the form so that pages without it (the popup) load none of its code.
 */
const DESCRIPTIONS = {
  no_name: 'No display name is typed.',
  bad_relay_url: 'The relay address typed is not a web address.',
  relay_locked: 'The relay address is set by the organisation.',
  relay_needs_https: 'The organisation requires an https:// relay address.',
};

export class ProfileProblem extends Error {
  constructor(readonly code: keyof typeof DESCRIPTIONS) {
    super(DESCRIPTIONS[code]);
    this.name = 'ProfileProblem';
  }
}
