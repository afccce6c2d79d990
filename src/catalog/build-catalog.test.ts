import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CodeModeError } from '../errors.ts';
import { buildCatalog, selectServer } from './build-catalog.ts';
import { methodIdentifier, namespaceIdentifier } from './identifiers.ts';

const tool = (name: string) => ({ name, inputSchema: { type: 'object' } });

test('names become identifiers as DESIGN.md says', () => {
  assert.equal(methodIdentifier('get-sum'), 'get_sum');
  assert.equal(methodIdentifier('list.files v2'), 'list_files_v2');
  assert.equal(methodIdentifier('3d-print'), '_3d_print');
  assert.equal(methodIdentifier('delete'), 'delete_');
  assert.equal(methodIdentifier('__proto__'), '__proto___');
  assert.equal(methodIdentifier(''), '_');
  assert.equal(methodIdentifier('Math'), 'Math', 'a method is not a global');
  assert.equal(namespaceIdentifier('Math'), 'Math_');
  assert.equal(namespaceIdentifier('console'), 'console_');
  assert.equal(namespaceIdentifier('my-server'), 'my_server');
  assert.equal(namespaceIdentifier('class'), 'class_');
});

test('a catalog finds tools by identifiers and lists namespaces for the sandbox', () => {
  const catalog = buildCatalog([
    { server: 'git-hub', tools: [tool('get-issue'), tool('list')] },
    { server: 'memory', tools: [tool('read_graph')] },
  ]);
  assert.equal(catalog.find('git_hub', 'get_issue')?.definition.name, 'get-issue');
  assert.equal(catalog.find('git_hub', 'get-issue'), undefined);
  assert.deepEqual(catalog.namespaces(), { git_hub: ['get_issue', 'list'], memory: ['read_graph'] });
  assert.match(catalog.version, /^[0-9a-f]{16}$/);
});

test('the version changes with any tool definition and only then', () => {
  const a = buildCatalog([{ server: 's', tools: [tool('a')] }]);
  const same = buildCatalog([{ server: 's', tools: [tool('a')] }]);
  const changed = buildCatalog([{ server: 's', tools: [{ ...tool('a'), description: 'new' }] }]);
  assert.equal(a.version, same.version);
  assert.notEqual(a.version, changed.version);
});

test('two tools with one identifier are a collision error naming both', () => {
  assert.throws(
    () => buildCatalog([{ server: 'calc', tools: [tool('get-sum'), tool('get_sum')] }]),
    (error: unknown) =>
      CodeModeError.isInstance(error) &&
      error.code === 'NAME_COLLISION' &&
      error.message.includes('"get-sum"') &&
      error.message.includes('"get_sum"'),
  );
});

test('two servers with one namespace are a collision error naming both', () => {
  assert.throws(
    () =>
      buildCatalog([
        { server: 'my-db', tools: [] },
        { server: 'my_db', tools: [] },
      ]),
    /servers "my-db" and "my_db" both become the namespace "my_db"/,
  );
});

test('selectServer keeps one server and names the known ones for an unknown', () => {
  const catalog = buildCatalog([
    { server: 'a', tools: [tool('x')] },
    { server: 'b-c', tools: [tool('y')] },
  ]);
  assert.deepEqual(selectServer(catalog, 'b-c').namespaces(), { b_c: ['y'] });
  assert.deepEqual(selectServer(catalog, 'b_c').namespaces(), { b_c: ['y'] });
  assert.throws(() => selectServer(catalog, 'zzz'), /no server "zzz" \(servers: a, b-c\)/);
});
