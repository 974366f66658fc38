// The peer for campaign_export_bench: the campaign detail's rows written to .xlsx with SheetJS
// (npm "xlsx") in this process, then "seconds cpu_seconds peak_mib data_rows" on stdout. The
// rows come from a TSV the bench writes from the same table (the titles, the column widths, then
// cells prefixed n number, s text, d date as seconds on the wall clock; empty: no cell). Timed
// from reading the TSV to the written file (module loading excluded), as the export is timed from
// reading the database; compressed like libxlsxwriter's; peak RSS is this Node process's own.
//   node sheetjs_write.mjs ROWS.tsv OUT.xlsx
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

process.env.TZ = 'UTC'; // the dates are wall-clock times already: no shift on the way to Excel
const require = createRequire(import.meta.url);
const XLSX = require('xlsx');

const [input, output] = process.argv.slice(2);
const cpuStart = process.cpuUsage();
const start = process.hrtime.bigint();

const lines = readFileSync(input, 'utf8').split('\n');
const rows = [lines[0].split('\t')];
const widths = lines[1].split('\t').map(Number);
for (let i = 2; i < lines.length; ++i) {
  if (lines[i] === '') continue;
  rows.push(lines[i].split('\t').map((cell) => {
    if (cell === '') return null;
    const value = cell.slice(1);
    if (cell[0] === 'n') return Number(value);
    if (cell[0] === 'd') return new Date(Number(value) * 1000);
    return value;
  }));
}
const sheet = XLSX.utils.aoa_to_sheet(rows, { dateNF: 'yyyy-mm-dd hh:mm' });
sheet['!cols'] = widths.map((wch) => ({ wch }));
sheet['!autofilter'] = { ref: sheet['!ref'] };
const workbook = XLSX.utils.book_new();
XLSX.utils.book_append_sheet(workbook, sheet, 'Campaign recipients');
XLSX.writeFile(workbook, output, { compression: true });

const seconds = Number(process.hrtime.bigint() - start) / 1e9;
const cpu = process.cpuUsage(cpuStart);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const peakMib = process.resourceUsage().maxRSS / 1024;
console.log(`${seconds.toFixed(4)} ${cpuSeconds.toFixed(4)} ${peakMib.toFixed(1)} ${rows.length - 1}`);
