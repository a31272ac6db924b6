import type { PictureMark } from '@/lib/conversation/annotated-picture';
import { placement } from './mark-geometry';

/**
 * The numbered marks over a picture, as the asker sees them: decoration for the eye only
 * (`aria-hidden`), since the numbered list of captions says the same in words. Numbers are
 * text sized in CSS pixels: enlarging the picture never makes them smaller or blurred.
 */
export function MarkShapes({ marks }: { marks: PictureMark[] }) {
  return (
    <div className="picture-marks" aria-hidden="true">
      {marks.map((mark, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a mark is its number.
        <span key={index} className={`picture-mark picture-${mark.shape}`} style={placement(mark)} data-mark={index + 1}>
          <span className="picture-number">{index + 1}</span>
        </span>
      ))}
    </div>
  );
}
