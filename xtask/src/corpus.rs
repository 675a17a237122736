//! `cargo xtask validate-corpus`: broken packages on which `cargo desk validate` and the
//! official `zet validate` must both refuse.
//!
//! Each package is the status board's good package (as `cargo xtask package` writes it) with one
//! small edit, aimed at a rule the toolkit has (read in zoho-extension-toolkit 1.0.24's
//! `FileCheckRule.js`, `DESK.PluginManifestRule.js` and `file-tree-parser.js`). Each validator
//! must refuse for the reason the edit is about (its output names it), not by accident. Where
//! the two differ on purpose, [`DECIDED`] says how and why; any other disagreement fails, and so
//! does a decision that no longer holds. Both must pass the good package, and a few harmless
//! variants of it.

use crate::build::{Example, package_one};
use crate::tools::find;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::Command;

/// What a validator made of a package.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    /// It passed.
    Passes,
    /// `zet validate` passed but listed files `zet pack` leaves out (with a ✖): what the CI's
    /// other checks of zet's output count as a failure.
    PassesListing,
    /// It refused.
    Refuses,
}

/// A disagreement decided on: the case, what `zet validate` does, and why cargo desk still
/// refuses.
struct Decided {
    case: &'static str,
    zet: Verdict,
    why: &'static str,
}

/// The disagreements written down. cargo desk refuses every case of the corpus.
const DECIDED: &[Decided] = &[
    Decided {
        case: "an unknown location",
        zet: Verdict::Passes,
        why: "the toolkit carries a list of locations and never consults it: the package would \
              fail only once installed in Desk",
    },
    Decided {
        case: "widget names equal but for case",
        zet: Verdict::Passes,
        why: "the toolkit compares names exactly; Desk shows both widgets under the same title",
    },
    Decided {
        case: "a .wasm file",
        zet: Verdict::PassesListing,
        why: "zet validate lists the file with a ✖ yet says it passed, and zet pack leaves it \
              out: the page that needs it would fail in Desk",
    },
    Decided {
        case: "a hidden file",
        zet: Verdict::PassesListing,
        why: "as a .wasm file: listed with a ✖, left out by zet pack",
    },
    Decided {
        case: "a file with an upper-case extension",
        zet: Verdict::PassesListing,
        why: "as a .wasm file: listed with a ✖, left out by zet pack",
    },
    Decided {
        case: "`locale` null",
        zet: Verdict::Passes,
        why: "the toolkit checks `locale` only when it is truthy, yet requires \"en\" in any it \
              checks: a package without English has no text for Desk to fall back on",
    },
    Decided {
        case: "`locale` false",
        zet: Verdict::Passes,
        why: "as `locale` null: the toolkit checks it only when truthy",
    },
    Decided {
        case: "`whiteListedDomains` an empty string",
        zet: Verdict::Passes,
        why: "the toolkit checks `whiteListedDomains` only when truthy, so \"\" and false pass \
              unread; its Desk template writes an array, which cargo desk asks for (null, which \
              the toolkit also skips, cargo desk takes as none)",
    },
    Decided {
        case: "`cspDomains` false",
        zet: Verdict::Passes,
        why: "the toolkit checks `cspDomains` only when truthy, so false and \"\" pass unread; \
              cargo desk asks for the object its Desk template writes (null taken as none)",
    },
    Decided {
        case: "a widget url naming a folder",
        zet: Verdict::Passes,
        why: "the toolkit checks only that the path exists (Node's fs.existsSync), which a \
              folder does: Desk would load no page",
    },
    Decided {
        case: "a widget url `/`",
        zet: Verdict::Passes,
        why: "as a widget url naming a folder: `/` is the package's root, no page",
    },
    Decided {
        case: "`zohoAuthorisation` an array",
        zet: Verdict::Passes,
        why: "the toolkit's object check is JavaScript's typeof, which says an array is an \
              object; its own Desk template writes an object, `{}`",
    },
    Decided {
        case: "resources.json an array",
        zet: Verdict::Passes,
        why: "the toolkit reads sections of it (channel, permissions...) without checking that it \
              is an object, which its own Desk template writes, `{}`",
    },
    Decided {
        case: "a page imports a script the package lacks",
        zet: Verdict::Passes,
        why: "the toolkit does not read pages; the page would fail in Desk",
    },
    Decided {
        case: "a service other than DESK",
        zet: Verdict::Passes,
        why: "zet validate applies the named service's rules (CRM's are files only); the package \
              is not a Desk extension",
    },
];

