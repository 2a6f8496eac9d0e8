// Writes a synthetic, 360Giving-shaped grants CSV with a fixed seed, so every run and every
// machine benchmarks the same bytes.
//   node tests/bench/generate.mjs ROWS OUT.csv
// Columns: Identifier, Title, Description (quoted, with commas and line breaks), Amount Awarded,
// Award Date, Recipient Org:Identifier, Recipient Org:Name, Funding Org:Identifier,
// Funding Org:Name, Grant Programme:Title, Service, Ringfenced. Cardinalities grow with size
// like a real register: hundreds of funders, ~200k recipients at 1M rows, tens of services, and
// programmes (each run by one funder) numbering a four-hundredth of the rows.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/** SplitMix64 on BigInt, the same generator as scripts/make_samples.rs. */
function splitmix(seed) {
  let state = BigInt.asUintN(64, BigInt(seed));
  return () => {
    state = BigInt.asUintN(64, state + 0x9e3779b97f4a7c15n);
    let z = state;
    z = BigInt.asUintN(64, (z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n);
    z = BigInt.asUintN(64, (z ^ (z >> 27n)) * 0x94d049bb133111ebn);
    return Number((z ^ (z >> 31n)) >> 11n) / 2 ** 53;
  };
}

const SERVICES = [
  'Adult social care', 'Children’s services', 'Public health', 'Education', 'Housing', 'Homelessness',
  'Transport', 'Highways', 'Economic development', 'Skills', 'Employment support', 'Culture and heritage',
  'Sport and leisure', 'Environment', 'Flood defence', 'Community safety', 'Youth justice', 'Policing',
  'Fire and rescue', 'Planning', 'Digital inclusion', 'Energy efficiency', 'Welfare support', 'Libraries',
  'Parks and green spaces', 'Waste', 'Regeneration', 'Health inequalities',
];
const WORDS = ['community', 'fund', 'support', 'local', 'recovery', 'growth', 'access', 'resilience', 'skills', 'pathways', 'families', 'places', 'network', 'capital', 'revenue', 'programme'];

/**
 * Writes `rows` rows to `path`. With `places`, each row also carries a council's GSS code
 * (`Recipient District Geographic Code`, one of `places` codes, larger councils commoner), for
 * the place and year benchmark.
 */
export async function generate(rows, path, places = null, { withoutProgramme = 0 } = {}) {
  const random = splitmix(0x6772616e74706f6f);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const funders = Math.max(20, Math.min(400, Math.round(rows / 2500)));
  const recipients = Math.max(100, Math.round(rows / 5));
  const programmes = Math.max(50, Math.round(rows / 400));
  const out = createWriteStream(path);
  const header =
    `Identifier,Title,Description,Amount Awarded,Award Date,Recipient Org:Identifier,Recipient Org:Name,Funding Org:Identifier,Funding Org:Name,Grant Programme:Title,Service,Ringfenced${places ? ',Recipient District Geographic Code' : ''}\n`;
  let buffer = header;
  for (let i = 0; i < rows; i++) {
    // A programme belongs to one funder and has one title, as in a real register, so a place
    // has about as many streams (funder × programme) as programmes. Larger programmes are
    // commoner, and so are the funders that run them.
    const programme = Math.floor(random() ** 2 * programmes);
    const funder = programme % funders;
    const recipient = Math.floor(random() * recipients);
    const title = `${pick(WORDS)} ${pick(WORDS)} ${programme}`;
    const description = `"Grant for ${pick(WORDS)}, ${pick(WORDS)} and ${pick(WORDS)} work.\nSecond line: ""${pick(WORDS)}"" in place ${recipient % 97}."`;
    const amount = Math.round(Math.exp(Math.log(40000) + 1.6 * (random() + random() + random() - 1.5)) * 100) / 100;
    const day = 1 + Math.floor(random() * 28);
    const month = 1 + Math.floor(random() * 12);
    const year = 2015 + Math.floor(random() * 10);
    const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    // With `withoutProgramme`, that share of lines names no programme (their title is then
    // their stream). The draw is made only then, so the other files keep their bytes.
    const named = withoutProgramme && random() < withoutProgramme ? '' : `Programme ${programme} ${WORDS[programme % WORDS.length]}`;
    buffer += `360G-bench-${i},${title},${description},${amount.toFixed(2)},${date},GB-CHC-${1000000 + recipient},Recipient organisation ${recipient},GB-GOV-${funder},Funder ${funder},${named},${SERVICES[(programme + funder) % SERVICES.length]},${random() < 0.72 ? 'Yes' : 'No'}${places ? `,${places[Math.floor(random() ** 1.5 * places.length)]}` : ''}\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.write(buffer);
  out.end();
  await once(out, 'finish');
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const [rows, path] = process.argv.slice(2);
  await generate(Number(rows), path);
  console.log(`wrote ${rows} rows to ${path}`);
}
