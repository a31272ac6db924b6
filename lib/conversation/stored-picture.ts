/**
 * Between the wire (a base64 image inside the sealed payload) and the log (a Blob), both ways:
 * the sender's log, the receiver's apply and the log's export and import keep the same shape.
 */
import { base64ToBlob, blobToBase64 } from '../capture/screenshot';
import type { AnnotatedPicturePayload, ScreenshotPayload } from './payloads';
import type { StoredPicture } from './annotated-picture';

/** `{ picture }` to spread into a stored message, or nothing when the payload carries none. */
export function pictureToStore(payload: { picture?: AnnotatedPicturePayload }): { picture?: StoredPicture } {
  const { picture } = payload;
  if (!picture) return {};
  return { picture: { image: base64ToBlob(picture.screenshot.data, picture.screenshot.type), marks: picture.marks } };
}

export async function pictureToSend(picture: StoredPicture): Promise<AnnotatedPicturePayload> {
  return {
    screenshot: { type: picture.image.type as ScreenshotPayload['type'], data: await blobToBase64(picture.image) },
    marks: picture.marks,
  };
}
