import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveAppRequest, serveAppRequest } from '../../electron/main/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/content-security-policy';

let root: string;

beforeAll(async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'casepact-app-'));
  root = path.join(dir, 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>Casepact</title>');
  await writeFile(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(path.join(dir, 'secret.txt'), 'outside');
});

describe('app:// protocol', () => {
  it('serves index.html for the root and for client routes', () => {
    expect(resolveAppRequest('app://casepact/', root)).toEqual({
      kind: 'file',
      filePath: path.join(root, 'index.html'),
    });
    expect(resolveAppRequest('app://casepact/cases/abc', root)).toEqual({
      kind: 'file',
      filePath: path.join(root, 'index.html'),
    });
  });

  it.each(['app://casepact/../secret.txt', 'app://casepact/%2e%2e/secret.txt'])(
    'keeps dot segments of %s inside the build folder',
    (url) => {
      expect(resolveAppRequest(url, root)).toEqual({ kind: 'file', filePath: path.join(root, 'secret.txt') });
    },
  );

  it.each([
    'app://casepact/assets/..%2f..%2fsecret.txt',
    'app://casepact/assets%5c..%5c..%5csecret.txt',
    'app://other-host/index.html',
    'file:///etc/passwd',
    'app://casepact/%E0%A4%A',
  ])('refuses %s', (url) => {
    expect(resolveAppRequest(url, root)).toEqual({ kind: 'refused' });
  });

  it('sends the CSP header and a content type with every file', async () => {
    const response = await serveAppRequest('app://casepact/assets/app.js', root);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('content-type')).toContain('javascript');
    expect(await response.text()).toBe('console.log(1)');
  });

  it('answers 404 with the CSP header for a missing or refused file', async () => {
    for (const url of ['app://casepact/missing.js', 'app://casepact/../secret.txt']) {
      const response = await serveAppRequest(url, root);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    }
  });
});
