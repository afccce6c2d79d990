/** Programs of the kind a model writes, 30 lines each, for `bench/check.ts`. Both type-check without errors. */

/** Against GitHub's MCP server (the 117-tool ../shared fixture): stale issues, top labels, a comment on each. */
export const GITHUB_PROGRAM = `
const [owner, repo] = ['acme', 'api'];
const issues = await github.list_issues({ owner, repo, state: 'OPEN', perPage: 100 });
const pulls = await github.list_pull_requests({ owner, repo, state: 'open' });
const stale: { number: number; title: string }[] = [];
for (const issue of issues.issues ?? []) {
  const updated = Date.parse(issue.updated_at);
  if (Date.now() - updated > 30 * 24 * 3600 * 1000) {
    stale.push({ number: issue.number, title: issue.title });
  }
}
const labels = new Map<string, number>();
for (const issue of issues.issues ?? []) {
  for (const label of issue.labels ?? []) {
    const name = typeof label === 'string' ? label : label.name;
    labels.set(name, (labels.get(name) ?? 0) + 1);
  }
}
const top = [...labels.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5);
await Promise.all(
  stale.slice(0, 3).map((issue) =>
    github.add_issue_comment({ owner, repo, issue_number: issue.number, body: 'Is this still relevant?' }),
  ),
);
const summary = {
  open: (issues.issues ?? []).length,
  pulls: Array.isArray(pulls) ? pulls.length : 0,
  stale: stale.length,
  top,
};
return summary;`;

/** Against Notion's MCP server (24 tools, from the npm package): find pages, read their blocks, comment on the long ones. */
export const NOTION_PROGRAM = `
const found = await notion.API_post_search({ query: 'roadmap', filter: { value: 'page', property: 'object' } });
const pages: { id: string; title: string }[] = (found.results ?? []).map((result: any) => ({
  id: result.id,
  title: result.properties?.title?.title?.[0]?.plain_text ?? '(untitled)',
}));
const lengths = new Map<string, number>();
for (const page of pages.slice(0, 5)) {
  const blocks = await notion.API_get_block_children({ block_id: page.id, page_size: 100 });
  let words = 0;
  for (const block of blocks.results ?? []) {
    const text = block.paragraph?.rich_text?.map((part: { plain_text: string }) => part.plain_text).join('') ?? '';
    words += text.split(/\\s+/).filter(Boolean).length;
  }
  lengths.set(page.id, words);
}
const long = pages.filter((page) => (lengths.get(page.id) ?? 0) > 500);
await Promise.all(
  long.map((page) =>
    notion.API_create_a_comment({
      parent: { page_id: page.id },
      rich_text: [{ text: { content: 'This page is long: consider splitting it.' } }],
    }),
  ),
);
const summary = {
  pages: pages.length,
  long: long.map((page) => page.title),
  words: Object.fromEntries(lengths),
};
return summary;`;
