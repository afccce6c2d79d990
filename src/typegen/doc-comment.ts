/**
 * A JSDoc block for `text`, one ` * ` line per line of text. Descriptions come from servers: `*\/` inside them would end
 * the comment early and turn the rest into code, so it is broken up; blank leading/trailing lines are dropped.
 */
export function docComment(text: string, indent: string): string[] {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .replace(/\*\//g, '*\\/')
    .split('\n')
    .map((line) => line.trimEnd());
  while (lines.length > 0 && lines[0] === '') lines.shift();
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  if (lines.length === 0) return [];
  if (lines.length === 1) return [`${indent}/** ${lines[0]} */`];
  return [
    `${indent}/**`,
    ...lines.map((line) => (line === '' ? `${indent} *` : `${indent} * ${line}`)),
    `${indent} */`,
  ];
}

/** The first sentence or line of a description, for compact declarations; at most `maxLength` characters. */
export function firstSentence(text: string, maxLength = 160): string {
  const line = text.trim().split(/\n/)[0] ?? '';
  const sentence = /^(.+?[.!?])(\s|$)/.exec(line)?.[1] ?? line;
  return sentence.length > maxLength ? `${sentence.slice(0, maxLength - 1)}…` : sentence;
}
