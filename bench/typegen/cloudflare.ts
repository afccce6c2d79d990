// Cloudflare's declaration generator (@cloudflare/codemode), as bench:typegen and bench:context call it.
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Cloudflare's `generateTypes`: tool descriptors by name -> the TypeScript it gives the model. */
export type CloudflareGenerator = (
  tools: Record<string, { description?: string; inputSchema: unknown; outputSchema?: unknown }>,
) => string;

/** Cloudflare's generator, from its package's JSON-Schema chunk (the main entry needs the Workers runtime). */
export async function cloudflareGenerator(): Promise<CloudflareGenerator> {
  // package.json is not exported: find the package from one of its exported entries.
  const require = createRequire(import.meta.url);
  const dist = dirname(dirname(require.resolve('@cloudflare/codemode/ai')));
  const chunk = readdirSync(join(dist, 'dist')).find((file) => /^json-schema-types-.*\.js$/.test(file)) ?? '';
  const module = (await import(join(dist, 'dist', chunk))) as Record<string, unknown>;
  const generator = Object.values(module).find(
    (value) => typeof value === 'function' && value.length === 1 && /generateTypes|tools/.test(String(value)),
  );
  return (generator ?? module.r) as CloudflareGenerator;
}
