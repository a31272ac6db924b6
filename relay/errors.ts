import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorCode, ErrorResponse } from '../lib/protocol/protocol.ts';

/**
 * Every error the relay sends has this shape, and a message a person could read in the
 * extension's UI: what happened and what to do, no jargon, no stack trace.
 */
export function errorBody(code: ErrorCode, message: string): ErrorResponse {
  return { error: { code, message } };
}

export function sendError(c: Context, status: ContentfulStatusCode, code: ErrorCode, message: string) {
  return c.json(errorBody(code, message), status);
}

export const MESSAGES = {
  badJson: 'The relay could not read this request: it is not valid JSON.',
  badRequest: 'The relay could not handle this request. Update Binôme, then try again.',
  unauthorized: 'This device is not connected to the relay any more. Open Binôme’s options and connect again.',
  tooLarge: 'This message is too large to send. Remove the screenshot or shorten the text, then try again.',
  notFound: 'There is nothing at this address on the relay.',
  pairNotFound: 'This pair does not exist, or this device is not part of it.',
  idConflict: 'This message id was already used for a different message. Binôme will send it again with a new id.',
  inviteInvalid: 'This invite code does not match any invitation. Check the code with your buddy and type it again.',
  inviteExpired: 'This invite code has expired. Ask your buddy for a new one.',
  inviteUsed: 'This invite code has already been used. Ask your buddy for a new one.',
  nameplateTaken: 'This invite code is already in use. Binôme will make another one.',
  pairExists: 'This pair already exists. Make a new invite code with your buddy.',
  badPairingShare: 'The relay could not handle this pairing request. Update Binôme, then try again.',
  pairingNeedsKey: 'This device has no encryption key on the relay yet. Update Binôme, then try again.',
  pairingClosed: 'This pairing can no longer be confirmed. Make a new invite code with your buddy.',
  inviteOwn: 'This is your own invite code. Give it to your buddy so they can type it on their computer.',
  publicKeyLocked:
    'This device already has a public key, and the relay never replaces it. To use a new key, connect this browser to the relay again as a new device.',
  tooManyOpenInvites: (max: number) =>
    `This device already has ${max} invite codes waiting to be used. Give one of them to your buddy, or wait until one expires, then try again.`,
  extensionNotAllowed:
    'This relay serves only the Binôme extension your organisation installed. Use that one, or ask your IT support which relay to use.',
  internal: 'The relay hit an unexpected error. Try again in a moment.',
  notStored: 'The relay could not store this message just now, so it was not sent. Binôme sends it again by itself in a moment.',
  replyTooLarge: 'This message is too large to send. Shorten it, then try again.',
  pairEnded: 'This pair has ended: nothing more can be sent in it.',
  peerRevoked: 'Your buddy’s device was removed from Binôme: ask your buddy to pair again.',
  programmeEnded:
    'Your programme has ended, so no new question can be sent in this pair. Your log keeps everything you wrote; to carry on, ask your programme’s coordinator, or pair again outside the programme.',
  ratingWithoutProgramme: 'This pair is not part of a programme, so there is nobody to share a rating with. Nothing was sent.',
  importTooLarge:
    'This CSV file is larger than 1 MB, which is far more than a programme’s pairs need. Check that it is the right file (one line per pair: senior name, senior email, junior name, junior email), then try again.',
  importTooManyRows: (max: number) =>
    `This CSV file has more than ${max} lines: a programme takes at most ${max} pairs in one file. Split it into smaller files, then import them one by one.`,
  importHasProblems: (count: number) =>
    `Nothing was imported: the file has ${count === 1 ? '1 problem' : `${count} problems`}. Run the dry run, fix each line it lists, then import again.`,
  programmeNotFound: 'This invite names a programme that does not exist on this relay. Check the programme with its coordinator.',
  programmeOver: 'This programme has ended: no new pair can join it. Check the programme with its coordinator.',
  quotaExceeded:
    'This pair has used all the storage the relay gives a pair, so nothing more can be sent in it. Ask your company’s support to raise the limit.',
} as const;
