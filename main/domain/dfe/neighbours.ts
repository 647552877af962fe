/**
 * DfE's statistical neighbour model: for each local authority, its ten nearest neighbours in
 * order. Published in two layouts, both read here:
 * - `old_la_code, la_name, region_ind, region_name, SN_1, SN_1P, … SN_10, SN_10P` (2025 on);
 * - `LA num, LA Name, LA number, GOInd, GOReg, SN1, SNP, SN2, SNP, …` (the 2021 groupings, where
 *   every closeness column is called SNP).
 * A neighbour is named by its old LA code; a model that names neighbours instead is matched by name.
 */
import { UserError } from '../../errors';

export interface Neighbour {
  code: string;
  name: string;
  /** DfE's words for how close it is ("Very close"), when the model gives them. */
  closeness: string | null;
}

export interface NeighbourEntry {
  code: string;
  name: string;
  neighbours: Neighbour[];
}

export type NeighbourModel = ReadonlyMap<string, NeighbourEntry>;

function clean(text: string | undefined): string {
  return (text ?? '').replace(/^\uFEFF/, '').trim();
}

/** Lower case, "St." and "St" alike, "&" as "and": how two spellings of one council's name are matched. */
export function nameKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/\bst\.?\s/g, 'st ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export function readNeighbourModel(
  name: string,
  records: ReadonlyArray<{ row: number; cells: readonly string[] }>,
): NeighbourModel {
  const header = records.find((r) => r.cells.some((c) => c.trim() !== ''));
  if (!header) throw new UserError(`${name} is empty: it is not a statistical neighbour model.`);
  const columns = header.cells.map(clean);
  const lower = columns.map((c) => c.toLowerCase());

  let codeAt: number;
  let nameAt: number;
  const neighbourAt: Array<{ code: number; closeness: number | null }> = [];
  if (lower.includes('old_la_code') && lower.includes('sn_1')) {
    codeAt = lower.indexOf('old_la_code');
    nameAt = lower.indexOf('la_name');
    for (let n = 1; n <= 10; n++) {
      const at = lower.indexOf(`sn_${n}`);
      if (at < 0) break;
      const p = lower.indexOf(`sn_${n}p`);
      neighbourAt.push({ code: at, closeness: p < 0 ? null : p });
    }
  } else if (lower.includes('la number') && lower.includes('sn1')) {
    codeAt = lower.indexOf('la number');
    nameAt = lower.indexOf('la name');
    for (let n = 1; n <= 10; n++) {
      const at = lower.indexOf(`sn${n}`);
      if (at < 0) break;
      neighbourAt.push({ code: at, closeness: lower[at + 1] === 'snp' ? at + 1 : null });
    }
  } else {
    throw new UserError(
      `${name} is not a statistical neighbour model: it needs either old_la_code, la_name and SN_1 … SN_10 columns or LA number, LA Name and SN1 … SN10 columns.`,
    );
  }
  if (nameAt < 0 || neighbourAt.length === 0) {
    throw new UserError(
      `${name} is not a statistical neighbour model: it names no local authorities or no neighbours.`,
    );
  }

  const raw: Array<{
    row: number;
    code: string;
    name: string;
    refs: Array<{ ref: string; closeness: string | null }>;
  }> = [];
  for (const record of records) {
    if (record.row <= header.row) continue;
    const code = clean(record.cells[codeAt]);
    if (code === '' && record.cells.every((c) => c.trim() === '')) continue;
    if (!/^\d{3}$/.test(code)) {
      throw new UserError(`${name}, row ${record.row}: "${code.slice(0, 20)}" is not a three-digit LA code.`);
    }
    raw.push({
      row: record.row,
      code,
      name: clean(record.cells[nameAt]),
      refs: neighbourAt
        .map(({ code: c, closeness: p }) => ({
          ref: clean(record.cells[c]),
          closeness: p === null ? null : clean(record.cells[p]) || null,
        }))
        .filter((r) => r.ref !== ''),
    });
  }
  const byCode = new Map(raw.map((r) => [r.code, r.name]));
  const byName = new Map(raw.map((r) => [nameKey(r.name), r.code]));
  const model = new Map<string, NeighbourEntry>();
  for (const entry of raw) {
    const neighbours = entry.refs.map(({ ref, closeness }): Neighbour => {
      const code = /^\d{3}$/.test(ref) ? ref : byName.get(nameKey(ref));
      if (code === undefined) {
        throw new UserError(
          `${name}, row ${entry.row}: the neighbour "${ref.slice(0, 40)}" is not a local authority in the model.`,
        );
      }
      return { code, name: byCode.get(code) ?? (/^\d{3}$/.test(ref) ? code : ref), closeness };
    });
    model.set(entry.code, { code: entry.code, name: entry.name, neighbours });
  }
  return model;
}
