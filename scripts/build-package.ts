// Compiles src/ to dist/, what npm ships (`npm run build` does the same): for the peers bench, which measures
// codemode as users get it, and for the test that runs the build.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** Runs `tsc -p tsconfig.build.json` in the repository; throws with tsc's output when it fails. */
export function buildPackage(): void {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'pipe' });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`the build failed:\n${String(stdout)}${String(stderr)}`.trimEnd(), { cause: error });
  }
}
