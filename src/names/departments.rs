//! UK government departments under every name and abbreviation files use for them, with the
//! machinery-of-government changes that renamed or merged them, so the same department is one
//! funder across files and years.

use std::sync::OnceLock;

/// A department as it is named now, and the other names that mean it.
#[derive(Debug)]
pub struct Department {
    /// The name grantpool shows for every line from this department.
    pub name: &'static str,
    /// Abbreviations files use (matched whole, ignoring case and full stops).
    pub abbreviations: &'static [&'static str],
    /// Former names (or departments merged into this one), each with the change that made it
    /// this department.
    pub former: &'static [(&'static str, &'static str)],
}

/// Departments whose money reaches places. A department that was split (BEIS, in February
/// 2023) is kept as itself: its money cannot be given to one of the departments that followed.
pub const DEPARTMENTS: &[Department] = &[
    Department {
        name: "Ministry of Housing, Communities and Local Government",
        abbreviations: &["MHCLG", "DLUHC", "DCLG", "CLG"],
        former: &[
            (
                "Department for Levelling Up, Housing and Communities",
                "renamed MHCLG on 8 July 2024",
            ),
            (
                "Department for Communities and Local Government",
                "renamed MHCLG on 8 January 2018",
            ),
            ("Communities and Local Government", "DCLG's short name"),
            (
                "CLG Local Government",
                "DCLG's local government accounts in the grants register",
            ),
            (
                "Office of the Deputy Prime Minister",
                "became DCLG on 5 May 2006",
            ),
        ],
    },
    Department {
        name: "Department for Education",
        abbreviations: &["DfE"],
        former: &[(
            "Department for Children, Schools and Families",
            "became DfE on 12 May 2010",
        )],
    },
    Department {
        name: "Department of Health and Social Care",
        abbreviations: &["DHSC", "DH", "DoH"],
        former: &[("Department of Health", "renamed DHSC on 9 January 2018")],
    },
    Department {
        name: "Department for Transport",
        abbreviations: &["DfT"],
        former: &[],
    },
    Department {
        name: "Department for Work and Pensions",
        abbreviations: &["DWP"],
        former: &[],
    },
    Department {
        name: "Home Office",
        abbreviations: &["HO"],
        former: &[],
    },
    Department {
        name: "Ministry of Justice",
        abbreviations: &["MoJ"],
        former: &[],
    },
    Department {
        name: "Ministry of Defence",
        abbreviations: &["MOD"],
        former: &[],
    },
    Department {
        name: "HM Treasury",
        abbreviations: &["HMT"],
        former: &[("Her Majesty's Treasury", "its full name")],
    },
    Department {
        name: "HM Revenue and Customs",
        abbreviations: &["HMRC"],
        former: &[("Her Majesty's Revenue and Customs", "its full name")],
    },
    Department {
        name: "Cabinet Office",
        abbreviations: &["CO"],
        former: &[],
    },
    Department {
        name: "Department for Environment, Food and Rural Affairs",
        abbreviations: &["Defra"],
        former: &[],
    },
    Department {
        name: "Department for Culture, Media and Sport",
        abbreviations: &["DCMS"],
        former: &[(
            "Department for Digital, Culture, Media and Sport",
            "renamed DCMS again on 7 February 2023",
        )],
    },
    Department {
        name: "Foreign, Commonwealth and Development Office",
        abbreviations: &["FCDO", "FCO", "DfID"],
        former: &[
            (
                "Foreign and Commonwealth Office",
                "merged into FCDO on 2 September 2020",
            ),
            (
                "Department for International Development",
                "merged into FCDO on 2 September 2020",
            ),
        ],
    },
    Department {
        name: "Department for Business, Energy and Industrial Strategy",
        abbreviations: &["BEIS", "BIS", "DECC"],
        former: &[
            (
                "Department for Business, Innovation and Skills",
                "merged into BEIS on 14 July 2016",
            ),
            (
                "Department of Energy and Climate Change",
                "merged into BEIS on 14 July 2016",
            ),
            (
                "Department for Business, Enterprise and Regulatory Reform",
                "became BIS on 5 June 2009",
            ),
            (
                "Department for Innovation, Universities and Skills",
                "became BIS on 5 June 2009",
            ),
        ],
    },
    Department {
        name: "Department for Business and Trade",
        abbreviations: &["DBT", "DIT"],
        former: &[(
            "Department for International Trade",
            "became DBT on 7 February 2023",
        )],
    },
    Department {
        name: "Department for Energy Security and Net Zero",
        abbreviations: &["DESNZ"],
        former: &[],
    },
    Department {
        name: "Department for Science, Innovation and Technology",
        abbreviations: &["DSIT"],
        former: &[],
    },
];

