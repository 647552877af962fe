/** Spreadsheets made in the tests: good and bad CSV and .xlsx files, and hostile zips built by hand. */
import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';

export type XlsxValue =
  string | number | Date | null | { value: number; numFmt: string } | { formula: string; result: number };

/** An .xlsx with the given sheets; a cell may carry a number format, as Excel writes percentages and dates. */
export async function xlsx(sheets: Record<string, XlsxValue[][]>): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = workbook.addWorksheet(name);
    rows.forEach((row, r) => {
      row.forEach((value, c) => {
        const cell = sheet.getCell(r + 1, c + 1);
        if (value === null) return;
        if (typeof value === 'object' && !(value instanceof Date)) {
          if ('formula' in value) cell.value = { formula: value.formula, result: value.result };
          else {
            cell.value = value.value;
            cell.numFmt = value.numFmt;
          }
        } else cell.value = value;
      });
    });
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

export const pct = (value: number) => ({ value, numFmt: '0.0%' });

/** CSV text with CRLF line ends, as Excel writes. */
export function csv(lines: string[]): Uint8Array {
  return Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');
}

export interface ZipEntry {
  name: string;
  data: Uint8Array;
  /** Store instead of deflate. */
  stored?: boolean;
  /** Lie about the uncompressed size in the headers. */
  declaredSize?: number;
  /** Set the "encrypted" flag. */
  encrypted?: boolean;
}

/** A zip written by hand, so tests can make ones no zip library would: lying sizes, thousands of entries. */
export function zip(entries: ZipEntry[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const body = e.stored ? Buffer.from(e.data) : deflateRawSync(e.data);
    const size = e.declaredSize ?? e.data.length;
    const crc = crc32(e.data);
    const flags = e.encrypted ? 1 : 0;
    const method = e.stored ? 0 : 8;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, body);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, dir, end]));
}

const CONTENT_TYPES = Buffer.from(
  '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
);

/** A zip that looks like a workbook but whose sheet inflates to `size` bytes of zeros while declaring `declared`. */
export function zipBomb(size: number, declared = size): Uint8Array {
  return zip([
    { name: '[Content_Types].xml', data: CONTENT_TYPES },
    { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
    { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(size), declaredSize: declared },
  ]);
}

/** What Excel writes for a password-protected workbook: an OLE2 compound file, not a zip. */
export function encryptedWorkbookStandIn(): Uint8Array {
  const bytes = Buffer.alloc(4096);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(bytes);
  Buffer.from('EncryptedPackage', 'utf16le').copy(bytes, 1024);
  return new Uint8Array(bytes);
}
