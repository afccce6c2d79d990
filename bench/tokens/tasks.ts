// The tasks of `npm run bench:tokens`: each as a model would do it with direct tool calls (rounds of calls, each round
// a model turn) and as one Code Mode program. Data is generated, deterministic, in a temporary directory.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeMode } from '../../src/engine/create-code-mode.ts';

export interface Call {
  tool: string;
  args: Record<string, unknown>;
}

export interface Task {
  name: string;
  setup?: (files: string) => void;
  /** Brings the servers' state to the task's start (runs before the direct run and before the program). */
  reset?: (codemode: CodeMode) => Promise<void>;
  /** Rounds of calls; each round is one model turn. */
  direct: (files: string) => (() => Promise<Call[]>)[];
  /**
   * The searches the model makes on its first turn (in parallel), with what a model would write given the task. Their
   * results must declare every tool the program calls (bench/tokens/code-mode-flow.ts checks).
   */
  search: string[];
  /**
   * Tools the model describes on a second turn, only when search's one-line signatures lack what the program relies on
   * (an output format, say): each such fact is in `needs`.
   */
  describe?: string[];
  /** Facts the program relies on that must appear in what search and describe showed (`[FILE]` prefixes, say). */
  needs?: string[];
  program: (files: string) => string;
  /** The model's final answer (the same text both ways). */
  answer: string;
}

const CUSTOMERS = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Stark', 'Wayne', 'Tyrell'];
const round = (calls: Call[]) => () => Promise.resolve(calls);
const people = (count: number) =>
  Array.from({ length: count }, (_, i) => ({
    name: `Person ${i}`,
    entityType: i % 3 === 0 ? 'engineer' : i % 3 === 1 ? 'manager' : 'designer',
    observations: [`works at ${CUSTOMERS[i % CUSTOMERS.length]}`, `joined in ${2010 + (i % 14)}`],
  }));
const clearMemory = async (codemode: CodeMode) => {
  await codemode.execute(
    'const { entities } = await memory.read_graph({}); if (entities.length) await memory.delete_entities({ entityNames: entities.map((e) => e.name) });',
  );
};

