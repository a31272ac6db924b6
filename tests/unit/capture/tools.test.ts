import { describe, expect, it } from 'vitest';
import { identifyTool, TOOLS } from '@/lib/capture/tools';

describe('identifyTool', () => {
  it.each([
    ['https://www.linkedin.com/feed/', 'linkedin', 'LinkedIn'],
    ['https://fr.linkedin.com/in/someone', 'linkedin', 'LinkedIn'],
    ['https://excel.officeapps.live.com/x/_layouts/xlviewerinternal.aspx', 'excel', 'Excel Online'],
    ['https://acme-my.sharepoint.com/:x:/g/personal/budget.xlsx', 'excel', 'Excel Online'],
    ['https://acme.sharepoint.com/sites/hr/_layouts/15/Doc.aspx?file=Budget.xlsx', 'excel', 'Excel Online'],
    ['https://acme.sharepoint.com/sites/hr', 'sharepoint', 'SharePoint'],
    ['https://docs.google.com/spreadsheets/d/abc/edit', 'google-sheets', 'Google Sheets'],
    ['https://docs.google.com/document/d/abc/edit', 'google-docs', 'Google Docs'],
    ['https://outlook.office.com/mail/inbox', 'outlook', 'Outlook'],
    ['https://teams.microsoft.com/v2/', 'teams', 'Microsoft Teams'],
    ['https://acme.atlassian.net/wiki/spaces/HR', 'confluence', 'Confluence'],
    ['https://acme.atlassian.net/browse/HR-12', 'jira', 'Jira'],
    ['https://chatgpt.com/', 'chatgpt', 'ChatGPT'],
  ])('%s is %s', (url, id, name) => {
    expect(identifyTool(url)).toEqual({ id, name, known: true });
  });

  it.each([
    'https://linkedin.com.evil.example/login',
    'https://notlinkedin.com/',
    'https://evil-sharepoint.com/:x:/budget',
    'https://docs.google.com.attacker.net/spreadsheets/d/1',
  ])('does not take the lookalike %s for a known tool', (url) => {
    expect(identifyTool(url).known).toBe(false);
  });

  it('names an unknown site after its hostname, without www', () => {
    expect(identifyTool('https://www.intranet.acme.fr/rh')).toEqual({
      id: 'site:intranet.acme.fr',
      name: 'intranet.acme.fr',
      known: false,
    });
  });

  it('handles browser pages and garbage without throwing', () => {
    expect(identifyTool('chrome://extensions').known).toBe(false);
    expect(identifyTool('not a url').id).toBe('unknown');
  });

  it('catalogues at least the tools people ask about most', () => {
    const ids = new Set(TOOLS.map((tool) => tool.id));
    for (const id of ['linkedin', 'excel', 'google-sheets', 'outlook', 'teams']) expect(ids).toContain(id);
  });
});
