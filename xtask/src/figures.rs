//! `docs/figures.md`: every figure of the project (sizes, start-up ratios) written once, by the
//! command that measures it. Each command owns a section between markers and rewrites it
//! whole, with when, at which commit and how it measured; the README, the guide and the
//! decisions link to the file rather than copy its numbers.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::Command;

/// What a command measured: printed as it goes, and saved into its section.
#[derive(Default)]
pub struct Report {
    text: String,
}

impl Report {
    /// Prints `line` and keeps it for the file.
    pub fn line(&mut self, line: impl std::fmt::Display) {
        println!("{line}");
        let _ = writeln!(self.text, "{line}");
    }

    /// Replaces the section `name` of `docs/figures.md` with the report, under a heading that
    /// says which command wrote it, when and at which commit.
    pub fn save(self, name: &str, command: &str) -> Result<(), String> {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs/figures.md");
        let figures =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let (begin, end) = (
            format!("<!-- {name}:begin -->\n"),
            format!("<!-- {name}:end -->"),
        );
        let start = figures
            .find(&begin)
            .ok_or_else(|| format!("docs/figures.md has no `{begin}`"))?
            + begin.len();
        let stop = figures
            .find(&end)
            .ok_or_else(|| format!("docs/figures.md has no `{end}`"))?;
        let section = format!(
            "Written by `{command}` on {}, at commit {}, on a machine of {} cores.\n\n{}\n",
            today(),
            commit(),
            std::thread::available_parallelism().map_or(0, std::num::NonZero::get),
            self.text.trim()
        );
        let updated = format!("{}{section}{}", &figures[..start], &figures[stop..]);
        std::fs::write(&path, updated).map_err(|e| format!("{}: {e}", path.display()))?;
        println!("\n(written into docs/figures.md, section `{name}`)");
        Ok(())
    }
}

/// The current commit, short; `unknown` outside a git checkout.
fn commit() -> String {
    Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .output()
        .ok()
        .filter(|output| output.status.success())
        .map_or_else(
            || "unknown".to_owned(),
            |output| String::from_utf8_lossy(&output.stdout).trim().to_owned(),
        )
}

/// Today's date (UTC), `YYYY-MM-DD`, from the system clock (Howard Hinnant's `civil_from_days`).
fn today() -> String {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs());
    let days = i64::try_from(seconds / 86_400).unwrap_or(0) + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn today_is_a_date() {
        let today = super::today();
        assert_eq!(today.len(), 10, "{today}");
        assert!(today.starts_with("20"), "{today}");
    }
}
