import { useEffect, useState } from 'react';
import type { PictureMark, StoredPicture } from '@/lib/conversation/annotated-picture';
import type { Rect } from '@/lib/capture/screenshot';
import { t } from '@/lib/i18n/i18n';
import { RedactionEditor } from '../RedactionEditor';
import { redactedScreenshot } from '../ScreenshotField';
import { useManagedPolicy } from '../useManagedPolicy';
import { useTabCapture } from '../useTabCapture';
import { AnnotationEditor } from './AnnotationEditor';
import { useObjectUrl } from './PictureView';

/** Makes the picture to send: redacted, with its marks (none yet if the helper sends from the first step). */
export type PictureDraft = () => Promise<StoredPicture>;

interface Props {
  /** The tab Binôme was opened on; the active tab when not given. */
  tabId?: number;
  /** null without a picture; undefined while the screen is being captured. */
  onChange(draft: PictureDraft | null | undefined): void;
}

/**
 * "Add a picture of my screen", for the helper's answer: the tab is captured and blacked out
 * through the very capture and redaction editor of questions, then the helper numbers the
 * places to look at (AnnotationEditor). Only the redacted picture is kept; the raw capture stays here.
 */
export function PictureAnswerField({ tabId, onChange }: Props) {
  const policy = useManagedPolicy();
  const [wanted, setWanted] = useState(false);
  const capture = useTabCapture(tabId, wanted);
  const [redactions, setRedactions] = useState<Rect[]>([]);
  // Step 2 shows the picture as it will be sent: rendered once the black boxes are final.
  const [redacted, setRedacted] = useState<Blob | null>(null);
  const [marks, setMarks] = useState<PictureMark[]>([]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: onChange is the parent's setter, new at each render.
  useEffect(() => {
    if (!wanted || capture === null) onChange(null);
    else if (capture === undefined) onChange(undefined);
    else if (redacted) onChange(() => Promise.resolve({ image: redacted, marks }));
    else onChange(() => redactedScreenshot(capture, redactions).then((image) => ({ image, marks: [] })));
  }, [wanted, capture, redactions, redacted, marks]);

  // The company said no screenshots: the helper is not even offered one.
  if (!policy || policy.screenshotsAllowed === false) return null;
  if (!wanted) {
    return (
      <div className="picture-field">
        <button type="button" onClick={() => setWanted(true)}>
          {t('picture_add')}
        </button>
        <p className="hint">{t('picture_add_hint')}</p>
      </div>
    );
  }
  const removeButton = (
    <button
      type="button"
      onClick={() => {
        setWanted(false);
        setRedacted(null);
        setRedactions([]);
        setMarks([]);
      }}
    >
      {t('picture_remove')}
    </button>
  );
  return (
    <div className="picture-field">
      {capture === undefined && <p role="status">{t('picture_taking')}</p>}
      {capture === null && (
        <p role="alert" className="hint">
          {t('picture_unavailable')}
        </p>
      )}
      {capture && !redacted && (
        <>
          <p className="picture-step">{t('picture_step_hide')}</p>
          <RedactionEditor
            image={capture.bitmap}
            width={capture.width}
            height={capture.height}
            redactions={redactions}
            onChange={setRedactions}
          />
          <div className="actions">
            {/* A step of the field, not the screen's main action: "Send my answer" is the one primary button. */}
            <button type="button" onClick={() => void redactedScreenshot(capture, redactions).then(setRedacted)}>
              {t('picture_next')}
            </button>
            {removeButton}
          </div>
        </>
      )}
      {redacted && (
        <>
          <RedactedAnnotation image={redacted} marks={marks} onChange={setMarks} />
          <div className="actions">
            <button type="button" onClick={() => setRedacted(null)}>
              {t('picture_back_to_hide')}
            </button>
            {removeButton}
          </div>
        </>
      )}
      {capture === null && <div className="actions">{removeButton}</div>}
    </div>
  );
}

function RedactedAnnotation({
  image,
  marks,
  onChange,
}: {
  image: Blob;
  marks: PictureMark[];
  onChange(marks: PictureMark[]): void;
}) {
  const url = useObjectUrl(image);
  return url ? <AnnotationEditor image={url} marks={marks} onChange={onChange} /> : null;
}
