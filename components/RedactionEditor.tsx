import { useEffect, useId, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { t } from '@/lib/i18n/i18n';
import { MAX_EDGE, OUTLINE_COLOR, redactionInSource, type Rect } from '@/lib/capture/screenshot';

interface Props {
  /** The raw capture: an ImageBitmap, or an object/data URL. Shown here only, never sent as is. */
  image: ImageBitmap | string;
  /** Size of the capture in source pixels; every rectangle is in source pixels too. */
  width: number;
  height: number;
  redactions: Rect[];
  onChange(redactions: Rect[]): void;
  /** The element pointed at, framed in the preview as in the picture sent. */
  outline?: Rect;
  /** renderScreenshot's maxEdge, so the preview shows exactly what will be black. */
  maxEdge?: number;
}

type Drag =
  | { kind: 'draw'; pointerId: number; start: Point }
  | { kind: 'move'; pointerId: number; index: number; grab: Point; origin: Rect }
  | { kind: 'resize'; pointerId: number; index: number; origin: Rect };

interface Point {
  x: number;
  y: number;
}

/**
 * The screenshot preview with black boxes over what must not be seen. Boxes are drawn with
 * the mouse (drag on the picture; drag a box to move it, its corner to resize it) or with
 * the keyboard: "Add a black box", then arrow keys move the selected box, Shift + arrows
 * change its size, Delete removes it, Tab goes from box to box. Each box is shown where
 * renderScreenshot will paint it (slightly larger than drawn, on the encoder's grid).
 */
export function RedactionEditor({ image, width, height, redactions, onChange, outline, maxEdge = MAX_EDGE }: Props) {
  const id = useId();
  const stageRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const boxRefs = useRef<Array<HTMLButtonElement | null>>([]);
  const addRef = useRef<HTMLButtonElement>(null);
  const dragRef = useRef<Drag | null>(null);
  const [draft, setDraft] = useState<Rect | null>(null);
  const [history, setHistory] = useState<Rect[][]>([]);
  const [selected, setSelected] = useState<number | null>(null);
  const [focusTarget, setFocusTarget] = useState<number | 'add' | null>(null);
  const [announcement, setAnnouncement] = useState('');

  const longEdge = Math.max(width, height);
  /** One keyboard step: 1 % of the long edge, about one encoder block in the picture sent. */
  const stepSize = Math.max(1, Math.round(longEdge / 100));
  const minSize = stepSize;

  useEffect(() => {
    if (typeof image === 'string') return;
    const canvas = canvasRef.current;
    canvas?.getContext('2d')?.drawImage(image, 0, 0, width, height);
  }, [image, width, height]);

  useEffect(() => {
    if (focusTarget === null) return;
    // The parent may store the new boxes a moment later: wait until the box is there.
    const element = focusTarget === 'add' ? addRef.current : boxRefs.current[focusTarget];
    if (!element || (focusTarget !== 'add' && focusTarget >= redactions.length)) return;
    element.focus();
    setFocusTarget(null);
  }, [focusTarget, redactions]);

  const change = (next: Rect[], remember = true) => {
    if (remember) setHistory((past) => [...past.slice(-49), redactions]);
    onChange(next);
  };

  const clamp = (rect: Rect): Rect => {
    const w = Math.min(width, Math.max(minSize, rect.width));
    const h = Math.min(height, Math.max(minSize, rect.height));
    return {
      x: Math.min(width - w, Math.max(0, rect.x)),
      y: Math.min(height - h, Math.max(0, rect.y)),
      width: w,
      height: h,
    };
  };

  /** Source pixel under a pointer event (the picture fills the stage inside its border). */
  const sourcePoint = (event: PointerEvent): Point => {
    const stage = stageRef.current!;
    const bounds = stage.getBoundingClientRect();
    const left = bounds.left + stage.clientLeft;
    const top = bounds.top + stage.clientTop;
    return {
      x: Math.min(width, Math.max(0, ((event.clientX - left) / stage.clientWidth) * width)),
      y: Math.min(height, Math.max(0, ((event.clientY - top) / stage.clientHeight) * height)),
    };
  };

  const add = () => {
    const box = clamp({ x: width * 0.375, y: height * 0.425, width: width / 4, height: height * 0.15 });
    change([...redactions, box]);
    setAnnouncement(t('redaction_added'));
    setFocusTarget(redactions.length);
  };

  const remove = (index: number) => {
    const next = redactions.filter((_, other) => other !== index);
    change(next);
    setAnnouncement(t('redaction_removed'));
    setSelected(null);
    setFocusTarget(next.length === 0 ? 'add' : Math.min(index, next.length - 1));
  };

  const undo = () => {
    const previous = history[history.length - 1];
    if (!previous) return;
    setHistory((past) => past.slice(0, -1));
    onChange(previous);
    setSelected(null);
  };

  const removeAll = () => {
    if (redactions.length === 0) return;
    change([]);
    setAnnouncement(t('redaction_removed'));
    setSelected(null);
  };

  const onBoxKey = (index: number, event: KeyboardEvent) => {
    const rect = redactions[index];
    if (!rect) return;
    const arrows: Record<string, Point> = {
      ArrowLeft: { x: -1, y: 0 },
      ArrowRight: { x: 1, y: 0 },
      ArrowUp: { x: 0, y: -1 },
      ArrowDown: { x: 0, y: 1 },
    };
    const arrow = arrows[event.key];
    if (arrow) {
      event.preventDefault();
      const dx = arrow.x * stepSize;
      const dy = arrow.y * stepSize;
      const next = event.shiftKey
        ? clamp({ ...rect, width: rect.width + dx, height: rect.height + dy })
        : clamp({ ...rect, x: rect.x + dx, y: rect.y + dy });
      change(redactions.map((other, at) => (at === index ? next : other)));
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      remove(index);
    }
  };

  const onStagePointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0 || dragRef.current) return;
    const target = event.target as HTMLElement;
    const boxIndex = target.closest<HTMLElement>('[data-box]')?.dataset.box;
    const point = sourcePoint(event);
    if (boxIndex !== undefined) {
      const index = Number(boxIndex);
      const origin = redactions[index]!;
      dragRef.current = target.closest('[data-resize]')
        ? { kind: 'resize', pointerId: event.pointerId, index, origin }
        : { kind: 'move', pointerId: event.pointerId, index, grab: point, origin };
      setHistory((past) => [...past.slice(-49), redactions]);
      setSelected(index);
    } else {
      event.preventDefault(); // no image drag, no text selection
      dragRef.current = { kind: 'draw', pointerId: event.pointerId, start: point };
      setSelected(null);
    }
    stageRef.current?.setPointerCapture?.(event.pointerId);
  };

  const onStagePointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const drag = dragRef.current;
    if (!drag || drag.pointerId !== event.pointerId) return;
    const point = sourcePoint(event);
    if (drag.kind === 'draw') {
      setDraft(normalized(drag.start, point));
    } else if (drag.kind === 'move') {
      const next = clamp({ ...drag.origin, x: drag.origin.x + point.x - drag.grab.x, y: drag.origin.y + point.y - drag.grab.y });
      change(
        redactions.map((other, at) => (at === drag.index ? next : other)),
        false,
      );
    } else {
      const next = clamp({ ...drag.origin, width: point.x - drag.origin.x, height: point.y - drag.origin.y });
      change(
        redactions.map((other, at) => (at === drag.index ? next : other)),
        false,
      );
    }
  };

  const onStagePointerUp = (event: PointerEvent<HTMLDivElement>) => {
    const drag = dragRef.current;
    if (!drag || drag.pointerId !== event.pointerId) return;
    dragRef.current = null;
    setDraft(null);
    if (drag.kind !== 'draw') return;
    const rect = normalized(drag.start, sourcePoint(event));
    // A click without a drag adds nothing.
    if (rect.width < minSize / 2 || rect.height < minSize / 2) return;
    change([...redactions, clamp(rect)]);
    setAnnouncement(t('redaction_added'));
    setSelected(redactions.length);
    setFocusTarget(redactions.length);
  };

  const percent = (rect: Rect) => ({
    left: `${(rect.x / width) * 100}%`,
    top: `${(rect.y / height) * 100}%`,
    width: `${(rect.width / width) * 100}%`,
    height: `${(rect.height / height) * 100}%`,
  });
  const shown = (rect: Rect) => redactionInSource(rect, width, height, maxEdge) ?? rect;

  const count = redactions.length;
  return (
    <section className="redaction-editor" aria-label={t('redaction_heading')}>
      <p id={`${id}-help`} className="hint">
        {t('redaction_help')}
      </p>
      {outline && <p className="hint">{t('redaction_outline_hint')}</p>}
      <div
        ref={stageRef}
        onPointerDown={onStagePointerDown}
        onPointerMove={onStagePointerMove}
        onPointerUp={onStagePointerUp}
        onPointerCancel={onStagePointerUp}
        style={{
          position: 'relative',
          width: '100%',
          aspectRatio: `${width} / ${height}`,
          cursor: 'crosshair',
          touchAction: 'none',
          userSelect: 'none',
          border: '1px solid var(--border, #c7c7c7)',
          boxSizing: 'content-box',
          overflow: 'hidden',
        }}
      >
        {typeof image === 'string' ? (
          <img
            src={image}
            alt={t('redaction_preview')}
            draggable={false}
            style={{ position: 'absolute', inset: 0, width: '100%', height: '100%', display: 'block' }}
          />
        ) : (
          <canvas
            ref={canvasRef}
            width={width}
            height={height}
            role="img"
            aria-label={t('redaction_preview')}
            style={{ position: 'absolute', inset: 0, width: '100%', height: '100%', display: 'block' }}
          />
        )}
        {outline && (
          <div
            aria-hidden="true"
            style={{
              position: 'absolute',
              ...percent(outline),
              outline: `4px solid ${OUTLINE_COLOR}`,
              boxShadow: '0 0 0 5px #fff',
              pointerEvents: 'none',
            }}
          />
        )}
        {redactions.map((rect, index) => (
          <button
            // biome-ignore lint/suspicious/noArrayIndexKey: a box is its place in the list: keyboard moves and undo address it by index.
            key={index}
            ref={(element) => {
              boxRefs.current[index] = element;
            }}
            type="button"
            data-box={index}
            aria-label={t('redaction_box', [String(index + 1), String(count)])}
            aria-describedby={`${id}-keys`}
            onKeyDown={(event) => onBoxKey(index, event)}
            onFocus={() => setSelected(index)}
            style={{
              position: 'absolute',
              ...percent(shown(rect)),
              boxSizing: 'border-box',
              minHeight: 0,
              minWidth: 0,
              padding: 0,
              margin: 0,
              border: 'none',
              borderRadius: 0,
              background: '#000',
              color: '#fff',
              font: '600 0.9rem/1 system-ui, sans-serif',
              cursor: 'move',
              boxShadow: selected === index ? 'inset 0 0 0 3px #fff' : 'none',
              outline: selected === index ? '3px solid var(--accent, #1d4ed8)' : undefined,
              outlineOffset: 2,
              overflow: 'hidden',
            }}
          >
            <span aria-hidden="true">{index + 1}</span>
            <span
              data-resize=""
              aria-hidden="true"
              style={{
                position: 'absolute',
                right: 0,
                bottom: 0,
                width: 24,
                height: 24,
                maxWidth: '50%',
                maxHeight: '50%',
                background: '#fff',
                border: '2px solid #000',
                boxSizing: 'border-box',
                cursor: 'nwse-resize',
              }}
            />
          </button>
        ))}
        {draft && (
          <div
            aria-hidden="true"
            style={{ position: 'absolute', ...percent(shown(draft)), background: '#000', pointerEvents: 'none' }}
          />
        )}
      </div>
      <p id={`${id}-keys`} className="hint">
        {t('redaction_keys')}
      </p>
      <div className="actions">
        <button ref={addRef} type="button" onClick={add}>
          {t('redaction_add')}
        </button>
        <button type="button" onClick={undo} disabled={history.length === 0}>
          {t('redaction_undo')}
        </button>
        <button type="button" onClick={removeAll} disabled={count === 0}>
          {t('redaction_remove_all')}
        </button>
      </div>
      <p role="status" className="hint">
        {announcement ? `${announcement} ` : ''}
        {count === 0 ? t('redaction_count_none') : t('redaction_count', String(count))}
      </p>
    </section>
  );
}

function normalized(a: Point, b: Point): Rect {
  return { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(a.x - b.x), height: Math.abs(a.y - b.y) };
}
