//! What each page of a package weighs, against a budget: `cargo desk build` and `pack` print
//! it as a table, warn when a page is over, and fail with `--deny-over-budget`.
//!
//! The budget is the crate's `[package.metadata.desk.budget]` (`module`, `module-gzipped` and
//! `page-gzipped`, in bytes), each key defaulting to this project's goals for the pages of its
//! example extensions: a module under 64 KB after optimisation and 28 KB gzipped, and a page,
//! what an agent downloads, under 40 KB gzipped.

use crate::{Built, Error};
use serde_json::Value;
use std::fmt::Write as _;

/// What a page may weigh, in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    /// The page's WebAssembly module, as it ships.
    pub module: u64,
    /// The module, gzipped.
    pub module_gzipped: u64,
    /// The page (its module inlined), gzipped: what an agent's browser downloads.
    pub page_gzipped: u64,
}

impl Default for Budget {
    fn default() -> Self {
        Budget {
            module: 64 * 1024,
            module_gzipped: 28 * 1024,
            page_gzipped: 40 * 1024,
        }
    }
}

impl Budget {
    /// The budget a package's `cargo metadata` entry sets in `metadata.desk.budget`, each key
    /// missing taking its default.
    ///
    /// # Errors
    ///
    /// A key that is not one of the three, or whose value is not a whole number of bytes.
    pub fn from_metadata(package: &Value) -> Result<Budget, Error> {
        let mut budget = Budget::default();
        let Some(set) = package.pointer("/metadata/desk/budget") else {
            return Ok(budget);
        };
        let keys = set.as_object().ok_or_else(|| {
            Error::new("`[package.metadata.desk.budget]` in Cargo.toml is not a table")
        })?;
        for (key, value) in keys {
            let slot = match key.as_str() {
                "module" => &mut budget.module,
                "module-gzipped" => &mut budget.module_gzipped,
                "page-gzipped" => &mut budget.page_gzipped,
                _ => {
                    return Err(Error::new(format!(
                        "`[package.metadata.desk.budget]` has no key `{}`: it takes `module`, \
                         `module-gzipped` and `page-gzipped`, in bytes",
                        key.chars().take(64).collect::<String>()
                    )));
                }
            };
            *slot = value.as_u64().ok_or_else(|| {
                Error::new(format!(
                    "`[package.metadata.desk.budget]` `{key}` is a number of bytes, e.g. `{key} = \
                     65536`"
                ))
            })?;
        }
        Ok(budget)
    }
}

/// What one page weighs, in bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Weight {
    /// The widget's (or modal's) name.
    pub page: String,
    /// Its module, as it ships.
    pub module: u64,
    /// Its module, gzipped.
    pub module_gzipped: u64,
    /// The page, gzipped.
    pub page_gzipped: u64,
}

impl Weight {
    /// Each page of `built`, weighed.
    ///
    /// # Errors
    ///
    /// A file of the package that cannot be read.
    pub fn of(built: &Built) -> Result<Vec<Weight>, Error> {
        built
            .modules
            .iter()
            .zip(&built.written.pages)
            .map(|(module, page)| {
                Ok(Weight {
                    page: module.name.clone(),
                    module: crate::build::file_size(&module.shipped)?,
                    module_gzipped: crate::build::gzipped_size(&module.shipped)?,
                    page_gzipped: crate::build::gzipped_size(&page.path)?,
                })
            })
            .collect()
    }

    /// What of the page is over `budget`, named as the table's columns.
    pub fn over(&self, budget: &Budget) -> Vec<&'static str> {
        [
            ("module", self.module, budget.module),
            ("module gzipped", self.module_gzipped, budget.module_gzipped),
            ("page gzipped", self.page_gzipped, budget.page_gzipped),
        ]
        .into_iter()
        .filter(|(_, weight, limit)| weight > limit)
        .map(|(column, _, _)| column)
        .collect()
    }
}

