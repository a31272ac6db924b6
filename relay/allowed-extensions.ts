/**
 * ALLOWED_EXTENSION_IDS: which extensions a company's relay serves. Chrome and Edge give each
 * extension one origin everywhere, `chrome-extension://<id>`, so the id is read from the origin.
 * Firefox does not: a `moz-extension://` origin is a random UUID drawn at each install, so it
 * names no add-on. For Firefox the id is the add-on's own (`browser.runtime.id`, from the
 * manifest's gecko id), which the extension sends when it registers.
 *
 * This keeps other extensions of honest browsers away from the relay; it is not authentication
 * (any program can send any Origin): device tokens are what protect data.
 */
const CHROME_ORIGIN = /^chrome-extension:\/\/([a-p]{32})$/;
const EXTENSION_ORIGINS = ['chrome-extension://', 'moz-extension://', 'safari-web-extension://'];

export type AllowedExtensions = ReadonlySet<string> | null;

/** "id1, id2" → a set; empty or unset → null (every extension admitted). */
export function parseAllowedExtensionIds(value: string | undefined): AllowedExtensions {
  const ids = (value ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  for (const id of ids) {
    if (/[\s/]/.test(id)) throw new Error(`ALLOWED_EXTENSION_IDS takes extension ids separated by commas, got “${id}”`);
  }
  return ids.length ? new Set(ids) : null;
}

export const isExtensionOrigin = (origin: string) => EXTENSION_ORIGINS.some((prefix) => origin.startsWith(prefix));

/**
 * Whether a response may be shared with this origin. With a list: a Chrome origin only when its
 * id is listed; a Firefox origin always (it cannot be told apart; registration checks the id).
 */
export function corsAdmits(origin: string, allowed: AllowedExtensions): boolean {
  if (!isExtensionOrigin(origin)) return false;
  if (!allowed) return true;
  const chrome = CHROME_ORIGIN.exec(origin);
  if (chrome) return allowed.has(chrome[1]!);
  return origin.startsWith('moz-extension://');
}

/**
 * Whether a device may register from this origin, with the id the extension says it has. With a
 * list: a Chrome origin's id, or else the Firefox add-on id sent with the registration, must be
 * listed; a request from no extension at all (no Origin) is refused.
 */
export function registrationAdmits(origin: string | undefined, extensionId: string | undefined, allowed: AllowedExtensions) {
  if (!allowed) return true;
  const chrome = CHROME_ORIGIN.exec(origin ?? '');
  if (chrome) return allowed.has(chrome[1]!);
  if (origin?.startsWith('moz-extension://')) return extensionId !== undefined && allowed.has(extensionId);
  return false;
}