/// One broken package: what is broken, the edit that breaks the good package, and a piece of
/// what each validator must say about it.
struct Case {
    name: String,
    edit: Edit,
    desk_says: String,
    zet_says: String,
}

/// An edit of a package in a directory.
type Edit = Box<dyn Fn(&Path) -> Result<(), String>>;

fn case(
    name: impl Into<String>,
    desk_says: impl Into<String>,
    zet_says: impl Into<String>,
    edit: impl Fn(&Path) -> Result<(), String> + 'static,
) -> Case {
    Case {
        name: name.into(),
        edit: Box::new(edit),
        desk_says: desk_says.into(),
        zet_says: zet_says.into(),
    }
}

/// The good package as written, and as a person might write it: both validators must pass
/// each.
fn variants() -> Vec<(&'static str, Edit)> {
    vec![
        ("as packaged", Box::new(|_: &Path| Ok(()))),
        (
            "its JSON files starting with a byte-order mark",
            Box::new(|dir: &Path| {
                for file in ["plugin-manifest.json", "resources.json"] {
                    let text = read(dir, file)?;
                    write(dir, file, format!("\u{feff}{text}").as_bytes())?;
                }
                Ok(())
            }),
        ),
        (
            // Node's URL parser takes a special scheme without its slashes.
            "a whitelisted domain written https:host",
            Box::new(|dir: &Path| {
                edit_manifest(dir, |m| {
                    m["whiteListedDomains"] = json!(["https:crm.example.com"]);
                })
            }),
        ),
        (
            "German besides English",
            Box::new(|dir: &Path| {
                copy(dir, "app/translations/en.json", "app/translations/de.json")?;
                edit_manifest(dir, |m| m["locale"] = json!(["en", "de"]))
            }),
        ),
    ]
}

/// The keys the toolkit requires in `plugin-manifest.json`.
const REQUIRED_KEYS: [&str; 7] = [
    "locale",
    "storage",
    "service",
    "modules",
    "connectors",
    "config",
    "whiteListedDomains",
];

