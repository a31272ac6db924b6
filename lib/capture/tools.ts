/**
 * The catalogue of workplace tools, recognised from a page's hostname and path.
 * Hosts match exactly or as a parent domain on a dot boundary, so that
 * "linkedin.com.evil.example" or "notlinkedin.com" are never taken for LinkedIn.
 */

export interface Tool {
  id: string;
  name: string;
  /** Hostnames (and their subdomains) where the tool lives. */
  hosts: string[];
  /** When set, the URL path must start with one of these (tools sharing a host). */
  paths?: string[];
  /** When set, a query parameter that must contain one of these (Office web apps). */
  query?: { param: string; values: string[] };
}

/** More specific entries first: the first match wins. */
export const TOOLS: Tool[] = [
  { id: 'linkedin', name: 'LinkedIn', hosts: ['linkedin.com'] },
  { id: 'excel', name: 'Excel Online', hosts: ['excel.officeapps.live.com', 'excel.cloud.microsoft'] },
  { id: 'word', name: 'Word Online', hosts: ['word-edit.officeapps.live.com', 'word.cloud.microsoft'] },
  {
    id: 'powerpoint',
    name: 'PowerPoint Online',
    hosts: ['powerpoint.officeapps.live.com', 'powerpoint.cloud.microsoft'],
  },
  {
    id: 'excel',
    name: 'Excel Online',
    hosts: ['sharepoint.com', 'onedrive.live.com'],
    paths: ['/:x:/', '/x/'],
  },
  {
    id: 'excel',
    name: 'Excel Online',
    hosts: ['sharepoint.com'],
    query: { param: 'file', values: ['.xlsx', '.xls', '.csv'] },
  },
  { id: 'word', name: 'Word Online', hosts: ['sharepoint.com', 'onedrive.live.com'], paths: ['/:w:/'] },
  {
    id: 'powerpoint',
    name: 'PowerPoint Online',
    hosts: ['sharepoint.com', 'onedrive.live.com'],
    paths: ['/:p:/'],
  },
  { id: 'outlook', name: 'Outlook', hosts: ['outlook.office.com', 'outlook.live.com', 'outlook.office365.com'] },
  { id: 'teams', name: 'Microsoft Teams', hosts: ['teams.microsoft.com', 'teams.live.com', 'teams.cloud.microsoft'] },
  { id: 'sharepoint', name: 'SharePoint', hosts: ['sharepoint.com'] },
  { id: 'onedrive', name: 'OneDrive', hosts: ['onedrive.live.com', 'onedrive.com'] },
  { id: 'copilot', name: 'Microsoft Copilot', hosts: ['copilot.microsoft.com', 'm365.cloud.microsoft'] },
  { id: 'google-sheets', name: 'Google Sheets', hosts: ['docs.google.com'], paths: ['/spreadsheets'] },
  { id: 'google-docs', name: 'Google Docs', hosts: ['docs.google.com'], paths: ['/document'] },
  { id: 'google-slides', name: 'Google Slides', hosts: ['docs.google.com'], paths: ['/presentation'] },
  { id: 'google-forms', name: 'Google Forms', hosts: ['docs.google.com'], paths: ['/forms'] },
  { id: 'google-drive', name: 'Google Drive', hosts: ['drive.google.com'] },
  { id: 'gmail', name: 'Gmail', hosts: ['mail.google.com'] },
  { id: 'google-calendar', name: 'Google Calendar', hosts: ['calendar.google.com'] },
  { id: 'google-meet', name: 'Google Meet', hosts: ['meet.google.com'] },
  { id: 'slack', name: 'Slack', hosts: ['slack.com'] },
  { id: 'zoom', name: 'Zoom', hosts: ['zoom.us', 'zoom.com'] },
  { id: 'salesforce', name: 'Salesforce', hosts: ['salesforce.com', 'force.com', 'lightning.force.com'] },
  { id: 'hubspot', name: 'HubSpot', hosts: ['hubspot.com'] },
  { id: 'notion', name: 'Notion', hosts: ['notion.so', 'notion.com'] },
  { id: 'trello', name: 'Trello', hosts: ['trello.com'] },
  { id: 'jira', name: 'Jira', hosts: ['atlassian.net'], paths: ['/jira', '/browse', '/projects', '/issues'] },
  { id: 'confluence', name: 'Confluence', hosts: ['atlassian.net'], paths: ['/wiki'] },
  { id: 'canva', name: 'Canva', hosts: ['canva.com'] },
  { id: 'chatgpt', name: 'ChatGPT', hosts: ['chatgpt.com', 'chat.openai.com'] },
  { id: 'workday', name: 'Workday', hosts: ['myworkday.com', 'workday.com'] },
  {
    id: 'successfactors',
    name: 'SAP SuccessFactors',
    hosts: ['successfactors.com', 'successfactors.eu', 'sapsf.com', 'sapsf.eu'],
  },
];

export interface ToolMatch {
  id: string;
  name: string;
  /** False when the page is not a catalogued tool and the name is the site's. */
  known: boolean;
}

/** On a dot boundary: "acme.com" covers "crm.acme.com", never "notacme.com" or "acme.com.evil.example". */
export function hostMatches(hostname: string, host: string): boolean {
  return hostname === host || hostname.endsWith(`.${host}`);
}

function entryMatches(tool: Tool, url: URL): boolean {
  const hostname = url.hostname.toLowerCase();
  if (!tool.hosts.some((host) => hostMatches(hostname, host))) return false;
  if (tool.paths && !tool.paths.some((prefix) => url.pathname.toLowerCase().startsWith(prefix))) return false;
  if (tool.query) {
    const value = (url.searchParams.get(tool.query.param) ?? '').toLowerCase();
    if (!tool.query.values.some((ending) => value.endsWith(ending))) return false;
  }
  return true;
}

/** "www.intranet.acme.fr" → "intranet.acme.fr": the name a person would say. */
function siteName(hostname: string): string {
  return hostname.replace(/^www\./, '');
}

/** A company's own tools (its managed policy's `extraTools`), as catalogue entries. */
export function companyTools(extra: readonly { host: string; name: string }[]): Tool[] {
  return extra.map(({ host, name }) => ({ id: `company:${host}`, name, hosts: [host] }));
}

/** The company's tools are looked at first: a company knows its own intranet better than the catalogue. */
export function identifyTool(rawUrl: string, extra: readonly { host: string; name: string }[] = []): ToolMatch {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { id: 'unknown', name: '', known: false };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { id: 'browser', name: url.protocol.replace(':', ''), known: false };
  }
  const tool = [...companyTools(extra), ...TOOLS].find((candidate) => entryMatches(candidate, url));
  if (tool) return { id: tool.id, name: tool.name, known: true };
  const name = siteName(url.hostname);
  return { id: `site:${name}`, name, known: false };
}
