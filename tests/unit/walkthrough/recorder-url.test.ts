import { describe, expect, it } from 'vitest';
import { urlPattern } from '@/lib/walkthrough/recorder-url';

describe('the address pattern of a step', () => {
  it('keeps the origin and the path, drops the query and the fragment', () => {
    expect(urlPattern('https://app.acme.com/settings/billing?tab=2#top')).toBe('https://app.acme.com/settings/billing');
  });

  it('replaces record ids and numbers by *', () => {
    expect(urlPattern('https://app.acme.com/invoices/20931/edit')).toBe('https://app.acme.com/invoices/*/edit');
    expect(urlPattern('https://app.acme.com/c/3f2b8a9c-1d2e-4f5a-9b8c-7d6e5f4a3b2c/view')).toBe('https://app.acme.com/c/*/view');
    expect(urlPattern('https://app.acme.com/doc/5f8d0d55b54764421b7156c3')).toBe('https://app.acme.com/doc/*');
    expect(urlPattern('https://app.acme.com/s/a8Fk29xQ0zL')).toBe('https://app.acme.com/s/*');
    expect(urlPattern('https://www.linkedin.com/feed/update/urn:li:activity:7123456789/')).toBe(
      'https://www.linkedin.com/feed/update/urn:li:activity:*/',
    );
    expect(urlPattern('https://app.acme.com/invoice-20931')).toBe('https://app.acme.com/invoice-*');
  });

  it('keeps the words of the path, short version numbers included', () => {
    expect(urlPattern('https://app.acme.com/api/v2/office365/reports')).toBe('https://app.acme.com/api/v2/office365/reports');
    expect(urlPattern('https://app.acme.com/')).toBe('https://app.acme.com/');
  });

  it('gives nothing for what is not a web page, and stays within the limit', () => {
    expect(urlPattern('chrome://settings')).toBe('');
    expect(urlPattern('not a url')).toBe('');
    expect(urlPattern(`https://app.acme.com/${'a/'.repeat(3000)}`).length).toBe(2000);
  });
});
