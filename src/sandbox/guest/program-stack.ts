/**
 * Guest code (injected into the isolate with `Function.prototype.toString`; standard built-ins only): keeps a stack's
 * header and the frames of the program itself (`program.js:LINE:COLUMN`), dropping the prelude's and isolated-vm's.
 */
export function programStack(stack: string): string {
  const lines = stack.split('\n');
  const firstFrame = lines.findIndex((line) => /^\s+at /.test(line));
  if (firstFrame === -1) return stack;
  const frames = lines
    .slice(firstFrame)
    .filter((line) => /^\s+at /.test(line) && line.includes('program.js:'));
  return [...lines.slice(0, firstFrame), ...frames].join('\n');
}