/// The table `cargo desk build` and `pack` print: each page, its weights against `budget`, and
/// whether it is within. A package whose modules are not optimised says so on every row: its
/// modules are weighed as they ship, larger than optimised ones.
pub fn table(weights: &[Weight], budget: &Budget, optimized: bool) -> String {
    let mut table = format!(
        "{:<24} {:>12} {:>16} {:>14}  \n{:<24} {:>12} {:>16} {:>14}  \n",
        "page",
        "module",
        "module gzipped",
        "page gzipped",
        "budget",
        budget.module,
        budget.module_gzipped,
        budget.page_gzipped
    );
    for weight in weights {
        let over = weight.over(budget);
        let verdict = if over.is_empty() {
            "within".to_owned()
        } else {
            format!("over: {}", over.join(", "))
        };
        let _ = writeln!(
            table,
            "{:<24} {:>12} {:>16} {:>14}  {verdict}{}",
            weight.page,
            weight.module,
            weight.module_gzipped,
            weight.page_gzipped,
            if optimized { "" } else { " (not optimised)" }
        );
    }
    table
}

/// The pages over `budget`, as an error for `--deny-over-budget`.
///
/// # Errors
///
/// When any page is over.
pub fn check(weights: &[Weight], budget: &Budget) -> Result<(), Error> {
    let over: Vec<String> = weights
        .iter()
        .filter(|weight| !weight.over(budget).is_empty())
        .map(|weight| format!("`{}` ({})", weight.page, weight.over(budget).join(", ")))
        .collect();
    if over.is_empty() {
        Ok(())
    } else {
        Err(Error::new(format!(
            "over budget: {}; set the budget in `[package.metadata.desk.budget]` of Cargo.toml",
            over.join(", ")
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn weight(module: u64, module_gzipped: u64, page_gzipped: u64) -> Weight {
        Weight {
            page: "Call Bar".to_owned(),
            module,
            module_gzipped,
            page_gzipped,
        }
    }

    #[test]
    fn the_budget_defaults_to_the_goals_and_takes_the_crates_keys() {
        assert_eq!(
            Budget::from_metadata(&json!({ "metadata": null })).unwrap(),
            Budget {
                module: 65_536,
                module_gzipped: 28_672,
                page_gzipped: 40_960
            }
        );
        let package = json!({ "metadata": { "desk": { "budget": { "module": 100_000 } } } });
        let budget = Budget::from_metadata(&package).unwrap();
        assert_eq!(budget.module, 100_000);
        assert_eq!(budget.page_gzipped, 40_960);
    }

    #[test]
    fn a_budget_that_is_not_bytes_is_refused_with_its_key() {
        let package = json!({ "metadata": { "desk": { "budget": { "module": "64 KB" } } } });
        let error = Budget::from_metadata(&package).unwrap_err().to_string();
        assert!(error.contains("`module` is a number of bytes"), "{error}");
        let package = json!({ "metadata": { "desk": { "budget": { "modul": 1 } } } });
        let error = Budget::from_metadata(&package).unwrap_err().to_string();
        assert!(error.contains("has no key `modul`"), "{error}");
    }

    #[test]
    fn a_page_over_any_of_the_three_is_over() {
        let budget = Budget::default();
        assert!(weight(65_536, 28_672, 40_960).over(&budget).is_empty());
        assert_eq!(weight(65_537, 1, 1).over(&budget), ["module"]);
        assert_eq!(
            weight(1, 28_673, 40_961).over(&budget),
            ["module gzipped", "page gzipped"]
        );
    }

    #[test]
    fn the_table_says_what_is_over_and_an_unoptimised_module() {
        let weights = [
            weight(50_000, 20_000, 30_000),
            weight(125_573, 55_159, 70_000),
        ];
        let table = table(&weights, &Budget::default(), false);
        let rows: Vec<&str> = table.lines().collect();
        assert_eq!(rows.len(), 4, "{table}");
        assert!(
            rows[1].contains("65536") && rows[1].contains("40960"),
            "{table}"
        );
        assert!(rows[2].ends_with("within (not optimised)"), "{table}");
        assert!(
            rows[3].ends_with("over: module, module gzipped, page gzipped (not optimised)"),
            "{table}"
        );
        let error = check(&weights, &Budget::default()).unwrap_err().to_string();
        assert!(
            error.contains("`Call Bar` (module, module gzipped, page gzipped)"),
            "{error}"
        );
        assert!(check(&weights[..1], &Budget::default()).is_ok());
    }
}
