import { useEffect, useId, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { PICTURE_LIMITS, type PictureMark } from '@/lib/conversation/annotated-picture';
import { t, tCount } from '@/lib/i18n/i18n';
import { afterArrow, markFromDrag, newMark, placement, type Point } from './mark-geometry';

interface Props {
  /** The redacted picture as it will be sent (an object URL). */
  image: string;
  marks: PictureMark[];
  onChange(marks: PictureMark[]): void;
}

type Drag =
  | { kind: 'draw'; pointerId: number; start: Point }
  | { kind: 'move'; pointerId: number; index: number; grab: Point; origin: PictureMark };

/**
 * Numbered marks on the helper's picture, each with a caption. With the mouse: a click on the
 * picture puts a number there, a drag frames a box, a drag on a mark moves it. With the
 * keyboard: "Add a number" or "Add a box", then the arrow keys move the focused mark, Shift
 * with the arrows sizes a box, Delete removes it; each caption field follows in the list below.
 */
export function AnnotationEditor({ image, marks, onChange }: Props) {
  const id = useId();
  const stageRef = useRef<HTMLDivElement>(null);
  const markRefs = useRef<Array<HTMLButtonElement | null>>([]);
  const addRef = useRef<HTMLButtonElement>(null);
  const dragRef = useRef<Drag | null>(null);
  const [draft, setDraft] = useState<PictureMark | null>(null);
  const [focusTarget, setFocusTarget] = useState<number | 'add' | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const full = marks.length >= PICTURE_LIMITS.marks;

  useEffect(() => {
    if (focusTarget === null) return;
    // The parent stores the new marks a moment later: wait until the mark is there.
    const element = focusTarget === 'add' ? addRef.current : markRefs.current[focusTarget];
    if (!element || (focusTarget !== 'add' && focusTarget >= marks.length)) return;
    element.focus();
    setFocusTarget(null);
  }, [focusTarget, marks]);

  const add = (mark: PictureMark) => {
    if (full) return;
    onChange([...marks, mark]);
    setAnnouncement(t('picture_mark_added', String(marks.length + 1)));
    setFocusTarget(marks.length);
  };
  const replace = (index: number, mark: PictureMark) => onChange(marks.map((other, at) => (at === index ? mark : other)));
  const remove = (index: number) => {
    const next = marks.filter((_, other) => other !== index);
    onChange(next);
    setAnnouncement(t('picture_mark_removed', String(index + 1)));
    setFocusTarget(next.length === 0 ? 'add' : Math.min(index, next.length - 1));
  };

  const onMarkKey = (index: number, event: KeyboardEvent) => {
    const mark = marks[index];
    if (!mark) return;
    const next = afterArrow(mark, event.key, event.shiftKey);
    if (next) {
      event.preventDefault();
      replace(index, next);
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      remove(index);
    }
  };

  /** Where a pointer is, in fractions of the picture. */
  const pointOf = (event: PointerEvent): Point => {
    const stage = stageRef.current!;
    const bounds = stage.getBoundingClientRect();
    return {
      x: Math.min(1, Math.max(0, (event.clientX - bounds.left - stage.clientLeft) / stage.clientWidth)),
      y: Math.min(1, Math.max(0, (event.clientY - bounds.top - stage.clientTop) / stage.clientHeight)),
    };
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0 || dragRef.current) return;
    const point = pointOf(event);
    const markIndex = (event.target as HTMLElement).closest<HTMLElement>('[data-mark-index]')?.dataset.markIndex;
    if (markIndex !== undefined) {
      const index = Number(markIndex);
      dragRef.current = { kind: 'move', pointerId: event.pointerId, index, grab: point, origin: marks[index]! };
    } else {
      if (full) return;
      event.preventDefault(); // no image drag, no text selection
      dragRef.current = { kind: 'draw', pointerId: event.pointerId, start: point };
    }
    stageRef.current?.setPointerCapture?.(event.pointerId);
  };

  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const drag = dragRef.current;
    if (!drag || drag.pointerId !== event.pointerId) return;
    const point = pointOf(event);
    if (drag.kind === 'draw') {
      const shape = markFromDrag(drag.start, point);
      setDraft(shape.shape === 'box' ? shape : null);
    } else {
      const { origin } = drag;
      const x = Math.min(1 - origin.width, Math.max(0, origin.x + point.x - drag.grab.x));
      const y = Math.min(1 - origin.height, Math.max(0, origin.y + point.y - drag.grab.y));
      replace(drag.index, { ...origin, x, y });
    }
  };

  const onPointerUp = (event: PointerEvent<HTMLDivElement>) => {
    const drag = dragRef.current;
    if (!drag || drag.pointerId !== event.pointerId) return;
    dragRef.current = null;
    setDraft(null);
    if (drag.kind === 'draw') add(markFromDrag(drag.start, pointOf(event)));
  };

  const count = marks.length;
  const markLabel = (mark: PictureMark, index: number) =>
    t(mark.shape === 'box' ? 'picture_box_label' : 'picture_marker_label', [String(index + 1), String(count)]);
  return (
    <section className="annotation-editor" aria-labelledby={`${id}-title`}>
      <p id={`${id}-title`} className="picture-step">
        {t('picture_step_mark')}
      </p>
      <p className="hint">{t('picture_mark_help')}</p>
      <div
        ref={stageRef}
        className="picture-stage editing"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
      >
        <img src={image} alt={t('picture_preview')} draggable={false} />
        <div className="picture-marks">
          {marks.map((mark, index) => (
            <button
              // biome-ignore lint/suspicious/noArrayIndexKey: a mark is its number: keys, captions and the list address it by place.
              key={index}
              ref={(element) => {
                markRefs.current[index] = element;
              }}
              type="button"
              className={`picture-mark picture-${mark.shape}`}
              style={placement(mark)}
              data-mark-index={index}
              aria-label={markLabel(mark, index)}
              aria-describedby={`${id}-keys`}
              onKeyDown={(event) => onMarkKey(index, event)}
            >
              <span className="picture-number" aria-hidden="true">
                {index + 1}
              </span>
            </button>
          ))}
          {draft && <span className="picture-mark picture-box draft" style={placement(draft)} aria-hidden="true" />}
        </div>
      </div>
      <p id={`${id}-keys`} className="hint">
        {t('picture_mark_keys')}
      </p>
      <div className="actions">
        <button ref={addRef} type="button" onClick={() => add(newMark('marker', count))} disabled={full}>
          {t('picture_add_marker')}
        </button>
        <button type="button" onClick={() => add(newMark('box', count))} disabled={full}>
          {t('picture_add_box')}
        </button>
      </div>
      {full && <p className="hint">{t('picture_marks_full', String(PICTURE_LIMITS.marks))}</p>}
      <p role="status" className="hint">
        {announcement ? `${announcement} ` : ''}
        {count === 0 ? t('picture_marks_none') : tCount('picture_marks_count', count)}
      </p>
      {count > 0 && (
        <ol className="mark-captions">
          {marks.map((mark, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a mark is its number.
            <li key={index}>
              <label htmlFor={`${id}-caption-${index}`}>{t('picture_caption_label', String(index + 1))}</label>
              <input
                id={`${id}-caption-${index}`}
                type="text"
                value={mark.caption}
                maxLength={PICTURE_LIMITS.caption}
                onChange={(event) => replace(index, { ...mark, caption: event.target.value })}
                // Enter in a caption would otherwise send the whole answer (the form's implicit submission).
                onKeyDown={(event) => event.key === 'Enter' && event.preventDefault()}
              />
              <button type="button" onClick={() => remove(index)}>
                {t('picture_delete_mark', String(index + 1))}
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
