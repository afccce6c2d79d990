import type { CodeModeSettings } from './types.ts';
import { childLocation, configError, describeType } from './config-path.ts';
import type { ConfigLocation } from './config-path.ts';

/** Each setting with the values it accepts. One entry per setting; anything else is an error naming its path. */
const ENUM_SETTINGS = {
  check: ['strict', 'warn', 'off'],
  outputValidation: ['error', 'warn', 'off'],
} as const satisfies Record<keyof CodeModeSettings, readonly string[]>;

/** Reads the optional top-level `"codemode"` object: codemode's own settings, beside `mcpServers`. */
export function readSettings(value: unknown, location: ConfigLocation): CodeModeSettings {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw configError(location, `expected an object, got ${describeType(value)}`);
  }
  const settings: CodeModeSettings = {};
  for (const [key, setting] of Object.entries(value)) {
    const here = childLocation(location, key);
    if (!(key in ENUM_SETTINGS)) {
      throw configError(here, `unknown setting (known: ${Object.keys(ENUM_SETTINGS).join(', ')})`);
    }
    const allowed: readonly string[] = ENUM_SETTINGS[key as keyof typeof ENUM_SETTINGS];
    if (typeof setting !== 'string' || !allowed.includes(setting)) {
      throw configError(
        here,
        `expected ${allowed.map((item) => `"${item}"`).join(', ')}, got ${JSON.stringify(setting)}`,
      );
    }
    Object.assign(settings, { [key]: setting });
  }
  return settings;
}
