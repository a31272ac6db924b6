/**
 * Turns a visible-tab capture into the picture that may leave the device: scaled down,
 * black boxes painted over what the person chose to hide, the element they pointed at
 * outlined, encoded small. Browser-only (an extension page or a worker): no DOM needed
 * when OffscreenCanvas exists.
 *
 * Rule: only `renderScreenshot`'s output is ever attached to a payload, never the raw
 * capture. Its type, `RenderedScreenshot`, lets payload code refuse any other Blob.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type ScreenshotType = 'image/jpeg' | 'image/webp';

export const MAX_EDGE = 1600;
export const DEFAULT_QUALITY = 0.8;
/** Width of the outline around the element pointed at, in output pixels. */
export const OUTLINE_WIDTH = 4;
export const OUTLINE_COLOR = '#e4007c';
/** Thin light edges on both sides of the outline, so it shows on dark and light pages alike. */
export const OUTLINE_HALO = '#ffffff';
/**
 * Black boxes grow by at least this many output pixels on each side, then out to the
 * 16-pixel grid of the encoders' blocks (JPEG MCUs with 4:2:0 chroma, WebP macroblocks):
 * a block that is all black decodes all black, while a block that mixes black and a
 * colour rings by 20–30 levels at JPEG quality 0.8 (measured). Privacy does not depend on
 * this — what is under a box is painted over before encoding — but the box must look black
 * right up to its edges. Cost: a box is 2 to 17 output pixels wider on each side.
 */
export const REDACTION_MARGIN = 2;
export const REDACTION_GRID = 16;

declare const rendered: unique symbol;
/** A Blob that came out of renderScreenshot: scaled, redacted, re-encoded. */
export type RenderedScreenshot = Blob & { readonly [rendered]: true };

export type ImageSource = ImageBitmap | HTMLCanvasElement | OffscreenCanvas | HTMLImageElement;

export interface RenderOptions {
  source: ImageSource;
  /** Rectangles to black out, in source pixels. */
  redactions: Rect[];
  /** The element pointed at, in source pixels. */
  outline?: Rect;
  /** Longest edge of the output, in pixels. */
  maxEdge?: number;
  type?: ScreenshotType;
  /** 0..1, for the lossy encoders. */
  quality?: number;
}

/** Decodes a data: URL (what captureVisibleTab gives), an object URL, or a Blob. */
export async function loadImage(source: string | Blob): Promise<ImageBitmap> {
  const blob = typeof source === 'string' ? await (await fetch(source)).blob() : source;
  return createImageBitmap(blob);
}

/** Size of the output for a source of `width` × `height`: long edge at most `maxEdge`. */
export function outputSize(width: number, height: number, maxEdge = MAX_EDGE): { width: number; height: number; scale: number } {
  const scale = Math.min(1, maxEdge / Math.max(width, height));
  return {
    width: Math.max(1, Math.min(maxEdge, Math.round(width * scale))),
    height: Math.max(1, Math.min(maxEdge, Math.round(height * scale))),
    scale,
  };
}

/**
 * The output pixels a black box paints for `rect` (source pixels) on a source of
 * `sourceWidth` × `sourceHeight`: edges rounded outward, grown by REDACTION_MARGIN, out to
 * the REDACTION_GRID, clipped to the picture. Null when nothing of it is inside.
 */
