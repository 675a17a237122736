//! `cargo desk`: new, build, serve, validate and pack Zoho Desk widgets written in Rust.

use cargo_desk::Modules;
use cargo_desk::budget::{self, Weight};
use cargo_desk::build::Optimizer;
use cargo_desk::new::{DEFAULT_LOCATION, Source, Template};
use cargo_desk::project::Project;
use cargo_desk::{Error, output};
use clap::{Args, Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Zoho Desk widgets in Rust: from `cargo desk new` to the zip Desk takes, with no Node, npm or
/// wasm tool on the machine.
#[derive(Parser)]
#[command(name = "cargo desk", bin_name = "cargo desk", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a widget crate that builds, tests and packages as it is.
    New(NewArgs),
    /// Build each page's WebAssembly module (its own widget alone), its glue and the package
    /// (target/desk/<crate>/package), and weigh each page against the crate's budget.
    Build(BuildArgs),
    /// Check a package against the toolkit's rules and what they miss (builds it first unless
    /// given a directory).
    Validate(ValidateArgs),
    /// Build, validate and zip the package Desk takes (target/desk/<crate>.zip).
    Pack(PackArgs),
    /// Serve the widget to Desk's developer mode, as `zet run` does, rebuilding on change (one
    /// module of every widget for every page, to rebuild fast).
    Serve(ServeArgs),
}

#[derive(Args)]
struct NewArgs {
    /// The crate's directory; its last component is the crate's name (and the widget's, in
    /// title case).
    path: PathBuf,
    /// Where the widget goes in Desk (checked against the platform's locations; default
    /// `desk.ticket.detail.rightpanel`).
    #[arg(long)]
    location: Option<String>,
    /// What to write: `widget`, one widget at `--location`, or `conformance`, an extension
    /// that checks in Desk's developer mode every assumption desk-widgets makes of the SDK.
    #[arg(long, default_value = "widget", value_name = "TEMPLATE")]
    template: String,
    /// The desk-widgets checkout to depend on by path (default: `$DESK_WIDGETS_PATH`, else the
    /// checkout cargo desk was installed from).
    #[arg(long, value_name = "DIR")]
    desk_path: Option<PathBuf>,
}

#[derive(Args, Clone)]
struct CrateArgs {
    /// The widget crate's Cargo.toml (default: the crate of the current directory).
    #[arg(long, value_name = "PATH")]
    manifest_path: Option<PathBuf>,
}

#[derive(Args)]
struct BuildArgs {
    #[command(flatten)]
    krate: CrateArgs,
    #[command(flatten)]
    budget: BudgetArgs,
}

#[derive(Args)]
struct BudgetArgs {
    /// Fail when a page is over the crate's budget (`[package.metadata.desk.budget]`: `module`,
    /// `module-gzipped`, `page-gzipped`, in bytes; by default 64 KiB, 28 KiB and 40 KiB), rather
    /// than warn.
    #[arg(long)]
    deny_over_budget: bool,
}

#[derive(Args)]
struct ValidateArgs {
    /// A package directory to validate as it is (default: build the crate's package).
    dir: Option<PathBuf>,
    #[command(flatten)]
    krate: CrateArgs,
}

#[derive(Args)]
struct PackArgs {
    #[command(flatten)]
    krate: CrateArgs,
    #[command(flatten)]
    budget: BudgetArgs,
    /// Where to write the zip (default: target/desk/<crate>.zip).
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Args)]
struct ServeArgs {
    #[command(flatten)]
    krate: CrateArgs,
    /// The port (Desk's developer mode expects 5000, as with `zet run`).
    #[arg(long, default_value_t = 5000)]
    port: u16,
    /// Record what happens in the served pages (the `App`, events and hooks with their
    /// payloads, SDK calls with their answers, messages, modals, clicks) to FILE, as JSON
    /// lines (the format of desk-widgets' docs/recording.md).
    #[arg(long, value_name = "FILE")]
    record: Option<PathBuf>,
}

