import { useEffect, useState } from 'react';
import { targetTab } from '@/lib/capture/target-tab';
import { siteOf } from '@/lib/db/site';
import { t } from '@/lib/i18n/i18n';
import type { ElementDescription } from '@/lib/capture/element-description';
import { renderScreenshot, viewportRectToImage, type Rect } from '@/lib/capture/screenshot';
import { RedactionEditor } from './RedactionEditor';
import { useTabCapture, type Capture } from './useTabCapture';
import { useAskBackend } from './ask-backend';
import { readManagedPolicy } from '@/lib/managed/cache';

export type { Capture };

/** Turns what the person sees and blacked out into the only image that may leave the device. */
export async function redactedScreenshot(capture: Capture, redactions: Rect[], outline?: Rect): Promise<Blob> {
  const start = performance.now();
  const blob = await renderScreenshot({ source: capture.bitmap, redactions, ...(outline ? { outline } : {}) });
  performance.measure('binome:encode', { start, detail: { bytes: blob.size } });
  return blob;
}

interface Props {
  tabId?: number;
  /** The element pointed at: outlined in the picture. */
  element?: ElementDescription;
  /** Taken before the form was shown (the in-page panel must not picture itself); null: none could be. */
  captured?: string | null;
  /**
   * The page's site, when the form already knows it (the in-page panel, from its capture): its frame
   * need not ask the tabs API, which Firefox does not give an extension frame inside a web page.
   */
  site?: string;
  /** undefined while the picture is being taken, null without one. */
  onChange(value: { capture: Capture; redactions: Rect[]; outline?: Rect } | null | undefined): void;
}

/** "Attach a screenshot" (on by default, remembered per site), its preview and redaction. */
export function ScreenshotField({ tabId, element, captured, site: knownSite, onChange }: Props) {
  const backend = useAskBackend();
  const [site, setSite] = useState('');
  const [wanted, setWanted] = useState<boolean | undefined>(undefined);
  const [redactions, setRedactions] = useState<Rect[]>([]);
  // The company's policy may forbid screenshots: then the field is not even offered.
  const [forbidden, setForbidden] = useState(false);

  // Starts as soon as the form opens, alongside the capture of the page's context.
  useEffect(() => {
    void readManagedPolicy()
      .then(async (policy) => {
        if (policy.screenshotsAllowed === false) {
          setForbidden(true);
          return false;
        }
        return knownSite ?? siteOf((await targetTab(tabId))?.url);
      })
      .then((host) => {
        if (host === false) return false;
        setSite(host);
        return backend.screenshotWanted(host);
      })
      .then(setWanted, (error: unknown) => {
        // The box is left unticked, so the question can still go; the console says why.
        console.warn('Binôme could not tell whether to attach a picture', error);
        setWanted(false);
      });
  }, [backend, tabId, knownSite]);

  const capture = useTabCapture(tabId, wanted, captured);

  const outline =
    element && capture ? viewportRectToImage(element.rect, element.viewport, element.devicePixelRatio, capture) : undefined;
  // biome-ignore lint/correctness/useExhaustiveDependencies: onChange is the form's setter, new at each render; the outline is recomputed every render, so it is followed by its numbers.
  useEffect(() => {
    if (wanted === undefined || (wanted && capture === undefined)) onChange(undefined);
    else onChange(wanted && capture ? { capture, redactions, ...(outline ? { outline } : {}) } : null);
  }, [wanted, capture, redactions, outline?.x, outline?.y, outline?.width, outline?.height]);

  if (wanted === undefined || forbidden) return null;
  return (
    <div className="screenshot-field">
      <label className="checkbox">
        <input
          type="checkbox"
          checked={wanted}
          onChange={(event) => {
            setWanted(event.target.checked);
            void backend.rememberScreenshotChoice(site, event.target.checked);
          }}
        />
        {t('screenshot_attach')}
      </label>
      {wanted && capture === undefined && <p role="status">{t('screenshot_taking')}</p>}
      {wanted && capture === null && <p className="hint">{t('screenshot_unavailable')}</p>}
      {wanted && capture && (
        <RedactionEditor
          image={capture.bitmap}
          width={capture.width}
          height={capture.height}
          redactions={redactions}
          onChange={setRedactions}
          {...(outline ? { outline } : {})}
        />
      )}
    </div>
  );
}