/// The corpus, in the order it runs.
#[allow(clippy::too_many_lines)]
fn corpus() -> Vec<Case> {
    let mut cases = vec![
        case(
            "a locale without its translation file",
            "app/translations/de.json",
            "following folder /app/translations",
            |dir| edit_manifest(dir, |m| m["locale"] = json!(["en", "de"])),
        ),
        case(
            "the English translation file removed",
            "app/translations/en.json",
            "following folder /app/translations",
            |dir| remove(dir, "app/translations/en.json"),
        ),
        case(
            "locales without English",
            "must hold \"en\"",
            "Default locale code 'en'",
            |dir| {
                copy(dir, "app/translations/en.json", "app/translations/de.json")?;
                edit_manifest(dir, |m| m["locale"] = json!(["de"]))
            },
        ),
        case(
            "an invalid locale code",
            "invalid locale code `xx`",
            "Invalid locale code 'xx'",
            |dir| edit_manifest(dir, |m| m["locale"] = json!(["en", "xx"])),
        ),
        case(
            "an unknown location",
            "did you mean `desk.ticket.detail.rightpanel`?",
            "",
            |dir| {
                edit_manifest(dir, |m| {
                    m["modules"]["widgets"][0]["location"] = json!("desk.ticket.detail.rightpanle");
                })
            },
        ),
        case(
            "two widgets with the same name",
            "two widgets are named",
            "should be unique for 'widgets'",
            |dir| {
                edit_manifest(dir, |m| {
                    m["modules"]["widgets"][1]["name"] = m["modules"]["widgets"][0]["name"].clone();
                })
            },
        ),
        case(
            "widget names equal but for case",
            "but for case",
            "",
            |dir| {
                edit_manifest(dir, |m| {
                    let first = m["modules"]["widgets"][0]["name"].as_str().unwrap_or("");
                    m["modules"]["widgets"][1]["name"] = json!(first.to_lowercase());
                })
            },
        ),
        case(
            "a widget name starting with a digit",
            "widget name `1 Board`",
            "alphabet in first position of 'widgets'",
            |dir| {
                edit_manifest(dir, |m| {
                    m["modules"]["widgets"][0]["name"] = json!("1 Board");
                })
            },
        ),
        case(
            "no widgets",
            "`modules.widgets` is empty",
            "at least one widget",
            |dir| edit_manifest(dir, |m| m["modules"]["widgets"] = json!([])),
        ),
        case(
            "a widget's page missing",
            "is not a file of the package",
            "\"url\" property is not found",
            |dir| {
                let url = first_widget_url(dir)?;
                remove(dir, url.trim_start_matches('/'))
            },
        ),
        case(
            "a widget's logo not an image",
            "is not an image",
            "\"logo\" property should be an image",
            |dir| {
                edit_manifest(dir, |m| {
                    m["modules"]["widgets"][0]["logo"] = json!("/app/translations/en.json");
                })
            },
        ),
        case("a .wasm file", "is not packed by the platform", "", |dir| {
            write(dir, "app/status_board_bg.wasm", b"\0asm\x01\0\0\0")
        }),
        case(
            "a hidden file",
            "`app/.gitkeep` is not packed by the platform",
            "",
            |dir| write(dir, "app/.gitkeep", b""),
        ),
        case(
            // The toolkit compares extensions as they are written: `.PNG` is not `.png`.
            "a file with an upper-case extension",
            "`app/img/photo.PNG` is not packed by the platform",
            "",
            |dir| copy(dir, "app/img/logo.png", "app/img/photo.PNG"),
        ),
        case(
            "a widget's logo with an upper-case extension",
            "its logo `/app/img/logo.PNG` is not an image",
            "\"logo\" property should be an image",
            |dir| {
                copy(dir, "app/img/logo.png", "app/img/logo.PNG")?;
                edit_manifest(dir, |m| {
                    m["modules"]["widgets"][0]["logo"] = json!("/app/img/logo.PNG");
                })
            },
        ),
        case(
            "a page imports a script the package lacks",
            "which is not in the package",
            "",
            |dir| {
                let url = first_widget_url(dir)?;
                let page = url.trim_start_matches('/');
                let html = read(dir, page)?;
                let html = html.replacen(
                    "</head>",
                    "<script src=\"./module/missing.js\"></script></head>",
                    1,
                );
                write(dir, page, html.as_bytes())
            },
        ),
        case(
            "a service other than DESK",
            "`service` must be \"DESK\"",
            "",
            |dir| edit_manifest(dir, |m| m["service"] = json!("CRM")),
        ),
        case(
            "`storage` not a boolean",
            "`storage` must be true or false",
            "\"storage\" property can be either",
            |dir| edit_manifest(dir, |m| m["storage"] = json!("yes")),
        ),
        case(
            "`type` neither personal nor org",
            "`type` must be",
            "\"type\" property can be either",
            |dir| edit_manifest(dir, |m| m["type"] = json!("team")),
        ),
        case(
            "`config` not an array",
            "`config` must be an array",
            "The \"config\" can only be an object",
            |dir| edit_manifest(dir, |m| m["config"] = json!({ "name": "apiKey" })),
        ),
        case(
            "`config` null",
            "`config` must be an array",
            "The \"config\" can only be an object",
            |dir| edit_manifest(dir, |m| m["config"] = Value::Null),
        ),
        case(
            "`connectors` null",
            "`connectors` must be an array",
            "\"connectors\"",
            |dir| edit_manifest(dir, |m| m["connectors"] = Value::Null),
        ),
        case("`locale` null", "`locale` must be an array", "", |dir| {
            edit_manifest(dir, |m| m["locale"] = Value::Null)
        }),
        case("`locale` false", "`locale` must be an array", "", |dir| {
            edit_manifest(dir, |m| m["locale"] = json!(false))
        }),
        case(
            "`whiteListedDomains` an empty string",
            "`whiteListedDomains` must be an array",
            "",
            |dir| edit_manifest(dir, |m| m["whiteListedDomains"] = json!("")),
        ),
        case(
            "`cspDomains` false",
            "`cspDomains` must be an object",
            "",
            |dir| edit_manifest(dir, |m| m["cspDomains"] = json!(false)),
        ),
        case(
            "a widget url naming a folder",
            "its url `/app/img` is not a file of the package",
            "",
            |dir| {
                edit_manifest(dir, |m| {
                    m["modules"]["widgets"][0]["url"] = json!("/app/img");
                })
            },
        ),
        case(
            "a widget url `/`",
            "its url `/` is not a file of the package",
            "",
            |dir| edit_manifest(dir, |m| m["modules"]["widgets"][0]["url"] = json!("/")),
        ),
        // A present `null` is of the wrong type where the toolkit reads the key: its
        // `isUndefined` is false for it.
        case(
            "a config parameter's `displayName` null",
            "`displayName` must be a string",
            "The property \"displayName\" should be a string",
            |dir| {
                edit_manifest(dir, |m| {
                    m["config"] = json!([{ "name": "key", "displayName": null }]);
                })
            },
        ),
        case(
            "a config parameter's `description` null",
            "`description` must be a string",
            "The property \"description\" should be a string",
            |dir| {
                edit_manifest(dir, |m| {
                    m["config"] = json!([{ "name": "key", "description": null }]);
                })
            },
        ),
        case(
            "a config parameter's `userdefined` null",
            "`userdefined` must be true or false",
            "The \"userdefined\" property should be a boolean",
            |dir| {
                edit_manifest(dir, |m| {
                    m["config"] = json!([{ "name": "key", "userdefined": null }]);
                })
            },
        ),
        case(
            "a connector's `scope` null",
            "`scope` must be an array",
            "The \"scope\" property should be an array",
            |dir| {
                edit_manifest(dir, |m| {
                    m["connectors"] = json!([{ "connectionName": "crm", "serviceName": "svc",
                        "connectionLinkName": "crm", "scope": null }]);
                })
            },
        ),
        case(
            "a widget's logo null",
            "logo null is not a string",
            "The \"logo\" property should be a string",
            |dir| edit_manifest(dir, |m| m["modules"]["widgets"][0]["logo"] = Value::Null),
        ),
        case(
            "a widget's icon null",
            "icon null is not a string",
            "The \"icon\" property should be a string",
            |dir| edit_manifest(dir, |m| m["modules"]["widgets"][0]["icon"] = Value::Null),
        ),
        case(
            // JavaScript's `length`: 200 emoji are 400 UTF-16 code units.
            "a config parameter's `displayName` of 200 emoji",
            "`displayName` is longer than 255 characters",
            "\"displayName\" should be a maximum of 255",
            |dir| {
                edit_manifest(dir, |m| {
                    m["config"] =
                        json!([{ "name": "key", "displayName": "\u{1F600}".repeat(200) }]);
                })
            },
        ),
        case(
            "`zohoAuthorisation` an array",
            "`zohoAuthorisation` must be an object",
            "",
            |dir| edit_manifest(dir, |m| m["zohoAuthorisation"] = json!([])),
        ),
        case(
            "resources.json an array",
            "resources.json is not a JSON object",
            "",
            |dir| write(dir, "resources.json", b"[]"),
        ),
        case(
            "a config parameter of an unknown type",
            "type `date` is not one of",
            "The \"type\" can only be a string with the values",
            |dir| {
                edit_manifest(dir, |m| {
                    m["config"] = json!([{ "name": "since", "userdefined": true, "type": "date",
                        "mandatory": false, "secure": false }]);
                })
            },
        ),
        case(
            "a whitelisted domain that is not a URL",
            "not an http(s) or wss URL",
            "Invalid entries found in the \"whiteListedDomains\"",
            |dir| {
                edit_manifest(dir, |m| {
                    m["whiteListedDomains"] = json!(["crm.example.com"]);
                })
            },
        ),
        case(
            // Node's URL parser refuses a port over 65535.
            "a whitelisted domain with a port out of range",
            "not an http(s) or wss URL",
            "Invalid entries found in the \"whiteListedDomains\"",
            |dir| {
                edit_manifest(dir, |m| {
                    m["whiteListedDomains"] = json!(["https://crm.example.com:99999"]);
                })
            },
        ),
        case(
            "two connectors with the same name",
            "two connectors are named `crm`",
            "should be unique for 'connectors'",
            |dir| {
                let connector = |service: &str| {
                    json!({ "connectionName": "crm", "serviceName": service,
                        "connectionLinkName": "crm" })
                };
                edit_manifest(dir, |m| {
                    m["connectors"] = json!([connector("a"), connector("b")]);
                })
            },
        ),
        case(
            "a connector for the service zlabs_integration",
            "`serviceName` cannot be zlabs_integration",
            "should be under the zohoAuthorisation key",
            |dir| {
                edit_manifest(dir, |m| {
                    m["connectors"] = json!([{ "connectionName": "crm",
                        "serviceName": "zlabs_integration", "connectionLinkName": "crm" }]);
                })
            },
        ),
        case(
            "more than 20 config parameters",
            "at most 20 `config` parameters",
            "\"config\"",
            |dir| {
                let params: Vec<Value> = (0..21)
                    .map(|n| json!({ "name": format!("p{n}"), "value": "v" }))
                    .collect();
                edit_manifest(dir, |m| m["config"] = json!(params))
            },
        ),
        case(
            "a connect-src domain that is not a URL",
            "every `connect-src` domain must be a URL",
            "connect-src",
            |dir| {
                edit_manifest(dir, |m| {
                    m["cspDomains"] = json!({ "connect-src": ["api.example.com"] });
                })
            },
        ),
        case(
            "zohoAuthorisation without its type",
            "`zohoAuthorisation.type` is missing",
            "\"type\" is missing in zohoAuthorisation",
            |dir| {
                edit_manifest(dir, |m| {
                    m["zohoAuthorisation"] = json!({ "serviceName": "zlabs_integration" });
                })
            },
        ),
        case(
            "a widget url neither a URL nor a path",
            "invalid url `status-board.html`",
            "\"url\"",
            |dir| {
                edit_manifest(dir, |m| {
                    m["modules"]["widgets"][0]["url"] = json!("status-board.html");
                })
            },
        ),
        case(
            "no resources.json",
            "no resources.json",
            "'resources.json' file is missing",
            |dir| remove(dir, "resources.json"),
        ),
        case(
            "resources.json not JSON",
            "resources.json is not a JSON object",
            "SyntaxError",
            |dir| write(dir, "resources.json", b"{"),
        ),
        case(
            "plugin-manifest.json not JSON",
            "plugin-manifest.json is not JSON",
            "plugin-manifest.json is not a valid JSON file",
            |dir| write(dir, "plugin-manifest.json", b"{\"locale\": [\"en\"],"),
        ),
        case(
            "no app folder",
            "no `app` folder",
            "app directory is missing",
            |dir| std::fs::remove_dir_all(dir.join("app")).map_err(|e| format!("app/: {e}")),
        ),
        case(
            "an empty app folder",
            "the `app` folder is empty",
            "app directory is empty",
            |dir| {
                std::fs::remove_dir_all(dir.join("app")).map_err(|e| format!("app/: {e}"))?;
                std::fs::create_dir(dir.join("app")).map_err(|e| format!("app/: {e}"))
            },
        ),
        case(
            "a file named only by its extension",
            "`app/img/.png`",
            ".png is invalid,File name cannot be empty",
            |dir| copy(dir, "app/img/logo.png", "app/img/.png"),
        ),
        case(
            "a file name with a space",
            "file name `read me.txt`",
            "read me.txt contains invalid charactors",
            |dir| write(dir, "app/read me.txt", b"notes"),
        ),
        case(
            "a folder name with a dot",
            "folder `app/v1.2/`",
            "Invalid Folder Name - v1.2",
            |dir| write(dir, "app/v1.2/notes.txt", b"notes"),
        ),
        case(
            "a file name over 50 characters",
            "longer than 50 characters",
            "length should be less than 50 characters",
            |dir| write(dir, &format!("app/{}.txt", "n".repeat(48)), b"notes"),
        ),
        case(
            "a file over 5 MB",
            "is over 5 MB",
            "File size exceeds the allowed limit of 5",
            |dir| write(dir, "app/big.txt", &vec![b'x'; 5_000_001]),
        ),
        case(
            "more than 250 files",
            "the platform takes at most 250",
            "Maximum number of files allowed is 250",
            |dir| fill(dir, 251),
        ),
        case(
            // The toolkit counts translation files twice: 250 files with en.json are 251.
            "250 files, a translation among them",
            "the platform takes at most 250",
            "Maximum number of files allowed is 250",
            |dir| fill(dir, 250),
        ),
    ];
    for key in REQUIRED_KEYS {
        // The toolkit reads `service` before its rules: without it, the service is invalid.
        let zet_says = if key == "service" {
            "Invalid service".to_owned()
        } else {
            format!("\"{key}\" key is missing")
        };
        cases.push(case(
            format!("no `{key}` in the manifest"),
            format!("`{key}` is missing"),
            zet_says,
            move |dir| {
                edit_manifest(dir, |m| {
                    if let Some(object) = m.as_object_mut() {
                        object.remove(key);
                    }
                })
            },
        ));
    }
    cases
}