export const TASKS: Task[] = [
  {
    name: '10,000-row CSV: revenue per customer',
    setup: (files) => {
      const rows = ['order_id,customer,quantity,unit_price'];
      for (let i = 0; i < 10_000; i++)
        rows.push(`${100000 + i},${CUSTOMERS[i % 8]},${(i % 17) + 1},${((i * 37) % 500) / 10 + 1}`);
      writeFileSync(join(files, 'orders.csv'), `${rows.join('\n')}\n`);
    },
    direct: (files) => [
      round([{ tool: 'filesystem.read_text_file', args: { path: join(files, 'orders.csv') } }]),
    ],
    search: ['read a text file'],
    program: (
      files,
    ) => `const { content } = await filesystem.read_text_file({ path: ${JSON.stringify(join(files, 'orders.csv'))} });
const totals: Record<string, number> = {};
for (const line of content.trim().split('\\n').slice(1)) {
  const [, customer, quantity, price] = line.split(',');
  totals[customer] = (totals[customer] ?? 0) + Number(quantity) * Number(price);
}
return Object.entries(totals).sort((a, b) => b[1] - a[1]).map(([customer, total]) => [customer, Math.round(total)]);`,
    answer: 'Revenue per customer, highest first: Acme 151,000; Globex 150,200; … (8 customers).',
  },
  {
    name: 'a tree of 1,000 files: count by extension',
    setup: (files) => {
      for (let i = 0; i < 1000; i++) {
        const directory = join(files, 'tree', `d${i % 10}`, `s${i % 7}`);
        mkdirSync(directory, { recursive: true });
        writeFileSync(join(directory, `file_${i}.${['ts', 'md', 'json', 'png'][i % 4]}`), 'x');
      }
    },
    direct: (files) => [round([{ tool: 'filesystem.directory_tree', args: { path: join(files, 'tree') } }])],
    search: ['directory tree'],
    // The program walks the JSON the tool returns: its shape is only in the full description.
    describe: ['filesystem.directory_tree'],
    needs: ["'type' (file/directory)", "'children'"],
    program: (
      files,
    ) => `const tree = await filesystem.directory_tree({ path: ${JSON.stringify(join(files, 'tree'))} });
const counts: Record<string, number> = {};
const walk = (nodes: any[]) => { for (const node of nodes) {
  if (node.type === 'file') { const ext = node.name.split('.').pop(); counts[ext] = (counts[ext] ?? 0) + 1; }
  else walk(node.children ?? []);
} };
walk(typeof tree.content === 'string' ? JSON.parse(tree.content) : tree);
return counts;`,
    answer: '1,000 files: 250 each of .ts, .md, .json and .png.',
  },
  {
    name: 'knowledge graph: 40 people, relations, then a question',
    reset: clearMemory,
    direct: () => [
      round([{ tool: 'memory.create_entities', args: { entities: people(40) } }]),
      round([
        {
          tool: 'memory.create_relations',
          args: {
            relations: people(40)
              .slice(1)
              .map((p, i) => ({ from: p.name, to: `Person ${i}`, relationType: 'reports to' })),
          },
        },
      ]),
      round([{ tool: 'memory.search_nodes', args: { query: 'Acme' } }]),
    ],
    search: ['create entities and relations, search nodes'],
    program:
      () => `const people = Array.from({ length: 40 }, (_, i) => ({ name: 'Person ' + i, entityType: ['engineer', 'manager', 'designer'][i % 3],
  observations: ['works at ' + ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Stark', 'Wayne', 'Tyrell'][i % 8], 'joined in ' + (2010 + (i % 14))] }));
await memory.create_entities({ entities: people });
await memory.create_relations({ relations: people.slice(1).map((p, i) => ({ from: p.name, to: 'Person ' + i, relationType: 'reports to' })) });
const { entities } = await memory.search_nodes({ query: 'Acme' });
return entities.map((e) => e.name);`,
    answer: 'Five people work at Acme: Person 0, 8, 16, 24 and 32.',
  },
  {
    name: 'knowledge graph of 300 entities: count by type',
    reset: async (codemode) => {
      await clearMemory(codemode);
      await codemode.execute(`await memory.create_entities({ entities: ${JSON.stringify(people(300))} });`);
    },
    direct: () => [round([{ tool: 'memory.read_graph', args: {} }])],
    search: ['read the knowledge graph'],
    program: () => `const { entities } = await memory.read_graph({});
const counts: Record<string, number> = {};
for (const e of entities) counts[e.entityType] = (counts[e.entityType] ?? 0) + 1;
return counts;`,
    answer: '100 engineers, 100 managers, 100 designers.',
  },
  {
    name: 'two servers: 20 notes into the knowledge graph',
    setup: (files) => {
      mkdirSync(join(files, 'notes'));
      for (let i = 0; i < 20; i++) {
        writeFileSync(
          join(files, 'notes', `note_${i}.md`),
          `Meeting ${i}: decided to ship feature ${i}.\n${'Discussion details. '.repeat(40)}\n`,
        );
      }
    },
    reset: clearMemory,
    direct: (files) => [
      round([{ tool: 'filesystem.list_directory', args: { path: join(files, 'notes') } }]),
      round(
        Array.from({ length: 20 }, (_, i) => ({
          tool: 'filesystem.read_text_file',
          args: { path: join(files, 'notes', `note_${i}.md`) },
        })),
      ),
      round([
        {
          tool: 'memory.create_entities',
          args: {
            entities: Array.from({ length: 20 }, (_, i) => ({
              name: `note_${i}`,
              entityType: 'meeting',
              observations: [`Meeting ${i}: decided to ship feature ${i}.`],
            })),
          },
        },
      ]),
    ],
    search: ['list files in a directory', 'read a text file', 'create entities'],
    // The program parses the listing's lines: their `[FILE]` prefix is only in the full description.
    describe: ['filesystem.list_directory'],
    needs: ['[FILE]'],
    program: (files) => `const dir = ${JSON.stringify(join(files, 'notes'))};
const { content } = await filesystem.list_directory({ path: dir });
const names = content.split('\\n').filter((l) => l.startsWith('[FILE]')).map((l) => l.slice(7));
const notes = await Promise.all(names.map((n) => filesystem.read_text_file({ path: dir + '/' + n })));
await memory.create_entities({ entities: names.map((n, i) => ({ name: n.replace('.md', ''), entityType: 'meeting', observations: [notes[i].content.split('\\n')[0]] })) });
return names.length;`,
    answer: 'Stored 20 meetings in the knowledge graph.',
  },
  {
    name: '100 files: which mention a deadline',
    setup: (files) => {
      mkdirSync(join(files, 'docs'));
      for (let i = 0; i < 100; i++) {
        writeFileSync(
          join(files, 'docs', `doc_${i}.txt`),
          `${'Status update and background. '.repeat(30)}${i % 9 === 0 ? 'The deadline is Friday.' : ''}\n`,
        );
      }
    },
    direct: (files) => [
      round([{ tool: 'filesystem.list_directory', args: { path: join(files, 'docs') } }]),
      round(
        Array.from({ length: 100 }, (_, i) => ({
          tool: 'filesystem.read_text_file',
          args: { path: join(files, 'docs', `doc_${i}.txt`) },
        })),
      ),
    ],
    search: ['list files in a directory', 'read a text file'],
    describe: ['filesystem.list_directory'],
    needs: ['[FILE]'],
    program: (files) => `const dir = ${JSON.stringify(join(files, 'docs'))};
const { content } = await filesystem.list_directory({ path: dir });
const names = content.split('\\n').filter((l) => l.startsWith('[FILE]')).map((l) => l.slice(7));
const texts = await Promise.all(names.map((n) => filesystem.read_text_file({ path: dir + '/' + n })));
return names.filter((n, i) => texts[i].content.includes('deadline'));`,
    answer: '12 documents mention the deadline: doc_0, doc_9, doc_18, …',
  },
  {
    name: 'sizes of 200 files: the five largest',
    setup: (files) => {
      mkdirSync(join(files, 'assets'));
      for (let i = 0; i < 200; i++)
        writeFileSync(join(files, 'assets', `asset_${i}.bin`), 'x'.repeat((i * 7919) % 5000));
    },
    direct: (files) => [
      round([
        {
          tool: 'filesystem.list_directory_with_sizes',
          args: { path: join(files, 'assets'), sortBy: 'size' },
        },
      ]),
    ],
    search: ['list files with sizes'],
    describe: ['filesystem.list_directory_with_sizes'],
    needs: ['[FILE]'],
    program: (
      files,
    ) => `const { content } = await filesystem.list_directory_with_sizes({ path: ${JSON.stringify(join(files, 'assets'))}, sortBy: 'size' });
return content.split('\\n').filter((l) => l.startsWith('[FILE]')).slice(0, 5);`,
    answer: 'The five largest are asset_… (4,9xx bytes each).',
  },
  {
    name: 'read 5 files, write a summary file',
    setup: (files) => {
      mkdirSync(join(files, 'reports'));
      for (let i = 0; i < 5; i++)
        writeFileSync(
          join(files, 'reports', `q${i + 1}.txt`),
          `Quarter ${i + 1}: revenue ${100 + i * 10}M.\n${'Commentary. '.repeat(150)}\n`,
        );
    },
    direct: (files) => [
      round(
        Array.from({ length: 5 }, (_, i) => ({
          tool: 'filesystem.read_text_file',
          args: { path: join(files, 'reports', `q${i + 1}.txt`) },
        })),
      ),
      round([
        {
          tool: 'filesystem.write_file',
          args: {
            path: join(files, 'reports', 'summary.txt'),
            content: 'Q1 100M, Q2 110M, Q3 120M, Q4 130M, Q5 140M',
          },
        },
      ]),
    ],
    search: ['read a text file', 'write a file'],
    program: (files) => `const dir = ${JSON.stringify(join(files, 'reports'))};
const texts = await Promise.all([1, 2, 3, 4, 5].map((q) => filesystem.read_text_file({ path: dir + '/q' + q + '.txt' })));
const summary = texts.map((t) => t.content.split('\\n')[0]).join('; ');
await filesystem.write_file({ path: dir + '/summary.txt', content: summary });
return summary;`,
    answer: 'Wrote reports/summary.txt: revenue grew from 100M to 140M over five quarters.',
  },
];
