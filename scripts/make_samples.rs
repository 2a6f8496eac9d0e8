//! Builds the illustrative sample dataset in `www/samples/`. (The real sample,
//! `government-grant-awards-2016-17.xlsx`, is the published workbook itself.)
//!
//! ```text
//! cargo run --example make_samples            # write www/samples/*.csv
//! cargo run --example make_samples -- --check # fail if the committed files differ from a rebuild
//! ```
//!
//! `durham-illustrative.csv` is an ILLUSTRATIVE place, not real awards. Real department and
//! programme names with their allocation methods come from the grant schemes register
//! 2016-17; recipients and amounts are generated with a fixed seed, shaped to the published
//! Partnerships for People and Place figures for County Durham (229 central-government grant
//! programmes to 1,278 recipients; about 70% of awards under £100k).
//!
//! Ringfence rule for the illustrative place (documented in the README): a programme allocated
//! by formula to local government is flexible (unringfenced), unless its title names a
//! ringfenced purpose (public health, schools, pupil premium, Better Care, PE and sport); every
//! other programme (competed, criteria based, un-competed) is ringfenced.

use std::collections::{BTreeSet, HashSet};
use std::path::Path;

mod gazetteer;
mod revenue_outturn;

use grantpool::import::values::{parse_allocation, parse_money, MoneyUnit};
use grantpool::model::{Allocation, Date};

const SCHEMES_CSV: &str = "tests/fixtures/government-grant-schemes-2016-17.csv";
const OUT_DIR: &str = "www/samples";

const PROGRAMMES: usize = 229;
const RECIPIENTS: usize = 1_278;
/// County Durham's share of England's population (about 530,000 of 56 million), used to scale
/// national formula allocations to one place.
const PLACE_SHARE: f64 = 0.0095;
/// The financial years the illustrative place spans, by their first calendar year.
const YEARS: [i32; 4] = [2015, 2016, 2017, 2018];
/// County Durham's GSS code.
const PLACE_CODE: &str = "E06000047";

fn main() {
    let check = std::env::args().any(|arg| arg == "--check");
    let outputs = [
        (
            Path::new(OUT_DIR).join("durham-illustrative.csv"),
            illustrative_durham_csv(),
        ),
        (
            Path::new(OUT_DIR).join("english-councils-revenue-2010-11-to-2017-18.csv"),
            revenue_outturn::revenue_outturn_csv(),
        ),
        (
            Path::new("src/geography/gazetteer.tsv").to_path_buf(),
            gazetteer::gazetteer_tsv(),
        ),
    ];
    let mut stale = Vec::new();
    for (path, content) in &outputs {
        if check {
            let committed = std::fs::read(path).unwrap_or_default();
            if committed != content.as_bytes() {
                stale.push(path.display().to_string());
            }
        } else {
            std::fs::write(path, content).expect("write sample");
            println!("wrote {} ({} bytes)", path.display(), content.len());
        }
    }
    if !stale.is_empty() {
        eprintln!(
            "these samples differ from what scripts/make_samples.rs builds: {}\nrun `cargo run --example make_samples`",
            stale.join(", ")
        );
        std::process::exit(1);
    }
    if check {
        println!("samples: www/samples matches scripts/make_samples.rs");
    }
}