/// Packages the status board, checks that both validators pass it, then runs the corpus on
/// copies of it.
pub fn run() -> Result<(), String> {
    let good = package_one(&Example {
        krate: "status-board",
        extension: &status_board::EXTENSION,
    })?;
    let zet = find("zet", "ZET")?;
    let work = crate::tools::target_dir().join("validate-corpus");
    let mut failures = Vec::new();
    // zet validate writes its log into the package: it runs on copies.
    let variants = variants();
    for (index, (name, edit)) in variants.iter().enumerate() {
        let dir = work.join(format!("good-{index:02}"));
        copy_dir(&good, &dir)?;
        edit(&dir).map_err(|e| format!("{name}: the edit failed: {e}"))?;
        let judged = judge(&zet, &dir)?;
        if (judged.desk, judged.zet) == (Verdict::Passes, Verdict::Passes) {
            println!("  the good package, {name}: both pass");
        } else {
            failures.push(format!(
                "the good package, {name}: both must pass it\n{judged}"
            ));
        }
    }
    let cases = corpus();
    for (index, case) in cases.iter().enumerate() {
        let dir = work.join(format!("case-{index:02}"));
        copy_dir(&good, &dir)?;
        (case.edit)(&dir).map_err(|e| format!("{}: the edit failed: {e}", case.name))?;
        let judged = judge(&zet, &dir)?;
        let decided = DECIDED.iter().find(|d| d.case == case.name);
        let problems = judged.problems(case, decided.map_or(Verdict::Refuses, |d| d.zet));
        match (problems.is_empty(), decided) {
            (true, Some(decided)) => println!(
                "  {}: cargo desk refuses, zet {:?} (decided: {})",
                case.name, judged.zet, decided.why
            ),
            (true, None) => println!("  {}: both refuse", case.name),
            (false, _) => {
                failures.push(format!("{}: {}\n{judged}", case.name, problems.join("; ")));
            }
        }
    }
    if let Some(unused) = DECIDED
        .iter()
        .find(|d| !cases.iter().any(|c| c.name == d.case))
    {
        failures.push(format!("DECIDED names `{}`, not a case", unused.case));
    }
    let _ = std::fs::remove_dir_all(&work);
    if failures.is_empty() {
        println!(
            "validate corpus: {} good packages, passed by both; {} broken packages, all refused \
             by cargo desk validate; zet validate refuses {} and the other {} are decided \
             disagreements",
            variants.len(),
            cases.len(),
            cases.len() - DECIDED.len(),
            DECIDED.len()
        );
        Ok(())
    } else {
        Err(format!(
            "{} of {} packages:\n\n{}",
            failures.len(),
            variants.len() + cases.len(),
            failures.join("\n\n")
        ))
    }
}

