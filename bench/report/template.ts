// The page template's placeholders: `{{name}}`, filled from the results.

/** Fills `{{name}}` placeholders; an unknown one is an error, so a typo cannot ship as literal braces. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template
    .replace(/\{\{([a-z-]+)\}\}/g, (_, name: string) => {
      const value = values[name];
      if (value === undefined)
        throw new Error(`bench/report: the template has an unknown placeholder {{${name}}}`);
      return value;
    })
    .replace(/\n{3,}/g, '\n\n');
}