/// SplitMix64: a tiny, fully specified generator, so the sample is the same on every machine
/// and with every version of every crate.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// Standard normal, by Box–Muller.
    fn normal(&mut self) -> f64 {
        let u1 = self.unit().max(f64::MIN_POSITIVE);
        let u2 = self.unit();
        (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    LocalGovernment,
    PublicBody,
    CivilSociety,
    Private,
}

struct Scheme {
    funder: String,
    code: String,
    title: String,
    national_value: f64,
    allocation: Allocation,
    allocation_text: String,
    kinds: Vec<Kind>,
    service: String,
}

fn read_schemes() -> Vec<Scheme> {
    let bytes = std::fs::read(SCHEMES_CSV).expect("read the schemes register");
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let headers = reader.headers().expect("header").clone();
    let column = |name: &str| headers.iter().position(|h| h == name).expect(name);
    let (funder, code, title, value, method, sector, cofog) = (
        column("Funding Org:Name"),
        column("Grant Programme:Code"),
        column("Grant Programme:Title"),
        column("Value per year"),
        column("Allocation Method"),
        column("Recipient Sector"),
        column("COFOG L0 Long Name"),
    );
    let mut seen = HashSet::new();
    let mut schemes = Vec::new();
    for record in reader.records() {
        let record = record.expect("register row");
        let sectors = &record[sector];
        let kinds: Vec<Kind> = [
            ("Local Government", Kind::LocalGovernment),
            ("Public Organisations", Kind::PublicBody),
            ("Non-Departmental Public Bodies", Kind::PublicBody),
            ("Civil Society", Kind::CivilSociety),
            ("Private", Kind::Private),
        ]
        .iter()
        .filter(|(name, _)| sectors.contains(name))
        .map(|&(_, kind)| kind)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
        let Ok(value) = parse_money(&record[value], MoneyUnit::Pounds) else {
            continue;
        };
        let programme_title = record[title].trim().to_owned();
        if kinds.is_empty() || value.0 <= 0 || programme_title.is_empty() {
            continue;
        }
        if !seen.insert((record[funder].to_owned(), programme_title.clone())) {
            continue;
        }
        let service = match record[cofog].trim() {
            "n/a" | "" => "Not classified".to_owned(),
            name => name
                .split_once(". ")
                .map_or(name, |(_, label)| label)
                .to_owned(),
        };
        schemes.push(Scheme {
            funder: record[funder].trim().to_owned(),
            code: record[code].trim().to_owned(),
            title: programme_title,
            national_value: value.as_pounds_f64(),
            allocation: parse_allocation(&record[method]),
            allocation_text: record[method].trim().to_owned(),
            kinds,
            service,
        });
    }
    schemes
}

/// County Durham's towns and villages, for recipient names.
const PLACES: [&str; 48] = [
    "Durham",
    "Chester-le-Street",
    "Consett",
    "Stanley",
    "Seaham",
    "Peterlee",
    "Newton Aycliffe",
    "Spennymoor",
    "Bishop Auckland",
    "Barnard Castle",
    "Crook",
    "Shildon",
    "Ferryhill",
    "Sedgefield",
    "Easington",
    "Horden",
    "Murton",
    "Wingate",
    "Trimdon",
    "Brandon",
    "Esh Winning",
    "Willington",
    "Tow Law",
    "Wolsingham",
    "Stanhope",
    "Middleton-in-Teesdale",
    "Lanchester",
    "Sacriston",
    "Pelton",
    "Annfield Plain",
    "Tanfield",
    "Shotley Bridge",
    "Coxhoe",
    "Bowburn",
    "Sherburn",
    "Belmont",
    "Framwellgate Moor",
    "Great Lumley",
    "West Rainton",
    "Evenwood",
    "Cockfield",
    "Coundon",
    "Chilton",
    "Fishburn",
    "Haswell",
    "Blackhall",
    "Shotton Colliery",
    "Thornley",
];

const CIVIL_SOCIETY: [&str; 22] = [
    "Community Association",
    "Youth Project",
    "Food Bank",
    "Credit Union",
    "Men's Shed",
    "Carers' Centre",
    "Development Trust",
    "Cricket Club",
    "Arts Centre",
    "Heritage Society",
    "Community Transport",
    "Women's Aid",
    "Befriending Service",
    "Community Garden",
    "Boxing Club",
    "Scout Group",
    "Mental Health Forum",
    "Welfare Hall",
    "Hospice Support",
    "Advice Centre",
    "Amateur Football Club",
    "Recovery Network",
];

const BUSINESSES: [&str; 12] = [
    "Coaches Ltd",
    "Engineering Ltd",
    "Bus Company Ltd",
    "Training Ltd",
    "Builders Ltd",
    "Digital Ltd",
    "Care Services Ltd",
    "Farms Ltd",
    "Energy Ltd",
    "Taxis Ltd",
    "Print Ltd",
    "Logistics Ltd",
];

const PUBLIC_BODIES: [&str; 14] = [
    "Durham Constabulary",
    "Police and Crime Commissioner for Durham",
    "County Durham and Darlington Fire and Rescue Authority",
    "County Durham and Darlington NHS Foundation Trust",
    "Tees, Esk and Wear Valleys NHS Foundation Trust",
    "Durham University",
    "New College Durham",
    "Bishop Auckland College",
    "East Durham College",
    "Derwentside College",
    "Durham Tees Valley Community Rehabilitation Company",
    "County Durham Youth Offending Service",
    "Durham Local Enterprise Partnership",
    "Durham Tees Valley Airport",
];

fn recipients(rng: &mut SplitMix64) -> Vec<(String, Kind)> {
    let mut local = vec![("Durham County Council".to_owned(), Kind::LocalGovernment)];
    local.extend(
        PLACES
            .iter()
            .map(|place| (format!("{place} Town Council"), Kind::LocalGovernment)),
    );
    let mut public: Vec<(String, Kind)> = PUBLIC_BODIES
        .iter()
        .map(|n| (n.to_string(), Kind::PublicBody))
        .collect();
    for place in PLACES {
        public.push((format!("{place} Primary School"), Kind::PublicBody));
        public.push((format!("{place} Academy"), Kind::PublicBody));
    }
    let mut civil = Vec::new();
    for place in PLACES {
        for kind in CIVIL_SOCIETY {
            civil.push((format!("{place} {kind}"), Kind::CivilSociety));
        }
    }
    let mut private = Vec::new();
    for place in PLACES {
        for trade in BUSINESSES {
            private.push((format!("{place} {trade}"), Kind::Private));
        }
    }
    rng.shuffle(&mut civil);
    rng.shuffle(&mut private);
    let mut all = local;
    all.extend(public);
    let civil_wanted = (RECIPIENTS - all.len()) * 3 / 4;
    all.extend(civil.into_iter().take(civil_wanted));
    let private_wanted = RECIPIENTS - all.len();
    all.extend(private.into_iter().take(private_wanted));
    assert_eq!(all.len(), RECIPIENTS);
    all
}

fn is_flexible(scheme: &Scheme) -> bool {
    const RINGFENCED_PURPOSES: [&str; 6] = [
        "public health",
        "school",
        "pupil premium",
        "better care",
        "pe and sport",
        "dedicated",
    ];
    let title = scheme.title.to_lowercase();
    scheme.allocation == Allocation::Formula
        && scheme.kinds.contains(&Kind::LocalGovernment)
        && !RINGFENCED_PURPOSES
            .iter()
            .any(|purpose| title.contains(purpose))
}

fn illustrative_durham_csv() -> String {
    let mut rng = SplitMix64(0x6772_616E_7470_6F6F); // "grantpoo"
    let mut schemes = read_schemes();
    // Every formula grant to local government the register lists reaches a county council;
    // the rest of the 229 are drawn at random.
    let (mut chosen, mut others): (Vec<Scheme>, Vec<Scheme>) = schemes
        .drain(..)
        .partition(|s| s.allocation == Allocation::Formula && s.kinds == [Kind::LocalGovernment]);
    chosen.truncate(PROGRAMMES / 4);
    rng.shuffle(&mut others);
    let wanted = PROGRAMMES - chosen.len();
    chosen.extend(others.into_iter().take(wanted));
    assert_eq!(
        chosen.len(),
        PROGRAMMES,
        "the register has enough eligible programmes"
    );

    let recipients = recipients(&mut rng);
    let by_kind = |kind: Kind| -> Vec<usize> {
        (0..recipients.len())
            .filter(|&i| recipients[i].1 == kind)
            .collect()
    };
    let pools = [
        (Kind::LocalGovernment, by_kind(Kind::LocalGovernment)),
        (Kind::PublicBody, by_kind(Kind::PublicBody)),
        (Kind::CivilSociety, by_kind(Kind::CivilSociety)),
        (Kind::Private, by_kind(Kind::Private)),
    ];
    let pool = |kind: Kind| {
        &pools
            .iter()
            .find(|(k, _)| *k == kind)
            .expect("every kind")
            .1
    };

    // Each award: (scheme index, recipient index, amount in pounds).
    let mut awards: Vec<(usize, usize, i64)> = Vec::new();
    for (s, scheme) in chosen.iter().enumerate() {
        if scheme.allocation == Allocation::Formula && scheme.kinds == [Kind::LocalGovernment] {
            let amount =
                (scheme.national_value * PLACE_SHARE * (0.8 + 0.4 * rng.unit())).round() as i64;
            awards.push((s, 0, amount.max(1_000)));
            continue;
        }
        let awards_here = 1 + (rng.unit().powi(3) * 14.0) as usize;
        for _ in 0..awards_here {
            let kind = scheme.kinds[rng.below(scheme.kinds.len())];
            let candidates = pool(kind);
            let recipient = candidates[rng.below(candidates.len())];
            awards.push((s, recipient, small_award(&mut rng)));
        }
    }
    // Every recipient receives at least one award: give each one not yet funded an award from
    // a programme open to its kind.
    let funded: HashSet<usize> = awards.iter().map(|&(_, r, _)| r).collect();
    for (r, (_, kind)) in recipients.iter().enumerate() {
        if funded.contains(&r) {
            continue;
        }
        let open: Vec<usize> = (0..chosen.len())
            .filter(|&s| {
                chosen[s].kinds.contains(kind) && chosen[s].allocation != Allocation::Formula
            })
            .collect();
        let s = open[rng.below(open.len())];
        awards.push((s, r, small_award(&mut rng)));
    }
    awards.sort_by_key(|&(s, r, _)| (s, r));

    // Spread over four financial years: formula grants to the council run every year; every
    // other programme runs for a stretch of years, continuing from one year to the next with
    // probability 0.45, so more than a third of programmes stop from one year to the next
    // (the finding for councils, 2015–19).
    let runs: Vec<(usize, usize)> = chosen
        .iter()
        .map(|scheme| {
            if scheme.allocation == Allocation::Formula && scheme.kinds == [Kind::LocalGovernment] {
                return (0, YEARS.len());
            }
            let start = rng.below(YEARS.len());
            let mut length = 1;
            while start + length < YEARS.len() && rng.unit() < 0.45 {
                length += 1;
            }
            (start, length)
        })
        .collect();
    let mut lines: Vec<(usize, usize, usize, i64, bool)> = Vec::new();
    for &(s, r, amount) in &awards {
        let (start, length) = runs[s];
        for year in start..start + length {
            let change = if r == 0 {
                0.95 + 0.1 * rng.unit()
            } else {
                0.8 + 0.4 * rng.unit()
            };
            // A quarter of the awards of programmes running two years or more are agreed for
            // the whole run (planned end at the end of its last year).
            let whole_run = r != 0 && length > 1 && year == start && rng.unit() < 0.25;
            lines.push((
                year,
                s,
                r,
                ((amount as f64) * change).round().max(1.0) as i64,
                whole_run,
            ));
        }
    }
    lines.sort_by_key(|&(year, s, r, _, _)| (year, s, r));

    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record([
            "Identifier",
            "Title",
            "Currency",
            "Amount Awarded",
            "Award Date",
            "Planned Dates:End Date",
            "Recipient Org:Name",
            "Beneficiary Location:Geographic Code",
            "Funding Org:Name",
            "Grant Programme:Code",
            "Grant Programme:Title",
            "Allocation Method",
            "Service",
            "Ringfenced",
        ])
        .expect("header");
    for (n, &(year, s, r, amount, whole_run)) in lines.iter().enumerate() {
        let scheme = &chosen[s];
        let first_day = Date {
            year: YEARS[year],
            month: 4,
            day: 1,
        }
        .days_since_1970();
        let award_day = Date::from_days_since_1970(first_day + rng.below(365) as i64);
        let last_year = if whole_run {
            YEARS[runs[s].0 + runs[s].1 - 1]
        } else {
            YEARS[year]
        };
        let end = Date {
            year: last_year + 1,
            month: 3,
            day: 31,
        };
        writer
            .write_record([
                format!("ILLUSTRATIVE-DUR-{:05}", n + 1),
                scheme.title.clone(),
                "GBP".to_owned(),
                amount.to_string(),
                award_day.to_string(),
                end.to_string(),
                recipients[r].0.clone(),
                PLACE_CODE.to_owned(),
                scheme.funder.clone(),
                scheme.code.clone(),
                scheme.title.clone(),
                scheme.allocation_text.clone(),
                scheme.service.clone(),
                if is_flexible(scheme) { "No" } else { "Yes" }.to_owned(),
            ])
            .expect("row");
    }
    let awards = lines;
    let under_100k = awards.iter().filter(|a| a.3 < 100_000).count();
    eprintln!(
        "durham-illustrative: {} awards, {:.1}% under £100k",
        awards.len(),
        100.0 * under_100k as f64 / awards.len() as f64
    );
    String::from_utf8(writer.into_inner().expect("flush")).expect("utf-8")
}

/// A competed or discretionary award: log-normal around £45k, rounded to £50.
fn small_award(rng: &mut SplitMix64) -> i64 {
    let pounds = (45_000f64.ln() + 1.5 * rng.normal())
        .exp()
        .clamp(500.0, 25_000_000.0);
    ((pounds / 50.0).round() as i64).max(1) * 50
}
