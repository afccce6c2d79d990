#!/usr/bin/env node
// Runs the TypeScript sources directly when they are present (a clone of the repository, Node >= 22.18 strips
// types natively) and the compiled build otherwise (the published package).
import { existsSync } from 'node:fs';

const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(`codemode needs Node.js >= 22.12; this is ${process.version}.\n`);
  process.exit(2);
}
const source = new URL('../src/cli/main.ts', import.meta.url);
const entry = existsSync(source) ? source : new URL('../dist/cli/main.js', import.meta.url);
const { main } = await import(entry.href);
await main(process.argv.slice(2));
