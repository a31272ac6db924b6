import { splitLinks } from '@/lib/knowledge/links';

/** Renders the buddy's text as text: React escapes it, and only http(s) URLs become links (see lib/knowledge/links.ts). */
export function LinkifiedText({ text }: { text: string }) {
  return (
    <span className="linkified">
      {splitLinks(text).map((part, index) =>
        typeof part === 'string' ? (
          part
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one text never move; a URL may repeat.
          <a key={index} href={part.url} target="_blank" rel="noopener noreferrer">
            {part.url}
          </a>
        ),
      )}
    </span>
  );
}