fn main() -> ExitCode {
    // `cargo desk ...` runs `cargo-desk desk ...`.
    let mut args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if args.get(1).is_some_and(|a| a == "desk") {
        args.remove(1);
    }
    let cli = Cli::parse_from(args);
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            if let Some(compiler) = &error.output {
                eprint!("{compiler}");
            }
            output::error(&error);
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command) -> Result<(), Error> {
    match command {
        Command::New(args) => new(&args),
        Command::Build(args) => {
            let project = Project::find(args.krate.manifest_path.as_deref())?;
            let optimizer = optimizer();
            let built = cargo_desk::build_package(&project, &optimizer, Modules::PerPage)?;
            output::status("Finished", built.package_dir.display().to_string());
            weigh(&project, &built, &args.budget)
        }
        Command::Validate(args) => {
            if let Some(dir) = args.dir {
                cargo_desk::check(&dir)
            } else {
                let project = Project::find(args.krate.manifest_path.as_deref())?;
                cargo_desk::build_package(&project, &optimizer(), Modules::PerPage).map(|_| ())
            }
        }
        Command::Pack(args) => {
            let project = Project::find(args.krate.manifest_path.as_deref())?;
            let built = cargo_desk::build_package(&project, &optimizer(), Modules::PerPage)?;
            weigh(&project, &built, &args.budget)?;
            let out = args.output.unwrap_or_else(|| project.zip_path());
            let names = cargo_desk::pack::zip(&built.package_dir, &out)?;
            output::status(
                "Packed",
                format!(
                    "{} ({} files, {}): upload it in Desk, Setup > Developer Space > Build \
                     Extensions",
                    out.display(),
                    names.len(),
                    output::bytes(cargo_desk::build::file_size(&out)?)
                ),
            );
            Ok(())
        }
        Command::Serve(args) => {
            let project = Project::find(args.krate.manifest_path.as_deref())?;
            let options = cargo_desk::serve::Options {
                address: format!("127.0.0.1:{}", args.port),
                record: args.record,
            };
            cargo_desk::serve::serve(&project, &options, optimizer())
        }
    }
}

fn new(args: &NewArgs) -> Result<(), Error> {
    let template = Template::named(&args.template)?;
    let source = Source::choose(args.desk_path.clone())?;
    let location = args.location.as_deref();
    let files = cargo_desk::new::create(&args.path, template, location, &source)?;
    let name = args
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    output::status(
        "Created",
        format!(
            "{} ({})",
            match template {
                Template::Widget => format!(
                    "widget crate `{name}` at {}",
                    location.unwrap_or(DEFAULT_LOCATION)
                ),
                Template::Conformance => format!("conformance extension `{name}`"),
            },
            files
                .iter()
                .map(|f| f.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    );
    match &source {
        Source::Checkout(root) => output::note(format!(
            "desk-runtime is the checkout at {} (a path dependency, until the crates are \
             published){}",
            root.display(),
            if files.iter().any(|f| f == Path::new("Cargo.lock")) {
                "; Cargo.lock starts with the checkout's, the versions it is tested with"
            } else {
                ""
            }
        )),
        Source::Registry => output::note("desk-runtime comes from crates.io"),
    }
    output::note(format!(
        "next: `cd {}`, `cargo test`, `cargo desk serve`, `cargo desk pack`",
        args.path.display()
    ));
    Ok(())
}

/// The optimiser, with a warning once when there is none.
fn optimizer() -> Optimizer {
    let optimizer = Optimizer::find(&[]);
    if let Optimizer::None(why) = &optimizer {
        output::warn(format!(
            "the module is not optimised ({why}): it ships as compiled, the sizes below. To \
             optimise, install cargo desk with binaryen linked in (from the checkout: `cargo \
             install --locked --path cargo-desk --features wasm-opt`), or put the wasm-opt of \
             binaryen 116 or later on PATH"
        ));
    }
    optimizer
}

/// Prints each page's weights against the crate's budget; a page over it is a warning, or the
/// command's failure with `--deny-over-budget`.
fn weigh(project: &Project, built: &cargo_desk::Built, args: &BudgetArgs) -> Result<(), Error> {
    let weights = Weight::of(built)?;
    eprint!(
        "{}",
        budget::table(&weights, &project.budget, built.optimized)
    );
    match budget::check(&weights, &project.budget) {
        Err(over) if args.deny_over_budget => Err(over),
        Err(over) => {
            output::warn(over.to_string());
            Ok(())
        }
        Ok(()) => Ok(()),
    }
}
