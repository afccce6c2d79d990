import type { Catalog, CatalogTool } from './types.ts';

/** BM25's usual constants: term-frequency saturation and length normalization. */
const K1 = 1.2;
const B = 0.75;

/**
 * How much a term counts by where it appears. A tool's own name says most about what it does; parameter names say
 * what it takes (`owner`, `repo`, `path`); long descriptions mention many things in passing.
 */
const FIELD_WEIGHTS = { name: 3, title: 2, server: 1, parameters: 1.5, description: 1 } as const;

type Field = keyof typeof FIELD_WEIGHTS;

/**
 * How users say what tool names say: a query word also counts, at {@link SYNONYM_WEIGHT}, as these stems. Kept to
 * verbs and nouns that mean the same across APIs (CRUD verbs, "bug" for issue), not domain knowledge.
 */
const SYNONYMS: Record<string, string[]> = {
  open: ['creat'],
  new: ['creat'],
  make: ['creat'],
  add: ['creat'],
  write: ['creat', 'updat'],
  read: ['get'],
  show: ['get', 'list'],
  view: ['get'],
  fetch: ['get'],
  see: ['get', 'list'],
  what: ['list', 'get'],
  which: ['list'],
  all: ['list'],
  find: ['search'],
  look: ['search'],
  lookup: ['search'],
  query: ['search'],
  chang: ['updat'],
  edit: ['updat'],
  modify: ['updat'],
  set: ['updat'],
  renam: ['titl', 'updat'],
  clos: ['stat', 'updat'],
  reopen: ['stat', 'updat'],
  remov: ['delet'],
  eras: ['delet'],
  bug: ['issu'],
  ticket: ['issu'],
  who: ['me', 'user'],
  am: ['me'],
  logg: ['me', 'authenticat'],
  mine: ['me'],
  repo: ['repository'],
  pr: ['pull', 'request'],
};

const SYNONYM_WEIGHT = 0.4;

/** Each word of a tool's name found in the query adds this; a name found whole adds it once more per word. */
const NAME_WORD_BONUS = 0.6;

/** Words that carry no meaning in a query about tools. */
const STOP_WORDS = new Set(
  (
    'a an and are as at be by can do does for from give how in into is it its my of on or please ' +
    'that the their them then there these this to tool tools use using want when where with you your'
  ).split(' '),
);

/** One ranked match. */
export interface SearchHit {
  tool: CatalogTool;
  score: number;
}

/** A ranked full-text index over one catalog's tools. */
export interface SearchIndex {
  /** The best matches for a natural-language query, best first; ties keep catalog order. */
  search(query: string, options?: { limit?: number; server?: string }): SearchHit[];
}

interface Document {
  tool: CatalogTool;
  /** term -> weighted frequency */
  terms: Map<string, number>;
  length: number;
}

const indexes = new WeakMap<Catalog, SearchIndex>();

/**
 * The search index of a catalog: BM25 over the tool name, title, server, parameter names and description, with
 * identifiers split at case and punctuation boundaries and words reduced to a simple stem. Built once per catalog.
 */
export function searchIndexOf(catalog: Catalog): SearchIndex {
  let index = indexes.get(catalog);
  if (!index) {
    index = buildIndex(catalog);
    indexes.set(catalog, index);
  }
  return index;
}

function buildIndex(catalog: Catalog): SearchIndex {
  const documents = catalog.servers.flatMap((server) => server.tools.map(toDocument));
  const averageLength = documents.reduce((sum, doc) => sum + doc.length, 0) / Math.max(1, documents.length);
  const documentFrequency = new Map<string, number>();
  for (const doc of documents) {
    for (const term of doc.terms.keys()) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  }
  const idf = (term: string) => {
    const frequency = documentFrequency.get(term) ?? 0;
    return Math.log(1 + (documents.length - frequency + 0.5) / (frequency + 0.5));
  };
  return {
    search(query, options = {}) {
      const queryTerms = weightedTerms(query);
      const hits: SearchHit[] = [];
      for (const doc of documents) {
        if (
          options.server !== undefined &&
          doc.tool.server !== options.server &&
          doc.tool.namespace !== options.server
        ) {
          continue;
        }
        let score = 0;
        for (const [term, weight] of queryTerms) {
          const frequency = doc.terms.get(term);
          if (frequency === undefined) continue;
          const norm = K1 * (1 - B + (B * doc.length) / averageLength);
          score += weight * idf(term) * ((frequency * (K1 + 1)) / (frequency + norm));
        }
        if (score > 0) score += nameBonus(query, queryTerms, doc.tool);
        if (score > 0) hits.push({ tool: doc.tool, score });
      }
      hits.sort((a, b) => b.score - a.score);
      return hits.slice(0, options.limit ?? 10);
    },
  };
}

