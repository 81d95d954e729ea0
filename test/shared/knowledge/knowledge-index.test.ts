import { describe, expect, it } from 'vitest';
import { KnowledgeIndex } from '../../../shared/knowledge/knowledge-index';
import type { KnowledgeCase } from '../../../shared/knowledge/types';
import { makeCorpus } from './corpus';

const base: Omit<KnowledgeCase, 'id' | 'title'> = {
  summary: '',
  status: 'open',
  category: null,
  topics: [],
  dataItems: [],
  actions: [],
  resolution: null,
  updatedAt: 0,
};

const volleyball: KnowledgeCase = {
  ...base,
  id: 'volleyball',
  title: 'New laptop does not boot: three beeps at power on',
  summary: 'PC maker blamed the OS vendor, the OS vendor blamed the boot chip.',
  status: 'resolved',
  category: 'hardware fault',
  topics: ['replace the boot chip', 'warranty repair'],
  dataItems: [{ label: 'Serial number', value: 'AX14-99812' }],
  actions: [{ title: 'Ship replacement board', description: 'Chip maker ships a new board to the PC maker' }],
  resolution: {
    problem: 'Laptop stuck at logo with three beeps',
    cause: 'Faulty boot chip from a bad supplier batch',
    fix: 'Replaced the boot chip under warranty and reflashed the firmware',
    resolvedAt: 1,
  },
};
const broadband: KnowledgeCase = {
  ...base,
  id: 'broadband',
  title: 'Business broadband drops every evening',
  summary: 'Line drops at 19:00 daily; router replaced once already.',
  status: 'resolved',
  category: 'broadband',
  topics: ['contract price', 'engineer visit'],
  resolution: {
    problem: 'Evening disconnections',
    cause: 'Crosstalk on the copper pair',
    fix: 'Moved the line to a clean pair',
    resolvedAt: 2,
  },
};
const openChip: KnowledgeCase = {
  ...base,
  id: 'open-chip',
  title: 'Desktop with a firmware problem',
  status: 'open',
  category: 'hardware fault',
  dataItems: [{ label: 'Note', value: 'boot chip suspected' }],
};

function indexOf(cases: KnowledgeCase[]): KnowledgeIndex {
  const index = KnowledgeIndex.create();
  const added = index.upsertAll(cases);
  if (!added.ok) throw new Error(JSON.stringify(added.error));
  return index;
}

describe('KnowledgeIndex search', () => {
  const index = indexOf([volleyball, broadband, openChip]);

  it('finds words with typos (fuzzy) and while typing (prefix)', () => {
    expect(index.search('broadbnd evning').map((h) => h.caseId)).toEqual(['broadband']);
    expect(
      index
        .search('firmw')
        .map((h) => h.caseId)
        .sort(),
    ).toEqual(['open-chip', 'volleyball']);
    expect(index.search('crosstlk')[0]?.caseId).toBe('broadband');
  });

  it('ranks a match in the title or resolution above one in a data item', () => {
    const hits = index.search('boot chip');
    expect(hits.map((h) => h.caseId)).toEqual(['volleyball', 'open-chip']);
    expect(hits[0]?.score).toBeGreaterThan((hits[1]?.score ?? 0) * 3);
  });

  it('returns the matching passage with highlights from the most telling field', () => {
    const [hit] = index.search('crosstalk');
    expect(hit?.snippet?.field).toBe('cause');
    const snippet = hit?.snippet;
    expect(snippet?.text).toBe('Crosstalk on the copper pair');
    expect(snippet?.highlights.map(([s, e]) => snippet.text.slice(s, e))).toEqual(['Crosstalk']);
    const long = index.search('OS vendor blamed')[0]?.snippet;
    expect(long?.field).toBe('summary');
    expect(long?.highlights.map(([s, e]) => long.text.slice(s, e).toLowerCase())).toContain('blamed');
  });

  it('filters by resolution and category, and falls back to any word when no case has all', () => {
    expect(index.search('boot chip', { resolvedOnly: true }).map((h) => h.caseId)).toEqual(['volleyball']);
    expect(index.search('contract', { category: 'hardware fault' })).toEqual([]);
    expect(
      index
        .search('crosstalk firmware')
        .map((h) => h.caseId)
        .sort(),
    ).toEqual(['broadband', 'open-chip', 'volleyball']);
    expect(index.search('the and of')).toEqual([]); // stop words only
  });

  it('replaces a changed case and forgets a removed one', () => {
    const own = indexOf([volleyball, broadband]);
    expect(own.upsert({ ...broadband, title: 'Fibre line flapping' }).ok).toBe(true);
    expect(own.search('flapping').map((h) => h.caseId)).toEqual(['broadband']);
    expect(own.search('evening', { resolvedOnly: true }).map((h) => h.snippet?.field)).toEqual(['problem']);
    expect(own.remove('broadband')).toBe(true);
    expect(own.search('flapping')).toEqual([]);
    expect(own.size).toBe(1);
    expect(own.remove('broadband')).toBe(false);
  });

  it('refuses a malformed case with a typed error and changes nothing', () => {
    const own = indexOf([volleyball]);
    expect(own.upsert({ ...broadband, topics: 'not a list' } as unknown as KnowledgeCase)).toEqual({
      ok: false,
      error: { code: 'invalid-case', field: 'topics' },
    });
    expect(own.size).toBe(1);
  });
});

