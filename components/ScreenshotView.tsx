import { useEffect, useState } from 'react';
import { t } from '@/lib/i18n/i18n';

/** The screenshot that came with a question: fitted to the width, full size on demand. */
export function ScreenshotView({ image, author }: { image: Blob; author: string }) {
  const [url, setUrl] = useState<string | null>(null);
  const [zoomed, setZoomed] = useState(false);
  useEffect(() => {
    const objectUrl = URL.createObjectURL(image);
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [image]);
  if (!url) return null;
  return (
    <figure className={zoomed ? 'screenshot zoomed' : 'screenshot'}>
      <button
        type="button"
        aria-pressed={zoomed}
        onClick={() => setZoomed(!zoomed)}
        aria-label={zoomed ? t('screenshot_zoom_out') : t('screenshot_zoom_in')}
      >
        <img src={url} alt={t('screenshot_alt', author)} />
      </button>
      <figcaption className="hint">{zoomed ? t('screenshot_zoom_out') : t('screenshot_zoom_in')}</figcaption>
    </figure>
  );
}
