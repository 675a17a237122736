//! The derives (`Message`, `DeskConfig`, `ConfigChoice`) and `extension!` on `proc_macro2`
//! tokens: one mistake, one error, and the impls that code using the type needs kept when the
//! mistake leaves them meaningful. The exact wording and spans are pinned by `tests/ui/`.

use proc_macro2::TokenStream;
use quote::quote;

/// The messages of the `compile_error!`s in an expansion, which must be valid Rust.
fn errors(output: &TokenStream) -> Vec<String> {
    syn::parse2::<syn::File>(output.clone()).expect("the expansion is valid Rust");
    output
        .to_string()
        .split("compile_error ! {")
        .skip(1)
        .map(|rest| rest.split('"').nth(1).unwrap_or_default().to_owned())
        .collect()
}

fn one_error(output: &TokenStream, expected: &str) {
    let errors = errors(output);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].contains(expected), "{errors:?}");
}

#[test]
fn a_message_attribute_or_name_given_twice_is_one_error_and_the_impl_is_kept() {
    let output = desk_codegen::message(quote! {
        #[message(name = "calls.found")]
        #[message(name = "calls.lost")]
        struct Found;
    });
    one_error(&output, "`#[message]` is given twice");
    assert!(
        output
            .to_string()
            .contains(r#"const NAME : & 'static str = "calls.found""#)
    );

    let output = desk_codegen::message(quote! {
        #[message(name = "calls.found", name = "calls.lost")]
        struct Found;
    });
    one_error(&output, "`name` is given twice");
    assert!(
        output
            .to_string()
            .contains(r#"const NAME : & 'static str = "calls.found""#)
    );
}

#[test]
fn a_config_setting_given_twice_is_one_error_at_the_second() {
    for (attrs, expected) in [
        (
            quote!(#[config(name = "a", name = "b")]),
            "`name` is given twice",
        ),
        (
            quote!(#[config(userdefined = false, userdefined = true)]),
            "`userdefined` is given twice",
        ),
        (
            quote!(#[config(description = "a", description = "b")]),
            "`description` is given twice",
        ),
        (quote!(#[config(radio, radio)]), "`radio` is given twice"),
        (
            quote!(#[config(radio, checkbox)]),
            "`radio` and `checkbox` are both given",
        ),
        (
            quote!(#[config(name = "a")] #[config(name = "b")]),
            "`#[config]` is given twice on this field",
        ),
    ] {
        let output = desk_codegen::desk_config(quote! {
            struct Settings { #attrs region: String }
        });
        one_error(&output, expected);
    }
    // The first is kept.
    let output = desk_codegen::desk_config(quote! {
        struct Settings { #[config(name = "a", name = "b")] region: String }
    });
    assert!(output.to_string().contains(r#"name : "a""#));
}

#[test]
fn a_generic_config_type_is_one_error_and_no_impl() {
    let output = desk_codegen::desk_config(quote!(
        struct Settings<T> {
            url: T,
        }
    ));
    one_error(&output, "no generic parameters: remove `<T>`");
    assert!(!output.to_string().contains("impl"));

    // A variant with a field is the error; rustc refuses an unused type parameter itself.
    let output = desk_codegen::config_choice(quote!(
        enum Region<T> {
            A,
            B(T),
        }
    ));
    one_error(&output, "a choice is a variant without fields");
    assert!(!output.to_string().contains("impl"));
    let output = desk_codegen::config_choice(quote!(
        enum Region<T> {
            A,
            B,
        }
    ));
    assert_eq!(errors(&output), Vec::<String>::new());
    assert!(!output.to_string().contains("impl"));
    let output = desk_codegen::config_choice(quote!(
        enum Region<const N: usize> {
            A,
            B,
        }
    ));
    one_error(&output, "no generic parameters: remove `<const N: usize>`");
    assert!(!output.to_string().contains("impl"));
}

#[test]
fn an_empty_picklist_is_one_error() {
    let output = desk_codegen::config_choice(quote!(
        enum Region {}
    ));
    one_error(&output, "a picklist needs at least one choice");
}

fn panel() -> TokenStream {
    quote!(widgets: { "Call Panel": Panel })
}

#[test]
fn a_quoted_known_key_is_one_error_and_read_as_the_key() {
    let widgets = panel();
    let output = desk_codegen::extension(quote!("name": "Call Tools", #widgets));
    one_error(&output, "write the key without quotes: `name: ...`");
    assert!(output.to_string().contains(r#"name : "Call Tools""#));
    // An unknown one is still unknown.
    let output = desk_codegen::extension(quote!(name: "X", "nmae": "Call Tools", #widgets));
    one_error(&output, "unknown key `nmae`");
}

#[test]
fn two_widgets_with_one_name_are_one_error_saying_so() {
    let output = desk_codegen::extension(quote! {
        name: "X", widgets: { "Call Panel": Panel, "Call Panel": Other }
    });
    one_error(&output, "two widgets are named `Call Panel`");
    let output = desk_codegen::extension(quote! {
        name: "X", widgets: { "Call Panel": Panel }, modals: { "Call Panel": Log }
    });
    one_error(&output, "a widget is already named `Call Panel`");
    let output = desk_codegen::extension(quote! {
        name: "X", modals: { "Log": Log, "Log": Other }, widgets: { "Call Panel": Panel }
    });
    one_error(&output, "two modals are named `Log`");
}

#[test]
fn translations_without_locales_is_one_error() {
    let widgets = panel();
    for locales in [quote!(), quote!(locales: [],)] {
        let output = desk_codegen::extension(quote! {
            name: "X", #locales translations: "i18n", #widgets
        });
        one_error(&output, "no locale is declared: add `locales: [");
    }
}

#[test]
fn a_widget_entry_refuses_a_modal_at_compile_time() {
    let widgets = panel();
    let output = desk_codegen::extension(quote!(name: "X", #widgets)).to_string();
    assert!(output.contains("is a modal (`#[desk_widget(modal)]`): list it under `modals"));
    assert!(output.contains("not_modal :: < Panel > ()"));
}

#[test]
fn a_placeholder_with_spaces_is_one_error_and_makes_one_parameter() {
    let dir = std::env::temp_dir().join(format!("desk-codegen-spaced-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("i18n")).unwrap();
    std::fs::write(
        dir.join("i18n/en.json"),
        r#"{"calls.total": "{n} calls, { n } total"}"#,
    )
    .unwrap();
    std::fs::write(dir.join("i18n/fr.json"), r#"{"calls.total": "{n} appels"}"#).unwrap();
    let widgets = panel();
    let output = desk_codegen::extension_in(
        quote!(name: "X", locales: ["en", "fr"], translations: "i18n", #widgets),
        Some(&dir.join("lib.rs")),
    );
    std::fs::remove_dir_all(&dir).ok();
    one_error(
        &output,
        "has the placeholder `{ n }`, which is never filled: write `{n}`",
    );
    let output = output.to_string();
    assert!(
        output.contains("fn calls_total (& self , n : impl"),
        "{output}"
    );
}

/// A block doc comment is read as its lines, as `///` comments are: its first paragraph is the
/// `displayName`, the rest the `description`, a block's leading `*`s left out.
#[test]
fn a_block_doc_comment_is_split_into_paragraphs() {
    let output = desk_codegen::desk_config(quote! {
        struct Settings {
            /** CRM address

                The address of your CRM's API.
             */
            crm_url: String,
            /**
             * Region
             *
             * Where the CRM is.
             */
            region: String,
            /// * a line of its own, kept whole
            note: String,
            /// Calls logged
            ///
            /// Counted by the extension.
            logged: String,
        }
    });
    assert!(errors(&output).is_empty());
    let output = output
        .to_string()
        .replace(":: core :: option :: Option :: ", "");
    for expected in [
        r#"display_name : Some ("CRM address")"#,
        r#"description : Some ("The address of your CRM's API.")"#,
        r#"display_name : Some ("Region")"#,
        r#"description : Some ("Where the CRM is.")"#,
        r#"display_name : Some ("* a line of its own, kept whole")"#,
        r#"display_name : Some ("Calls logged")"#,
        r#"description : Some ("Counted by the extension.")"#,
    ] {
        assert!(output.contains(expected), "{expected} in {output}");
    }
}

#[test]
fn a_display_name_is_one_line() {
    let output = desk_codegen::desk_config(quote! {
        struct Settings {
            #[config(display_name = "CRM\naddress")]
            crm_url: String,
        }
    });
    one_error(&output, "a `displayName` is one line");
}

/// A name the platform's pattern takes but whose page, `app/<name>.html`, the toolkit refuses:
/// a file name over 50 characters.
#[test]
fn a_widget_name_too_long_for_its_page_is_one_error() {
    let name = "A".repeat(46);
    let output = desk_codegen::extension(quote! {
        name: "X", widgets: { #name: Panel }
    });
    one_error(&output, "would be a file name over 50 characters");
    let name = "A".repeat(45);
    let output = desk_codegen::extension(quote! {
        name: "X", widgets: { #name: Panel }
    });
    assert!(errors(&output).is_empty(), "{:?}", errors(&output));
}

/// A misspelt key is one error and is read as the key meant: `storrage: true` still enables
/// storage, so the widget's storage calls are not refused too.
#[test]
fn a_misspelt_key_is_one_error_and_read_as_the_key_meant() {
    let output = desk_codegen::extension(quote! {
        name: "X", storrage: true, widgets: { "Call Panel": Panel }
    });
    one_error(&output, "did you mean `storage`?");
    assert!(output.to_string().contains("StorageEnabled"), "{output}");
    // Not when the key meant is there too: then the misspelt one is only refused.
    let output = desk_codegen::extension(quote! {
        name: "X", storrage: true, storage: false, widgets: { "Call Panel": Panel }
    });
    one_error(&output, "did you mean `storage`?");
    assert!(!output.to_string().contains("StorageEnabled"), "{output}");
}

/// The toolkit's 255 characters of a `displayName` or `description` are JavaScript's `length`,
/// UTF-16 code units: 200 emoji are 400, refused by `zet validate`, so by the macros too.
#[test]
fn a_text_s_255_characters_are_counted_in_utf_16_units() {
    let emoji = "\u{1F600}".repeat(200);
    let output = desk_codegen::extension(quote! {
        name: "X", config: [{ name: "key", display_name: #emoji }], widgets: { "Call Panel": Panel }
    });
    one_error(&output, "`display_name` has at most 255 characters");
    let doc = format!(" {emoji}");
    let output = desk_codegen::desk_config(quote! {
        struct Settings {
            #[doc = #doc]
            crm_url: String,
        }
    });
    one_error(&output, "`display_name` has at most 255 characters");
    // 255 units pass: 127 emoji and a letter.
    let fits = format!("{}x", "\u{1F600}".repeat(127));
    let output = desk_codegen::extension(quote! {
        name: "X", config: [{ name: "key", display_name: #fits }], widgets: { "Call Panel": Panel }
    });
    assert!(errors(&output).is_empty(), "{:?}", errors(&output));
}