/// A name as compared: lower case, "&" as "and", no punctuation, single spaces, no leading
/// "the".
pub fn comparable(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for word in name
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | '\'' | '’' | '(' | ')'))
        .filter(|w| !w.is_empty())
    {
        let word = if word == "&" { "and" } else { word };
        if out.is_empty() && word.eq_ignore_ascii_case("the") {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// The department a funder's name means, and why (its current name written differently, an
/// abbreviation, or the change that renamed it), if it names one.
pub fn department(name: &str) -> Option<(&'static Department, &'static str)> {
    let wanted = comparable(name);
    if wanted.is_empty() {
        return None;
    }
    known_names()
        .iter()
        .find(|(known, _, _)| *known == wanted)
        .map(|&(_, department, why)| (department, why))
}

/// Every name a department is known by, comparable ([`comparable`]), with the department and
/// why the name means it: each department's current name, then its abbreviations, then its
/// former names, department by department. Worked out once, not for every name looked up.
fn known_names() -> &'static [(String, &'static Department, &'static str)] {
    static KNOWN: OnceLock<Vec<(String, &'static Department, &'static str)>> = OnceLock::new();
    KNOWN.get_or_init(|| {
        let mut known = Vec::new();
        for department in DEPARTMENTS {
            let same = "the same department, written differently";
            known.push((comparable(department.name), department, same));
            for abbreviation in department.abbreviations {
                known.push((comparable(abbreviation), department, "an abbreviation"));
            }
            for &(former, change) in department.former {
                known.push((comparable(former), department, change));
            }
        }
        known
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_registers_names_for_one_department_are_one_department() {
        let name = |text| department(text).map(|(d, _)| d.name);
        let housing = Some("Ministry of Housing, Communities and Local Government");
        for text in ["DLUHC", "MHCLG", "DCLG", "CLG Local Government", " dclg "] {
            assert_eq!(name(text), housing, "{text}");
        }
        assert_eq!(
            name("Department for Business Innovation and Skills"),
            name("BIS")
        );
        assert_eq!(name("HM Revenue & Customs"), Some("HM Revenue and Customs"));
        assert_eq!(name("MoJ "), Some("Ministry of Justice"));
        assert_eq!(
            name("DEFRA"),
            name("Department for Environment, Food and Rural Affairs")
        );
        assert_eq!(name("DH"), Some("Department of Health and Social Care"));
        assert_eq!(
            department("Department of Health").map(|(_, why)| why),
            Some("renamed DHSC on 9 January 2018")
        );
        for other in [
            "HMT Central Exchequer",
            "Durham County Council",
            "",
            "Health",
        ] {
            assert_eq!(name(other), None, "{other}");
        }
    }

    #[test]
    fn no_name_means_two_departments() {
        let mut seen = std::collections::HashMap::new();
        for department in DEPARTMENTS {
            let names = std::iter::once(department.name)
                .chain(department.abbreviations.iter().copied())
                .chain(department.former.iter().map(|(name, _)| *name));
            for name in names {
                if let Some(other) = seen.insert(comparable(name), department.name) {
                    panic!("{name} means both {other} and {}", department.name);
                }
            }
        }
    }
}
