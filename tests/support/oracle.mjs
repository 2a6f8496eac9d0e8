// Expected figures worked out from the sample files with PapaParse, independently of
// grantpool's own code: what the end-to-end tests check the page against.
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';

export const ROOT = new URL('../../', import.meta.url).pathname;

/**
 * Departments the samples name in older or shorter ways, as one department: written here by
 * hand from GOV.UK's machinery-of-government history (DCLG became MHCLG in January 2018; BIS
 * and DECC merged into BEIS in July 2016; the Department of Health became DHSC in January
 * 2018), not from grantpool's list.
 */
export const SAME_DEPARTMENT = {
  'Department for Communities and Local Government': 'Ministry of Housing, Communities and Local Government',
  'CLG Local Government': 'Ministry of Housing, Communities and Local Government',
  'Department for Business Innovation and Skills': 'Department for Business, Energy and Industrial Strategy',
  'Department of Energy and Climate Change': 'Department for Business, Energy and Industrial Strategy',
  'Department of Health': 'Department of Health and Social Care',
  'HM Revenue & Customs': 'HM Revenue and Customs',
};

/**
 * The rows of a CSV file under the project, as PapaParse reads them with a header. A funder
 * named in an older way is given its department's name (the name as written is kept in
 * `Funder as written`), since grantpool shows each department as one funder.
 */
export function csvRows(path) {
  const rows = Papa.parse(readFileSync(`${ROOT}${path}`, 'utf8'), { header: true, skipEmptyLines: true }).data;
  for (const row of rows) {
    const funder = row['Funding Org:Name'];
    if (funder === undefined) continue;
    row['Funder as written'] = funder;
    row['Funding Org:Name'] = SAME_DEPARTMENT[funder.trim()] ?? funder;
  }
  return rows;
}

/** The illustrative County Durham sample's rows. */
export const durhamRows = () => csvRows('www/samples/durham-illustrative.csv');

/** How many funding lines the County Durham sample has, as the page prints it (1,234). */
export const durhamLines = () => durhamRows().length.toLocaleString('en-GB');

/** How many of the County Durham sample's lines the Home Office funds. */
export const homeOfficeLines = () => durhamRows().filter((r) => r['Funding Org:Name'] === 'Home Office').length;

/** Pounds as the page shortens them: 3 significant figures at most, £k/£m/£bn, no trailing zeros. */
export function gbpShort(pounds) {
  const value = Math.abs(pounds);
  const [scaled, suffix] = value >= 1e9 ? [value / 1e9, 'bn'] : value >= 1e6 ? [value / 1e6, 'm'] : value >= 1e3 ? [value / 1e3, 'k'] : [value, ''];
  const digits = scaled >= 100 || Number.isInteger(scaled) ? 0 : scaled >= 10 ? 1 : 2;
  const text = scaled.toFixed(digits).replace(/\.?0+$/, (m) => (digits ? '' : m));
  return `${pounds < 0 ? '−' : ''}£${text}${suffix}`;
}

/** A sample row's amount in pence. */
export const pence = (row) => Math.round(Number(row['Amount Awarded']) * 100);
/** A row's stream when it is in no pot: its funder and programme. */
export const streamKey = (row) => `${row['Funding Org:Name']}\u0000${row['Grant Programme:Title']}`;
/** A share as the page prints it: one decimal place. */
export const percent = (part, whole) => `${((part / whole) * 100).toFixed(1)}%`;
/** Pence summed by `key(row)`, as a Map. */
export function sumBy(list, key) {
  const sums = new Map();
  for (const row of list) sums.set(key(row), (sums.get(key(row)) ?? 0) + pence(row));
  return sums;
}

const grouped = (n) => n.toLocaleString('en-GB');

/** The headline figures of a sample CSV, as the page should print them. */
export function expectedFigures(samplePath, { ringfenceColumn } = {}) {
  const data = csvRows(`www/${samplePath}`);
  let totalPence = 0n;
  let ringfencedPence = 0n;
  for (const row of data) {
    const [pounds, pence = ''] = row['Amount Awarded'].split('.');
    const amount = BigInt(pounds) * 100n + BigInt((pence + '00').slice(0, 2));
    totalPence += amount;
    if (ringfenceColumn && /^(yes|y|true|rf)$/i.test(row[ringfenceColumn].trim())) ringfencedPence += amount;
  }
  const distinct = (key) => new Set(data.map((row) => row[key].trim()).filter(Boolean)).size;
  const programmes = new Set(
    data.filter((r) => r['Grant Programme:Title'].trim()).map((r) => `${r['Funding Org:Name'].trim()}\u0000${r['Grant Programme:Title'].trim()}`),
  ).size;
  const share = ringfenceColumn
    ? `${((Number(ringfencedPence) / Number(totalPence)) * 100).toFixed(1)}%`
    : 'Not recorded';
  return {
    lines: grouped(data.length),
    funders: grouped(distinct('Funding Org:Name')),
    programmes: grouped(programmes),
    recipients: grouped(distinct('Recipient Org:Name')),
    total: `£${grouped(Number(totalPence / 100n))}`,
    ringfencedShare: share,
    totalPence,
  };
}