export function redactionBox(rect: Rect, sourceWidth: number, sourceHeight: number, maxEdge = MAX_EDGE): Rect | null {
  const size = outputSize(sourceWidth, sourceHeight, maxEdge);
  const scaleX = size.width / sourceWidth;
  const scaleY = size.height / sourceHeight;
  const { left, top, right, bottom } = normalize(rect);
  if (!(right > left && bottom > top)) return null;
  const grid = REDACTION_GRID;
  const x0 = Math.max(0, Math.floor((Math.floor(left * scaleX) - REDACTION_MARGIN) / grid) * grid);
  const y0 = Math.max(0, Math.floor((Math.floor(top * scaleY) - REDACTION_MARGIN) / grid) * grid);
  const x1 = Math.min(size.width, Math.ceil((Math.ceil(right * scaleX) + REDACTION_MARGIN) / grid) * grid);
  const y1 = Math.min(size.height, Math.ceil((Math.ceil(bottom * scaleY) + REDACTION_MARGIN) / grid) * grid);
  if (!(x1 > x0 && y1 > y0)) return null;
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** What a black box will cover in the picture sent, in source pixels: for a faithful preview. */
export function redactionInSource(rect: Rect, sourceWidth: number, sourceHeight: number, maxEdge = MAX_EDGE): Rect | null {
  const box = redactionBox(rect, sourceWidth, sourceHeight, maxEdge);
  if (!box) return null;
  const size = outputSize(sourceWidth, sourceHeight, maxEdge);
  const scaleX = sourceWidth / size.width;
  const scaleY = sourceHeight / size.height;
  return { x: box.x * scaleX, y: box.y * scaleY, width: box.width * scaleX, height: box.height * scaleY };
}

export async function renderScreenshot({
  source,
  redactions,
  outline,
  maxEdge = MAX_EDGE,
  type = 'image/jpeg',
  quality = DEFAULT_QUALITY,
}: RenderOptions): Promise<RenderedScreenshot> {
  const { width: sourceWidth, height: sourceHeight } = sizeOf(source);
  if (!(sourceWidth > 0 && sourceHeight > 0)) throw new Error('The screenshot is empty.');
  const size = outputSize(sourceWidth, sourceHeight, maxEdge);
  const scaleX = size.width / sourceWidth;
  const scaleY = size.height / sourceHeight;

  const canvas = createCanvas(size.width, size.height);
  const context = canvas.getContext('2d', { alpha: false }) as
    | CanvasRenderingContext2D
    | OffscreenCanvasRenderingContext2D
    | null;
  if (!context) throw new Error('No 2D canvas here.');
  context.imageSmoothingEnabled = true;
  context.imageSmoothingQuality = 'high';
  context.drawImage(source, 0, 0, size.width, size.height);

  if (outline) drawOutline(context, outline, scaleX, scaleY, size);

  // Last, so nothing is ever drawn over a black box.
  context.fillStyle = '#000';
  for (const redaction of redactions) {
    const box = redactionBox(redaction, sourceWidth, sourceHeight, maxEdge);
    if (box) context.fillRect(box.x, box.y, box.width, box.height);
  }

  let blob = await encode(canvas, type, quality);
  // A browser that cannot write WebP gives PNG: far too big, so fall back to JPEG.
  if (blob.type !== type && type !== 'image/jpeg') blob = await encode(canvas, 'image/jpeg', quality);
  return blob as RenderedScreenshot;
}

function drawOutline(
  context: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D,
  rect: Rect,
  scaleX: number,
  scaleY: number,
  size: { width: number; height: number },
): void {
  const { left, top, right, bottom } = normalize(rect);
  // Around the element, not over it: the band starts just outside its border box.
  const x0 = Math.round(left * scaleX) - OUTLINE_WIDTH / 2 - 1;
  const y0 = Math.round(top * scaleY) - OUTLINE_WIDTH / 2 - 1;
  const x1 = Math.round(right * scaleX) + OUTLINE_WIDTH / 2 + 1;
  const y1 = Math.round(bottom * scaleY) + OUTLINE_WIDTH / 2 + 1;
  // Keep the band inside the picture when the element touches its edges.
  const inset = OUTLINE_WIDTH / 2 + 1;
  const clampX = (value: number) => Math.min(Math.max(value, inset), size.width - inset);
  const clampY = (value: number) => Math.min(Math.max(value, inset), size.height - inset);
  const [ax, ay, bx, by] = [clampX(x0), clampY(y0), clampX(x1), clampY(y1)];
  if (!(bx > ax && by > ay)) return;
  context.lineJoin = 'miter';
  context.strokeStyle = OUTLINE_HALO;
  context.lineWidth = OUTLINE_WIDTH + 2;
  context.strokeRect(ax, ay, bx - ax, by - ay);
  context.strokeStyle = OUTLINE_COLOR;
  context.lineWidth = OUTLINE_WIDTH;
  context.strokeRect(ax, ay, bx - ax, by - ay);
}

/**
 * Where an element described in CSS pixels of the viewport is in a visible-tab capture of
 * `imageWidth` × `imageHeight` pixels. Capture and pick must come from the same scroll position.
 */
export function viewportRectToImage(
  rect: Rect,
  viewport: { width: number; height: number } | undefined,
  devicePixelRatio: number,
  image: { width: number; height: number },
): Rect {
  const scaleX = viewport ? image.width / viewport.width : devicePixelRatio;
  const scaleY = viewport ? image.height / viewport.height : devicePixelRatio;
  return { x: rect.x * scaleX, y: rect.y * scaleY, width: rect.width * scaleX, height: rect.height * scaleY };
}

/** Base64 of a Blob's bytes (no `data:` prefix), for a JSON payload. */
export async function blobToBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  const chunk = 0x8000;
  for (let index = 0; index < bytes.length; index += chunk) {
    binary += String.fromCharCode(...bytes.subarray(index, index + chunk));
  }
  return btoa(binary);
}

/** The Blob back from base64; throws on text that is not base64. */
export function base64ToBlob(base64: string, type: string): Blob {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return new Blob([bytes], { type });
}

function normalize(rect: Rect): { left: number; top: number; right: number; bottom: number } {
  const left = Math.min(rect.x, rect.x + rect.width);
  const top = Math.min(rect.y, rect.y + rect.height);
  return { left, top, right: left + Math.abs(rect.width), bottom: top + Math.abs(rect.height) };
}

function sizeOf(source: ImageSource): { width: number; height: number } {
  if ('naturalWidth' in source) return { width: source.naturalWidth, height: source.naturalHeight };
  return { width: source.width, height: source.height };
}

function createCanvas(width: number, height: number): OffscreenCanvas | HTMLCanvasElement {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(width, height);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return canvas;
}

function encode(canvas: OffscreenCanvas | HTMLCanvasElement, type: string, quality: number): Promise<Blob> {
  if ('convertToBlob' in canvas) return canvas.convertToBlob({ type, quality });
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The screenshot could not be encoded.'))), type, quality),
  );
}
