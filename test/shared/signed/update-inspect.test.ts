import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { inspectUpdate } from '../../../shared/signed/update-inspect';

/** A writer doc whose updates are inspected against a reader doc that has applied everything before. */
function pair() {
  const reader = new Y.Doc({ gc: false });
  const writer = new Y.Doc({ gc: false });
  writer.clientID = 1001;
  const sync = () => Y.applyUpdate(reader, Y.encodeStateAsUpdate(writer));
  const capture = (fn: () => void): Uint8Array => {
    const before = Y.encodeStateVector(writer);
    writer.transact(fn);
    return Y.encodeStateAsUpdate(writer, before);
  };
  return { reader, writer, sync, capture };
}

describe('inspectUpdate', () => {
  it('reports entity creation with its fields, and later field writes by path', () => {
    const { reader, writer, sync, capture } = pair();
    const create = capture(() => {
      const action = new Y.Map<unknown>();
      writer.getMap('actions').set('a1', action);
      action.set('title', 'Replace the boot chip');
      action.set('party', 'p-provider');
    });
    const first = inspectUpdate(reader, create, new Set([1001]));
    expect(first.kind).toBe('inspected');
    if (first.kind !== 'inspected') return;
    const top = first.writes.filter((w) => !w.covered);
    expect(top.map((w) => [w.op, w.path.join('/')])).toEqual([['create', 'actions/a1']]);
    expect(top[0]?.fields.get('party')).toBe('p-provider');
    expect(first.writes.filter((w) => w.covered).map((w) => w.path.join('/'))).toContain('actions/a1/title');
    sync();
    const edit = capture(() => (writer.getMap('actions').get('a1') as Y.Map<unknown>).set('status', 'done'));
    const second = inspectUpdate(reader, edit, new Set([1001]));
    expect(
      second.kind === 'inspected' && second.writes.map((w) => [w.op, w.path.join('/'), w.values]),
    ).toEqual([['set', 'actions/a1/status', ['done']]]);
  });

  it('treats an overwrite of a map key as a set, a bare delete as a violation', () => {
    const { reader, writer, sync, capture } = pair();
    capture(() => writer.getMap('case').set('status', 'open'));
    sync();
    const overwrite = capture(() => writer.getMap('case').set('status', 'closed'));
    const a = inspectUpdate(reader, overwrite, new Set([1001]));
    expect(a.kind === 'inspected' && a.violations).toEqual([]);
    expect(a.kind === 'inspected' && a.writes.map((w) => w.path.join('/'))).toEqual(['case/status']);
    sync();
    const removal = capture(() => writer.getMap('case').delete('status'));
    const b = inspectUpdate(reader, removal, new Set([1001]));
    expect(b.kind === 'inspected' && b.violations).toEqual([{ code: 'delete', path: ['case', 'status'] }]);
  });

  it('sees appends, text edits, array deletes and inserts in the middle of an array', () => {
    const { reader, writer, sync, capture } = pair();
    const push = capture(() => writer.getArray('messages').push([{ text: 'hi' }, { text: 'there' }]));
    const a = inspectUpdate(reader, push, new Set([1001]));
    expect(a.kind === 'inspected' && a.writes.map((w) => [w.op, w.values.length])).toEqual([['append', 2]]);
    sync();
    const middle = capture(() => writer.getArray('messages').insert(1, [{ text: 'sneaky' }]));
    const b = inspectUpdate(reader, middle, new Set([1001]));
    expect(b.kind === 'inspected' && b.violations.map((v) => v.code)).toEqual(['insert-inside-array']);
    const { reader: r2, writer: w2, sync: s2, capture: c2 } = pair();
    c2(() => w2.getArray('messages').push([{ text: 'a' }]));
    c2(() => w2.getText('summary').insert(0, 'hello'));
    s2();
    const typing = c2(() => {
      w2.getText('summary').delete(0, 2);
      w2.getText('summary').insert(0, 'J');
    });
    const c = inspectUpdate(r2, typing, new Set([1001]));
    expect(c.kind === 'inspected' && c.writes.map((w) => [w.op, w.path.join('/')])).toEqual([
      ['text', 'summary'],
    ]);
    const erase = c2(() => w2.getArray('messages').delete(0, 1));
    const d = inspectUpdate(r2, erase, new Set([1001]));
    expect(d.kind === 'inspected' && d.violations).toEqual([{ code: 'delete', path: ['messages'] }]);
  });

  it('flags structs written under a client id the author does not own', () => {
    const { reader, capture, writer } = pair();
    const update = capture(() => writer.getMap('case').set('title', 'x'));
    const result = inspectUpdate(reader, update, new Set([42]));
    expect(result.kind === 'inspected' && result.violations).toEqual([
      { code: 'foreign-client-id', clientId: 1001 },
    ]);
  });

  it('waits when the update builds on content the reader has not seen', () => {
    const { reader, writer, capture } = pair();
    capture(() => writer.getText('summary').insert(0, 'abc'));
    const later = capture(() => writer.getText('summary').insert(3, 'def'));
    expect(inspectUpdate(reader, later, new Set([1001])).kind).toBe('missing');
    const other = new Y.Doc({ gc: false });
    other.clientID = 7;
    Y.applyUpdate(other, Y.encodeStateAsUpdate(writer));
    const before = Y.encodeStateVector(other);
    other.getText('summary').delete(0, 1);
    const deletion = Y.encodeStateAsUpdate(other, before);
    expect(inspectUpdate(reader, deletion, new Set([7])).kind).toBe('missing');
  });

  it('refuses garbage as malformed', () => {
    const reader = new Y.Doc();
    expect(inspectUpdate(reader, new Uint8Array([1, 2, 3, 250, 250]), new Set()).kind).toBe('malformed');
  });

  it('handles 53-bit client ids end to end', () => {
    const reader = new Y.Doc({ gc: false });
    const writer = new Y.Doc({ gc: false });
    writer.clientID = 2 ** 53 - 5;
    writer.getMap('case').set('title', 'big');
    const update = Y.encodeStateAsUpdate(writer);
    const result = inspectUpdate(reader, update, new Set([2 ** 53 - 5]));
    expect(result.kind === 'inspected' && result.violations).toEqual([]);
    Y.applyUpdate(reader, update);
    expect(reader.getMap('case').get('title')).toBe('big');
    expect([...reader.store.clients.keys()]).toEqual([2 ** 53 - 5]);
  });
});
