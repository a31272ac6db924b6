import { useEffect, useId, useRef, useState } from 'react';
import type { StoredPicture } from '@/lib/conversation/annotated-picture';
import { t } from '@/lib/i18n/i18n';
import { MarkShapes } from './MarkShapes';

/** An image Blob as an object URL for as long as the component shows it. */
export function useObjectUrl(image: Blob): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const objectUrl = URL.createObjectURL(image);
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [image]);
  return url;
}

/** The captions as text, numbered as on the picture: what a screen reader reads ("1. Click Start a post"). */
function Captions({ picture, labelledBy }: { picture: StoredPicture; labelledBy: string }) {
  return (
    <ol className="picture-captions" aria-labelledby={labelledBy}>
      {picture.marks.map((mark, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a mark is its number: the list and the picture are numbered by place.
        <li key={index}>{mark.caption || t('picture_caption_empty')}</li>
      ))}
    </ol>
  );
}

/**
 * A picture of the helper's screen received as an answer (or sent: `author` is then 'me'): fitted to the width with
 * its numbered marks drawn in HTML over it (never baked into the pixels, so they stay readable
 * at any zoom), the captions as an ordered list, and "Enlarge the picture" for a dialog at full size.
 */
export function PictureView({ picture, author }: { picture: StoredPicture; author: string | 'me' }) {
  const id = useId();
  const url = useObjectUrl(picture.image);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const enlargeRef = useRef<HTMLButtonElement>(null);
  if (!url) return null;
  const count = picture.marks.length;
  const mine = author === 'me';
  const title = mine ? t('picture_title_mine') : t('picture_title', author);
  const alt = mine ? (count ? t('picture_alt_mine') : title) : count ? t('picture_alt', author) : t('picture_alt_plain', author);
  const stage = (
    <div className="picture-stage">
      <img src={url} alt={alt} draggable={false} />
      <MarkShapes marks={picture.marks} />
    </div>
  );
  const open = () => dialogRef.current?.showModal();
  const close = () => {
    dialogRef.current?.close();
    enlargeRef.current?.focus();
  };
  return (
    <figure className="picture-answer" aria-labelledby={`${id}-title`}>
      <p id={`${id}-title`} className="picture-title">
        {title}
      </p>
      {stage}
      <button ref={enlargeRef} type="button" onClick={open}>
        {t('picture_enlarge')}
      </button>
      {count > 0 && (
        <>
          <p id={`${id}-captions`} className="picture-captions-title">
            {t('picture_captions')}
          </p>
          <Captions picture={picture} labelledBy={`${id}-captions`} />
        </>
      )}
      {/* Native modal dialog: the page behind is inert, Esc closes it and focus comes back. */}
      <dialog
        ref={dialogRef}
        className="picture-dialog"
        aria-labelledby={`${id}-dialog-title`}
        onClose={() => enlargeRef.current?.focus()}
      >
        <div className="picture-dialog-bar">
          <h2 id={`${id}-dialog-title`}>{title}</h2>
          {/* Focus lands on the way out, whatever the browser's own dialog focusing rules. */}
          {/* One short word, on one line even at 200 % in a popup; its name, which starts with that word, says what it closes. */}
          {/* biome-ignore lint/a11y/noAutofocus: inside a modal dialog, where focus must move when it opens. */}
          <button type="button" className="primary picture-close" onClick={close} aria-label={t('picture_close')} autoFocus>
            {t('picture_close_short')}
          </button>
        </div>
        <div className="picture-dialog-body">
          {/* Wider than the window, it scrolls: focusable, so the keyboard can scroll it too. */}
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable from the keyboard (WCAG 2.1.1). */}
          <section className="picture-full" aria-label={t('picture_full_region')} tabIndex={0}>
            {stage}
          </section>
          {count > 0 && (
            <>
              <p id={`${id}-dialog-captions`} className="picture-captions-title">
                {t('picture_captions')}
              </p>
              <Captions picture={picture} labelledBy={`${id}-dialog-captions`} />
            </>
          )}
        </div>
      </dialog>
    </figure>
  );
}
