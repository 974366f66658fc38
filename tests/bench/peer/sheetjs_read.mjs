// The peer for xlsx_import_bench: one read of the workbook with SheetJS (npm "xlsx") in this
// process, then "seconds cpu_seconds peak_mib data_rows" on stdout. Timed from reading the file to the last
// row as arrays (module loading excluded); peak RSS is this Node process's own.
//   node sheetjs_read.mjs FILE
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const XLSX = require('xlsx');

const file = process.argv[2];
const cpuStart = process.cpuUsage();
const start = process.hrtime.bigint();
const workbook = XLSX.read(readFileSync(file), { type: 'buffer', cellDates: true });
const sheet = workbook.Sheets[workbook.SheetNames[0]];
const rows = XLSX.utils.sheet_to_json(sheet, { header: 1, raw: false, blankrows: false });
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
const cpu = process.cpuUsage(cpuStart);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const peakMib = process.resourceUsage().maxRSS / 1024;
console.log(`${seconds.toFixed(4)} ${cpuSeconds.toFixed(4)} ${peakMib.toFixed(1)} ${rows.length - 1}`);
