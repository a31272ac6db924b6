/**
 * The ids a company's policies name the extension by (deploy/, docs/deploy.md).
 *
 * Chrome and Edge derive an extension's id from its public key: the manifest's `key` (the
 * base64 DER of an RSA public key; its private half was not kept, nothing here is signed with
 * it) gives the unpacked build the same id on every computer, whatever its folder. A store or a
 * company's own signed CRX has its own key, hence its own id: regenerate the policy files for it
 * (`npm run deploy:policies -- --chrome-id <id>`). Firefox uses the add-on id of the manifest.
 */
export const CHROME_PUBLIC_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAj134wZTNnlYl3puMs8+szIClttmRrwzytCKjYCmwhVaDHbPhZxWvU663reWG4wJvYLOihagpaHvTZorbGRWX21xklpIijwPvF+egd10M1qIbXaCsK90F8ZN6/co7mtTiHzizOFfTES+yaYKC75dN9xj057gSyOeeBmK4Xsr11vVKE3VEOdCQP4dWyUQSz4/9GazlLD5/NBw0cNeuB8LflQBbQxGF/BI3rx0Rumn9ItqALZLYx2rhzqxlTRUXftHP9IHhw653p2hZclR+StnGMoehvJrIcWNQTiBGYes86Oki1xNj3BDA2MyxIgrQqKSrmD4QKp741HsRFJ/MGxfFNwIDAQAB';

/** sha256 of the key's DER, first 16 bytes, each hex digit 0–f written a–p (tested against the key). */
export const CHROME_EXTENSION_ID = 'jlehmbohpjiemljmdfjnahlofkcdgmie';

export const FIREFOX_ADDON_ID = 'binome@binome.app';
