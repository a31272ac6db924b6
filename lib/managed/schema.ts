/**
 * What a company's IT may preset through the browser's policies (issue 14), declared once: the
 * extension's check of each key (zod), the `managed_schema` Chrome and Edge validate against
 * (public/managed_schema.json, generated from this), and the policy files of deploy/.
 * Firefox gives the same keys through `3rdparty.Extensions.<id>` in policies.json.
 */
import { z } from 'zod';
import { LANGUAGE_CHOICES } from '../i18n/language';

/**
 * A hostname as a company names its own tools: letters, digits, hyphens, at least one dot. No
 * wildcard ("*.acme.com" is written "acme.com", which already covers its subdomains), no scheme,
 * port or path; a dot is required because a single label ("com") would cover a whole domain.
 * Without lookaheads: Chrome checks `pattern` with RE2.
 */
export const HOSTNAME_PATTERN = '^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$';
const hostname = z
  .string()
  .max(253)
  .regex(new RegExp(HOSTNAME_PATTERN))
  .meta({ description: 'A hostname without wildcard, scheme or path; its subdomains are included.' });

const webAddress = z
  .string()
  .max(2048)
  .regex(/^https?:\/\/\S+$/);

export const extraToolSchema = z
  .object({
    host: hostname,
    name: z.string().trim().min(1).max(80).meta({ description: 'The name people know the tool by.' }),
  })
  .strict();
export type ExtraTool = z.infer<typeof extraToolSchema>;

/** One entry per key: its check, what IT reads about it, and the value the sample policy files show. */
export const MANAGED_KEYS = {
  relayUrl: {
    schema: webAddress.meta({ description: "The company's relay address, e.g. https://binome.acme.com." }),
    example: 'https://binome.acme.com',
  },
  relayUrlLocked: {
    schema: z.boolean().meta({ description: 'When true, people cannot change the relay address.' }),
    example: true,
  },
  requireHttps: {
    schema: z.boolean().meta({ description: 'When true, only an https:// relay address is accepted.' }),
    example: true,
  },
  programmeName: {
    schema: z.string().trim().min(1).max(80).meta({ description: 'The mentoring programme, as the settings name it.' }),
    example: 'Acme reverse mentoring',
  },
  programmeHelpUrl: {
    schema: z
      .string()
      .max(2048)
      .regex(/^https:\/\/\S+$/)
      .meta({ description: "The programme's help page (https), linked from the settings." }),
    example: 'https://intranet.acme.com/binome',
  },
  screenshotsAllowed: {
    schema: z.boolean().meta({ description: 'When false, no screenshot is ever taken or sent.' }),
    example: true,
  },
  neverOfferOn: {
    schema: z.array(hostname).max(500).meta({ description: 'Sites (and their subdomains) where Binôme is never offered.' }),
    example: ['payroll.acme.com', 'hr.acme.com'],
  },
  extraTools: {
    schema: z
      .array(extraToolSchema)
      .max(500)
      .meta({ description: "The company's own tools, recognised by hostname like Excel Online or LinkedIn." }),
    example: [{ host: 'crm.acme.internal', name: 'Acme CRM' }],
  },
  defaultLanguage: {
    schema: z.enum(LANGUAGE_CHOICES).meta({ description: 'The language until a person chooses one: browser, en or fr.' }),
    example: 'fr',
  },
  skipWelcome: {
    schema: z.boolean().meta({ description: 'When true, the welcome page does not open on install.' }),
    example: true,
  },
} as const;

export type ManagedKey = keyof typeof MANAGED_KEYS;
export const MANAGED_KEY_NAMES = Object.keys(MANAGED_KEYS) as ManagedKey[];

/** What a valid policy holds: every key optional, none set meaning no company policy. */
export type ManagedPolicy = { -readonly [K in ManagedKey]?: z.infer<(typeof MANAGED_KEYS)[K]['schema']> };

/** Every key with its example value: what the sample policy files of deploy/ preset. */
export const EXAMPLE_POLICY = Object.fromEntries(
  MANAGED_KEY_NAMES.map((key) => [key, MANAGED_KEYS[key].example]),
) as unknown as Required<ManagedPolicy>;