describe('similar resolved cases', () => {
  const corpus = makeCorpus(400, 7);
  const index = indexOf([...corpus, volleyball, broadband, openChip]);

  it("suggests resolved cases like a new case's title and summary, with the matching snippet", () => {
    const hits = index.similarResolved({
      title: 'Laptop will not start, three beeps',
      summary: 'Brand new laptop, stuck at the logo after a firmware update',
      category: 'hardware fault',
    });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits[0]?.caseId).toBe('volleyball');
    for (const hit of hits) {
      expect(hit.resolution).not.toBeNull();
      expect(hit.category).toBe('hardware fault');
      expect(hit.snippet?.highlights.length).toBeGreaterThan(0);
    }
  });

  it('leaves out open cases and the case being created', () => {
    const hits = index.similarResolved(
      { title: 'Desktop with a firmware problem' },
      { limit: 50, excludeCaseId: 'volleyball' },
    );
    expect(hits.some((h) => h.caseId === 'open-chip' || h.caseId === 'volleyball')).toBe(false);
    expect(index.similarResolved({ title: 'the of and' })).toEqual([]);
  });
});

describe('persistence', () => {
  const index = indexOf([...makeCorpus(300, 3), volleyball, broadband]);

  it('restores from toJSON with identical search results', () => {
    const json = JSON.stringify(index);
    const restored = KnowledgeIndex.loadJSON(json);
    if (!restored.ok) throw new Error(JSON.stringify(restored.error));
    for (const query of ['boot chip', 'broadbnd', 'firmw', 'lost bag compensation', 'licence activation']) {
      expect(restored.value.search(query)).toEqual(index.search(query));
    }
    expect(restored.value.similarResolved({ title: 'three beeps at boot' })).toEqual(
      index.similarResolved({ title: 'three beeps at boot' }),
    );
    expect(restored.value.size).toBe(index.size);
  });

  it('refuses anything but a saved index, with typed errors', () => {
    const snapshot = JSON.parse(JSON.stringify(index));
    expect(KnowledgeIndex.loadJSON('{nope')).toEqual({ ok: false, error: { code: 'not-json' } });
    expect(KnowledgeIndex.loadJSON('[]')).toEqual({ ok: false, error: { code: 'unknown-format' } });
    expect(KnowledgeIndex.fromSnapshot({ ...snapshot, version: 2 })).toEqual({
      ok: false,
      error: { code: 'unsupported-version', version: 2 },
    });
    expect(KnowledgeIndex.fromSnapshot({ ...snapshot, docs: snapshot.docs.slice(1) })).toMatchObject({
      ok: false,
      error: { code: 'corrupt-index' },
    });
    expect(KnowledgeIndex.fromSnapshot({ ...snapshot, index: { garbage: true } })).toMatchObject({
      ok: false,
      error: { code: 'corrupt-index' },
    });
  });
});
