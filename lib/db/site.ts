/** The site a page belongs to, as people name it: the hostname without "www.". */
export function siteOf(url: string | undefined): string {
  if (!url) return '';
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}