/// What both validators made of a package, and what they said.
struct Judged {
    desk: Verdict,
    desk_said: String,
    zet: Verdict,
    zet_said: String,
}

impl Judged {
    /// How this differs from what `case` expects, `zet` being what zet validate must do.
    fn problems(&self, case: &Case, zet: Verdict) -> Vec<String> {
        let mut problems = Vec::new();
        if self.desk != Verdict::Refuses {
            problems.push("cargo desk validate passed it".to_owned());
        } else if !self.desk_said.contains(&case.desk_says) {
            problems.push(format!("cargo desk did not say `{}`", case.desk_says));
        }
        if self.zet != zet {
            problems.push(format!("zet validate {:?}, expected {zet:?}", self.zet));
        } else if zet == Verdict::Refuses && !self.zet_said.contains(&case.zet_says) {
            problems.push(format!("zet validate did not say `{}`", case.zet_says));
        }
        problems
    }
}

impl std::fmt::Display for Judged {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "  cargo desk validate: {:?}", self.desk)?;
        for line in self.desk_said.lines() {
            writeln!(f, "    {line}")?;
        }
        writeln!(f, "  zet validate: {:?}", self.zet)?;
        for line in self.zet_said.lines().filter(|l| !l.trim().is_empty()) {
            writeln!(f, "    {line}")?;
        }
        Ok(())
    }
}

