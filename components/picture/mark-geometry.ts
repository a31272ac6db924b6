/**
 * Where marks go on the picture, in fractions (0..1) of it, as the payload carries them: every
 * function returns a mark that lies inside the picture, so the editor can never make one the
 * receiver would refuse.
 */
import type { PictureMark } from '@/lib/conversation/annotated-picture';

export interface Point {
  x: number;
  y: number;
}

/** One keyboard step: 1 % of the picture. */
export const STEP = 0.01;
/** A box smaller than this is a click, not a drag: it becomes a numbered marker. */
export const MIN_BOX = 0.02;

const clamp01 = (value: number) => Math.min(1, Math.max(0, value));

export function inside(mark: PictureMark): PictureMark {
  const width = mark.shape === 'box' ? Math.min(1, Math.max(MIN_BOX, mark.width)) : 0;
  const height = mark.shape === 'box' ? Math.min(1, Math.max(MIN_BOX, mark.height)) : 0;
  return {
    ...mark,
    width,
    height,
    x: Math.min(1 - width, clamp01(mark.x)),
    y: Math.min(1 - height, clamp01(mark.y)),
  };
}

export function markerAt(point: Point): PictureMark {
  return inside({ shape: 'marker', x: point.x, y: point.y, width: 0, height: 0, caption: '' });
}

/** The box between two corners dragged, or a marker where the drag was too short to be a box. */
export function markFromDrag(start: Point, end: Point): PictureMark {
  const width = Math.abs(end.x - start.x);
  const height = Math.abs(end.y - start.y);
  if (width < MIN_BOX && height < MIN_BOX) return markerAt(start);
  return inside({ shape: 'box', x: Math.min(start.x, end.x), y: Math.min(start.y, end.y), width, height, caption: '' });
}

/** Added from the keyboard: near the middle, each next one a little lower right, so none hides another. */
export function newMark(shape: PictureMark['shape'], count: number): PictureMark {
  const shift = (count % 8) * 0.04;
  return shape === 'box'
    ? inside({ shape, x: 0.3 + shift, y: 0.3 + shift, width: 0.3, height: 0.15, caption: '' })
    : markerAt({ x: 0.4 + shift, y: 0.4 + shift });
}

export function moved(mark: PictureMark, dx: number, dy: number): PictureMark {
  return inside({ ...mark, x: mark.x + dx, y: mark.y + dy });
}

/** A box grows or shrinks from its top left corner; a marker has no size. */
export function resized(mark: PictureMark, dw: number, dh: number): PictureMark {
  if (mark.shape !== 'box') return mark;
  return inside({ ...mark, width: Math.min(1 - mark.x, mark.width + dw), height: Math.min(1 - mark.y, mark.height + dh) });
}

const ARROWS: Record<string, Point> = {
  ArrowLeft: { x: -1, y: 0 },
  ArrowRight: { x: 1, y: 0 },
  ArrowUp: { x: 0, y: -1 },
  ArrowDown: { x: 0, y: 1 },
};

/** What an arrow key does to a mark (Shift: the box's size), or null for any other key. */
export function afterArrow(mark: PictureMark, key: string, shift: boolean): PictureMark | null {
  const arrow = ARROWS[key];
  if (!arrow) return null;
  return shift ? resized(mark, arrow.x * STEP, arrow.y * STEP) : moved(mark, arrow.x * STEP, arrow.y * STEP);
}

/** CSS placement over the picture, in percent, so marks stay on their spot at any size. */
export function placement(mark: PictureMark): { left: string; top: string; width?: string; height?: string } {
  const left = `${mark.x * 100}%`;
  const top = `${mark.y * 100}%`;
  return mark.shape === 'box' ? { left, top, width: `${mark.width * 100}%`, height: `${mark.height * 100}%` } : { left, top };
}
