import { useEffect, useState } from 'react';
import { captureVisibleTab } from '@/lib/capture/capture';
import { loadImage } from '@/lib/capture/screenshot';

export interface Capture {
  bitmap: ImageBitmap;
  width: number;
  height: number;
}

/**
 * The visible part of the tab, decoded, once `wanted`: undefined while it is being taken, null
 * where none could be. Shared by the question's screenshot and the helper's picture answer, so
 * both go through the same capture (and the same company policy, read in captureVisibleTab).
 */
export function useTabCapture(
  tabId: number | undefined,
  wanted: boolean | undefined,
  captured?: string | null,
): Capture | null | undefined {
  const [capture, setCapture] = useState<Capture | null | undefined>(undefined);
  useEffect(() => {
    if (!wanted || capture !== undefined) return;
    // User Timing marks: bench/capture.ts reads how long capture and decoding take.
    performance.mark('binome:capture-start');
    void (captured !== undefined ? Promise.resolve(captured) : captureVisibleTab(tabId))
      .then(async (dataUrl) => {
        if (!dataUrl) return null;
        const bitmap = await loadImage(dataUrl);
        performance.measure('binome:capture', 'binome:capture-start');
        return { bitmap, width: bitmap.width, height: bitmap.height };
      })
      .then(setCapture, () => setCapture(null));
  }, [wanted, capture, tabId, captured]);
  return capture;
}