/// Both validators on the package in `dir`.
fn judge(zet: &Path, dir: &Path) -> Result<Judged, String> {
    let problems = cargo_desk::validate::validate(dir);
    let output = Command::new(zet)
        .arg("validate")
        .current_dir(dir)
        .env("NO_UPDATE_NOTIFIER", "1")
        .output()
        .map_err(|e| format!("cannot run {}: {e}", zet.display()))?;
    let zet_said = cargo_desk::strip_ansi(&format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    ));
    let zet_verdict = if !output.status.success()
        || !zet_said.contains("Validation Rules passed successfully.")
    {
        Verdict::Refuses
    } else if zet_said.contains('✖') {
        Verdict::PassesListing
    } else {
        Verdict::Passes
    };
    Ok(Judged {
        desk: if problems.is_empty() {
            Verdict::Passes
        } else {
            Verdict::Refuses
        },
        desk_said: problems
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n"),
        zet: zet_verdict,
        zet_said,
    })
}

/// Reads `plugin-manifest.json`, changes it, writes it back.
fn edit_manifest(dir: &Path, change: impl FnOnce(&mut Value)) -> Result<(), String> {
    let mut manifest: Value =
        serde_json::from_str(&read(dir, "plugin-manifest.json")?).map_err(|e| e.to_string())?;
    change(&mut manifest);
    let text = serde_json::to_string_pretty(&manifest).map_err(|e| e.to_string())?;
    write(dir, "plugin-manifest.json", text.as_bytes())
}

