import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repo = path.resolve(import.meta.dirname, '..', '..');
const biome = path.join(repo, 'node_modules', '.bin', 'biome');
let workspace: string;

// The project's real biome.json, applied to deliberate violations in a scratch tree laid out like the repo.
beforeAll(async () => {
  workspace = await mkdtemp(path.join(tmpdir(), 'casepact-lint-'));
  const config = JSON.parse(await readFile(path.join(repo, 'biome.json'), 'utf8'));
  delete config.$schema;
  config.vcs = { enabled: false };
  config.files = { includes: ['**'] };
  await writeFile(path.join(workspace, 'biome.json'), JSON.stringify(config));
});

async function lint(relativePath: string, source: string): Promise<{ ok: boolean; output: string }> {
  const file = path.join(workspace, relativePath);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, source);
  try {
    await run(biome, ['lint', relativePath], { cwd: workspace });
    return { ok: true, output: '' };
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    return { ok: false, output: stdout + stderr };
  }
}

describe('layer boundaries (design.md §2)', () => {
  it.each([
    ['shared/a.ts', "import { App } from '../renderer/src/App';\nexport const x = App;\n", 'renderer/'],
    ['shared/b.ts', "import { x } from '../electron/main/index';\nexport const y = x;\n", 'electron/'],
    ['shared/c.ts', "import { app } from 'electron';\nexport const y = app;\n", 'Electron'],
    ['shared/d.ts', "import { readFile } from 'node:fs';\nexport const y = readFile;\n", 'noNodejsModules'],
    [
      'renderer/src/e.ts',
      "import { ipcRenderer } from 'electron';\nexport const y = ipcRenderer;\n",
      'preload bridge',
    ],
    ['renderer/src/f.ts', "import path from 'node:path';\nexport const y = path;\n", 'noNodejsModules'],
  ])('%s with a forbidden import fails lint', async (file, source, expected) => {
    const result = await lint(file, source);
    expect(result.ok).toBe(false);
    expect(result.output).toContain(expected);
  });

  it('allows shared/ to use yjs and renderer/ to use shared/', async () => {
    expect(
      await lint('shared/ok.ts', "import * as Y from 'yjs';\nexport const doc = new Y.Doc();\n"),
    ).toEqual({
      ok: true,
      output: '',
    });
    expect(
      await lint('renderer/src/ok.ts', "import { doc } from '../../shared/ok';\nexport const same = doc;\n"),
    ).toEqual({ ok: true, output: '' });
  });
});