/** The query's stems with their weights: words as typed count 1, their synonyms {@link SYNONYM_WEIGHT}. */
function weightedTerms(query: string): Map<string, number> {
  const terms = new Map<string, number>();
  for (const term of tokenize(query)) {
    terms.set(term, 1);
    for (const synonym of SYNONYMS[term] ?? [])
      terms.set(synonym, Math.max(terms.get(synonym) ?? 0, SYNONYM_WEIGHT));
  }
  return terms;
}

/**
 * The tool's name against the query: a query naming the tool outright (`list_issues`, `memory.read_graph`) finds it
 * first; otherwise the more of the name's words the query has, the better, and more so when it has them all.
 */
function nameBonus(query: string, queryTerms: Map<string, number>, tool: CatalogTool): number {
  const lowered = query.toLowerCase();
  const names = [tool.definition.name, tool.method, `${tool.namespace}.${tool.method}`].map((n) =>
    n.toLowerCase(),
  );
  if (names.some((name) => lowered.split(/[\s,;()]+/).includes(name))) return 10;
  const words = tokenize(tool.definition.name);
  const found = words.filter((word) => queryTerms.has(word)).length;
  const whole = found === words.length ? found : 0;
  return NAME_WORD_BONUS * (found + whole);
}

function toDocument(tool: CatalogTool): Document {
  const { definition } = tool;
  const fields: Record<Field, string> = {
    name: definition.name,
    title: definition.title ?? definition.annotations?.title ?? '',
    server: tool.server,
    parameters: parameterNames(definition.inputSchema).join(' '),
    description: definition.description ?? '',
  };
  const terms = new Map<string, number>();
  let length = 0;
  for (const field of Object.keys(fields) as Field[]) {
    for (const term of tokenize(fields[field])) {
      terms.set(term, (terms.get(term) ?? 0) + FIELD_WEIGHTS[field]);
      length += 1;
    }
  }
  return { tool, terms, length };
}

/** Top-level and nested property names of a schema (two levels: `{ filter: { label } }`). */
function parameterNames(schema: unknown, depth = 0): string[] {
  if (depth > 1 || typeof schema !== 'object' || schema === null) return [];
  const properties = (schema as { properties?: unknown }).properties;
  if (typeof properties !== 'object' || properties === null) return [];
  return Object.entries(properties).flatMap(([name, child]) => [name, ...parameterNames(child, depth + 1)]);
}

/** Words of a text: identifiers split (`listPullRequests`, `list_pull_requests`), lower-cased, stemmed. */
export function tokenize(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 1 && !STOP_WORDS.has(word))
    .map(stem);
}

/** A light English stemmer: enough that "issues", "issue" and "issuing" meet, never so much that words collide. */
function stem(word: string): string {
  if (word.length <= 3) return word;
  let stemmed = word;
  if (stemmed.endsWith('ies') && stemmed.length > 4) stemmed = `${stemmed.slice(0, -3)}y`;
  else if (stemmed.endsWith('sses')) stemmed = stemmed.slice(0, -2);
  else if (stemmed.endsWith('ing') && stemmed.length > 5) stemmed = stemmed.slice(0, -3);
  else if (stemmed.endsWith('ed') && stemmed.length > 4) stemmed = stemmed.slice(0, -2);
  else if (/(ch|sh|x|ss)es$/.test(stemmed)) stemmed = stemmed.slice(0, -2);
  else if (stemmed.endsWith('s') && !stemmed.endsWith('ss') && !stemmed.endsWith('us'))
    stemmed = stemmed.slice(0, -1);
  // "create", "created", "creating" -> "creat".
  return stemmed.length > 4 && stemmed.endsWith('e') ? stemmed.slice(0, -1) : stemmed;
}
