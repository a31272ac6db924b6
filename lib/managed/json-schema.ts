/**
 * The managed schema in the dialect Chrome and Edge read from the manifest's
 * `storage.managed_schema`: a subset of JSON Schema (draft 3 era) where an unknown attribute
 * can stop the extension from loading, so only the ones that browser documents are kept.
 */
import { z } from 'zod';
import { MANAGED_KEY_NAMES, MANAGED_KEYS } from './schema';

const CHROME_ATTRIBUTES = new Set(['type', 'description', 'properties', 'items', 'enum', 'pattern', 'minimum', 'maximum']);

type JsonSchema = { [attribute: string]: unknown };

function chromeDialect(schema: JsonSchema): JsonSchema {
  const kept: JsonSchema = {};
  for (const [attribute, value] of Object.entries(schema)) {
    if (!CHROME_ATTRIBUTES.has(attribute)) continue;
    if (attribute === 'properties') {
      kept.properties = Object.fromEntries(
        Object.entries(value as Record<string, JsonSchema>).map(([key, property]) => [key, chromeDialect(property)]),
      );
    } else if (attribute === 'items') {
      kept.items = chromeDialect(value as JsonSchema);
    } else {
      kept[attribute] = value;
    }
  }
  return kept;
}

export function managedJsonSchema(): JsonSchema {
  const whole = z.object(Object.fromEntries(MANAGED_KEY_NAMES.map((key) => [key, MANAGED_KEYS[key].schema.optional()])));
  return chromeDialect(z.toJSONSchema(whole) as JsonSchema);
}