fn first_widget_url(dir: &Path) -> Result<String, String> {
    let manifest: Value =
        serde_json::from_str(&read(dir, "plugin-manifest.json")?).map_err(|e| e.to_string())?;
    manifest["modules"]["widgets"][0]["url"]
        .as_str()
        .map(ToOwned::to_owned)
        .ok_or_else(|| "the first widget has no url".to_owned())
}

/// Adds text files to `app/` until it holds `total` files.
fn fill(dir: &Path, total: usize) -> Result<(), String> {
    for n in count_files(&dir.join("app"))?..total {
        write(dir, &format!("app/fill/{n}.txt"), b"")?;
    }
    Ok(())
}

/// The files below `dir`.
fn count_files(dir: &Path) -> Result<usize, String> {
    let mut count = 0;
    for entry in std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        count += if path.is_dir() {
            count_files(&path)?
        } else {
            1
        };
    }
    Ok(count)
}

fn read(dir: &Path, file: &str) -> Result<String, String> {
    std::fs::read_to_string(dir.join(file)).map_err(|e| format!("{file}: {e}"))
}

fn write(dir: &Path, file: &str, bytes: &[u8]) -> Result<(), String> {
    let path = dir.join(file);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    std::fs::write(&path, bytes).map_err(|e| format!("{file}: {e}"))
}

fn remove(dir: &Path, file: &str) -> Result<(), String> {
    std::fs::remove_file(dir.join(file)).map_err(|e| format!("{file}: {e}"))
}

fn copy(dir: &Path, from: &str, to: &str) -> Result<(), String> {
    std::fs::copy(dir.join(from), dir.join(to))
        .map(|_| ())
        .map_err(|e| format!("{from} to {to}: {e}"))
}

/// Copies the directory `from` to `to`, replacing it.
fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    let _ = std::fs::remove_dir_all(to);
    std::fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    let entries = std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| e.to_string())?;
        let target: PathBuf = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)
                .map_err(|e| format!("{}: {e}", target.display()))?;
        }
    }
    Ok(())
}
