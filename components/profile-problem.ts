/**
 * What the typed profile lacks, named as the background names it: the same sentence wherever it
 * shows. Kept apart from the form so that pages without it (the popup) load none of its code.
 */
export class ProfileProblem extends Error {
  constructor(readonly code: 'no_name' | 'bad_relay_url') {
    super(code === 'no_name' ? 'No display name is typed.' : 'The relay address typed is not a web address.');
    this.name = 'ProfileProblem';
  }
}
