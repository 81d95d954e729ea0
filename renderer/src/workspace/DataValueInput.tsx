import type { DataValue } from '../../../shared/contract/model';
import type { DataItemView } from '../../../shared/contract/views';

/** Turns what the reader typed into a value of the item's kind, or a sentence saying what is wrong. */
export function parseDataValue(
  item: Pick<DataItemView, 'kind' | 'choices' | 'label'>,
  raw: string,
): { value: DataValue } | { problem: string } {
  const text = raw.trim();
  if (text === '') return { value: null };
  switch (item.kind) {
    case 'number': {
      const n = Number(text.replace(',', '.'));
      return Number.isFinite(n)
        ? { value: n }
        : { problem: `“${item.label}” takes a number, for example 42 or 3.5.` };
    }
    case 'boolean':
      return { value: text === 'yes' };
    case 'attachment':
      return /^[0-9a-f]{64}$/.test(text)
        ? { value: text }
        : { problem: 'Choose the file again: its fingerprint could not be computed.' };
    default:
      return { value: text };
  }
}

/** The raw form of a stored value, as the input shows it. */
export function rawOf(value: DataValue): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

async function sha256Hex(file: File): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The input for a data item's kind. An attachment is recorded as the file's SHA-256 fingerprint:
 * the file itself stays with its owner, and anyone holding it later can prove it is the same one.
 */
export function DataValueInput({
  item,
  raw,
  onChange,
  id,
  describedBy,
}: {
  item: Pick<DataItemView, 'kind' | 'choices' | 'label'>;
  raw: string;
  onChange: (raw: string) => void;
  id: string;
  describedBy?: string;
}) {
  const common = { id, 'aria-describedby': describedBy };
  switch (item.kind) {
    case 'number':
      return <input {...common} inputMode="decimal" value={raw} onChange={(e) => onChange(e.target.value)} />;
    case 'date':
      return <input {...common} type="date" value={raw} onChange={(e) => onChange(e.target.value)} />;
    case 'choice':
    case 'boolean': {
      const options = item.kind === 'boolean' ? ['yes', 'no'] : (item.choices ?? []);
      return (
        <select {...common} value={raw} onChange={(e) => onChange(e.target.value)}>
          <option value="">Not provided</option>
          {options.map((c) => (
            <option key={c} value={c}>
              {item.kind === 'boolean' ? (c === 'yes' ? 'Yes' : 'No') : c}
            </option>
          ))}
        </select>
      );
    }
    case 'attachment':
      return (
        <input
          {...common}
          type="file"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            onChange(file ? await sha256Hex(file) : '');
          }}
        />
      );
    default:
      return <input {...common} value={raw} onChange={(e) => onChange(e.target.value)} maxLength={5000} />;
  }
}
