#!/usr/bin/env node
// Compares a newman JSON report with the checked-in list of known deviations.
// Fails (exit 1) on: a request that got no response, a failed assertion or script error not in the list, a listed
// deviation that no longer occurs (so the list stays honest), or a run that did not execute the whole folder.
// Usage: node check-conformance.js <newman-report.json> <known-deviations.json> <folder>
'use strict';
const fs = require('fs');

const [reportFile, deviationsFile, folderName] = process.argv.slice(2);
if (!reportFile || !deviationsFile || !folderName) {
  console.error('usage: check-conformance.js <newman-report.json> <known-deviations.json> <folder>');
  process.exit(2);
}
if (!fs.existsSync(reportFile)) {
  console.error(`conformance: FAILED - no newman report at ${reportFile} (newman did not run)`);
  process.exit(1);
}
const report = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
const deviations = JSON.parse(fs.readFileSync(deviationsFile, 'utf8')).deviations;

// item id -> "Folder / Sub-folder" and the number of requests in the folder run
const parentOf = new Map();
let expectedRequests = 0;
(function walk(items, path, inFolder) {
  for (const it of items || []) {
    if (Array.isArray(it.item)) {
      walk(it.item, path.concat(it.name), inFolder || it.name === folderName);
    } else {
      parentOf.set(it.id, path.join(' / '));
      if (inFolder) expectedRequests++;
    }
  }
})(report.collection.item, [], false);

const key = (folder, request, assertion) => `${folder}\u0000${request}\u0000${assertion}`;
const devByKey = new Map(deviations.map((d) => [key(d.folder, d.request, d.assertion), d]));
const devHits = new Map();

const rows = [];
const unexpected = [];
let passed = 0;
let failed = 0;
let asDeviation = 0;
for (const ex of report.run.executions || []) {
  const folder = parentOf.get(ex.item.id) || '';
  const request = ex.item.name;
  const row = { request: `${folder.split(' / ').pop()} / ${request}`, status: '-', passed: 0, failed: 0, deviations: 0 };
  rows.push(row);
  if (ex.requestError || !ex.response) {
    const msg = ex.requestError ? ex.requestError.message : 'no response';
    unexpected.push(`${folder} / ${request}: request failed: ${msg}`);
    row.status = 'ERROR';
    continue;
  }
  row.status = String(ex.response.code);
  const outcomes = (ex.assertions || []).filter((a) => !a.skipped)
    .map((a) => ({ name: a.assertion, error: a.error }));
  for (const phase of ['prerequestScript', 'testScript']) {
    for (const s of ex[phase] || []) {
      if (s.error) outcomes.push({ name: `<${phase}>`, error: s.error });
    }
  }
  for (const o of outcomes) {
    if (!o.error) {
      row.passed++;
      passed++;
      continue;
    }
    const message = `${o.error.name || 'Error'}: ${o.error.message}`;
    const d = devByKey.get(key(folder, request, o.name));
    if (d && (!d.messageContains || message.includes(d.messageContains))) {
      devHits.set(d, message);
      row.deviations++;
      asDeviation++;
    } else {
      row.failed++;
      failed++;
      unexpected.push(`${folder} / ${request}: "${o.name}" failed: ${message}`);
    }
  }
}

const stale = deviations.filter((d) => !devHits.has(d));
const runErrors = [];
if (report.run.error) runErrors.push(`newman run error: ${report.run.error.message || report.run.error}`);
const ran = (report.run.executions || []).length;
if (ran !== expectedRequests) runErrors.push(`ran ${ran} requests, folder "${folderName}" has ${expectedRequests}`);

// summary table
const head = ['Request', 'HTTP', 'Passed', 'Failed', 'Deviation'];
const body = rows.map((r) => [r.request, r.status, String(r.passed), String(r.failed), String(r.deviations)]);
const total = ['TOTAL (' + ran + ' requests)', '', String(passed), String(failed), String(asDeviation)];
const widths = head.map((h, i) => Math.max(h.length, total[i].length, ...body.map((b) => b[i].length)));
const line = (cells) => '| ' + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ') + ' |';
const sep = '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|';
console.log('');
console.log(`Postman collection "${report.collection.info.name}", folder "${folderName}" against the simulator`);
console.log(sep);
console.log(line(head));
console.log(sep);
body.forEach((b) => console.log(line(b)));
console.log(sep);
console.log(line(total));
console.log(sep);

console.log(`\nKnown deviations (the API reference wins over the collection): ${devHits.size} of ${deviations.length} occurred`);
for (const d of deviations) {
  const mark = devHits.has(d) ? 'occurred ' : 'MISSING  ';
  console.log(`  ${mark} ${d.folder.split(' / ').pop()} / ${d.request} / "${d.assertion}"`);
  console.log(`            reason: ${d.reason}`);
}
const problems = [...runErrors, ...unexpected,
  ...stale.map((d) => `listed deviation no longer occurs (remove it from ${deviationsFile}): `
    + `${d.folder} / ${d.request} / "${d.assertion}"`)];
if (problems.length) {
  console.log(`\nconformance: FAILED (${problems.length} problem(s))`);
  problems.forEach((p) => console.log('  - ' + p));
  process.exit(1);
}
console.log(`\nconformance: OK - ${ran} requests, ${passed} assertions passed, ${failed} unexpected failures, `
  + `${asDeviation} known deviations`);
