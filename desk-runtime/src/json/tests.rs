//! The decoder against `serde_json`: the same values from the same texts, the same refusals,
//! and errors that say where.

use super::{Error, Raw, Value, from_str};
use proptest::prelude::*;
use serde::Deserialize;
use std::collections::BTreeMap;

fn error<T: serde::de::DeserializeOwned + std::fmt::Debug>(text: &str) -> (String, String) {
    let error: Error = from_str::<T>(text).expect_err(text);
    (error.path().to_owned(), error.to_string())
}

#[derive(Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Agent {
    id: u64,
    name: String,
    email: Option<String>,
    #[serde(default)]
    teams: Vec<Team>,
    kind: Kind,
}

#[derive(Debug, PartialEq, Deserialize)]
struct Team {
    #[serde(rename = "team.id")]
    id: i32,
}

#[derive(Debug, PartialEq, Deserialize)]
enum Kind {
    Agent,
    Bot { model: String },
    Group(Vec<u8>),
}

#[test]
fn values_decode_as_serde_json_decodes_them() {
    let texts = [
        r#"{"id": 7, "name": "Ann", "email": null, "kind": "Agent"}"#,
        r#" {"kind": {"Bot": {"model": "x"}}, "name": "B\u00e9\n\"q\"", "id": 18446744073709551615,
            "teams": [{"team.id": -2147483648}, {"team.id": 3, "extra": [1, {"a": [null]}]}]} "#,
        r#"{"id": 0, "name": "\ud83d\ude00 \/ \\ \b\f\r\t", "email": "e", "kind": {"Group": [1, 255]}}"#,
    ];
    for text in texts {
        let expected: Agent = serde_json::from_str(text).unwrap();
        assert_eq!(from_str::<Agent>(text).unwrap(), expected, "{text}");
        let value: Value = serde_json::from_str(text).unwrap();
        assert_eq!(from_str::<Value>(text).unwrap(), value, "{text}");
    }
}

#[test]
fn numbers_are_integers_when_they_are_and_fit() {
    let numbers = [
        "0",
        "-0",
        "1",
        "-1",
        "42",
        "9223372036854775807",
        "-9223372036854775808",
        "-9223372036854775809",
        "18446744073709551615",
        "18446744073709551616",
        "123456789012345678901234567890",
        "1.5",
        "-0.25",
        "1e3",
        "1E+3",
        "1e-3",
        "2.5e-7",
        "0.1",
        "123.456",
        "1e22",
        "1e-22",
        "4.35",
        "1e308",
        "1e-300",
        "1.7976931348623157e308",
        "-1.7976931348623157e308",
        "5e-324",
        "2.2250738585072014e-308",
        "1e-400",
        "-0.0",
        "184467440737095516160",
        "1844674407370955161.59",
        "0.1e-2147483648",
        "1e-2147483649",
        "1.5e+10",
        "3603559445031410.0",
        "0.30000000000000004",
        // A full mantissa (2^64 does not fit), then a fraction whose first digit does.
        "18446744073709551616.0e-16",
        "18446744073709551616.5",
        "-18446744073709551617.12345e3",
        "0.18446744073709551616",
    ];
    for number in numbers {
        let expected: Value = serde_json::from_str(number).unwrap();
        let value: Value = from_str(number).unwrap();
        assert_eq!(value, expected, "{number}");
        // The same `f64`, to the bit (the sign of zero included).
        assert_eq!(
            value.as_f64().map(f64::to_bits),
            expected.as_f64().map(f64::to_bits)
        );
    }
    for out_of_range in [
        "1e400",
        "2e308",
        "-1e309",
        "1e2147483648",
        "0.1e2147483648",
        "1.7976931348623159e308",
    ] {
        let error = from_str::<f64>(out_of_range).unwrap_err();
        assert_eq!(error.to_string(), "number out of range", "{out_of_range}");
        assert!(
            serde_json::from_str::<f64>(out_of_range).is_err(),
            "{out_of_range}"
        );
        // Skipped, a number is read for its form only, as serde_json ignores it.
        let skipped = format!(r#"{{"id": 1, "name": "", "kind": "Agent", "x": [{out_of_range}]}}"#);
        assert!(from_str::<Agent>(&skipped).is_ok(), "{skipped}");
        assert!(serde_json::from_str::<Agent>(&skipped).is_ok(), "{skipped}");
    }
    for bad in [
        "01", "-", "1.", ".5", "1e", "1e+", "+1", "0x10", "1.e3", "--1", "NaN",
    ] {
        let error = from_str::<Value>(bad).unwrap_err();
        assert!(error.is_syntax(), "{bad}: {error}");
        assert!(serde_json::from_str::<Value>(bad).is_err(), "{bad}");
    }
}

#[test]
fn integers_beyond_64_bits_are_read_into_i128_and_u128_as_serde_json_reads_them() {
    fn same<T>(text: &str) -> Option<T>
    where
        T: serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
    {
        let theirs = serde_json::from_str::<T>(text).ok();
        let ours = from_str::<T>(text);
        assert_eq!(ours.as_ref().ok(), theirs.as_ref(), "{text}: {ours:?}");
        theirs
    }
    let texts = [
        "0",
        "-0",
        "7",
        " -7 ",
        "18446744073709551616",
        "-18446744073709551617",
        "170141183460469231731687303715884105727",
        "170141183460469231731687303715884105728",
        "-170141183460469231731687303715884105728",
        "-170141183460469231731687303715884105729",
        "340282366920938463463374607431768211455",
        "340282366920938463463374607431768211456",
        "1000000000000000000000000000000000000000000000000000000000000",
        "1.0",
        "1e3",
        "-0.0",
        "01",
        "-",
        "1-",
        r#""1""#,
        "null",
        "[1]",
        "true",
    ];
    for text in texts {
        same::<u128>(text);
        same::<i128>(text);
        same::<Option<u128>>(text);
    }
    assert_eq!(
        same::<u128>("340282366920938463463374607431768211455"),
        Some(u128::MAX)
    );
    assert_eq!(
        same::<i128>("-170141183460469231731687303715884105728"),
        Some(i128::MIN)
    );
    assert_eq!(
        same::<Vec<i128>>("[-18446744073709551617, 3]"),
        Some(vec![-(1 << 64) - 1, 3])
    );
    assert_eq!(
        error::<u128>("-1"),
        (
            String::new(),
            "invalid value: integer `-1`, expected u128".to_owned()
        )
    );
    assert_eq!(
        error::<Vec<u128>>("[1, 2.5]"),
        (
            "[1]".to_owned(),
            "invalid type: floating point `2.5`, expected u128".to_owned()
        )
    );
    assert_eq!(
        error::<i128>("340282366920938463463374607431768211456").1,
        "number out of range"
    );
    // As keys: the integer the key spells, unescaped, with nothing around it.
    for key in [
        "18446744073709551616",
        "-18446744073709551617",
        "0",
        "-0",
        "340282366920938463463374607431768211456",
        "1.5",
        "1e3",
        " 1",
        "1 ",
        "+1",
        "01",
        "\\u0031",
        "x",
        "",
    ] {
        let text = format!(r#"{{"{key}": true}}"#);
        same::<BTreeMap<u128, bool>>(&text);
        same::<BTreeMap<i128, bool>>(&text);
    }
    assert_eq!(
        same::<BTreeMap<i128, bool>>(r#"{"-18446744073709551617": true}"#),
        Some([(-(1 << 64) - 1, true)].into())
    );
}

#[test]
fn malformed_text_is_refused_with_what_was_expected() {
    let cases = [
        ("", "EOF while parsing a value"),
        ("[1, 2", "EOF while parsing a value"),
        ("{\"a\": 1", "EOF while parsing a value"),
        ("[1 2]", "expected `,` or `]`"),
        ("[1,]", "expected value"),
        (r#"{"a" 1}"#, "expected `:`"),
        (r#"{"a": 1,}"#, "key must be a string"),
        (r#"{"a": 1 "b": 2}"#, "expected `,` or `}`"),
        ("{1: 2}", "key must be a string"),
        (r#""abc"#, "EOF while parsing a string"),
        (
            "\"a\tb\"",
            "control character (\\u0000-\\u001F) found while parsing a string",
        ),
        (r#""\x""#, "invalid escape"),
        (r#""\u12""#, "invalid escape"),
        (r#""\u+123""#, "invalid escape"),
        (r#""\ud800""#, "lone leading surrogate in hex escape"),
        (r#""\ud800\u0041""#, "lone leading surrogate in hex escape"),
        (r#""\udc00""#, "invalid unicode code point"),
        ("nul", "expected value"),
        ("true false", "trailing characters"),
        ("{}x", "trailing characters"),
    ];
    for (text, message) in cases {
        let error = from_str::<Value>(text).unwrap_err();
        assert_eq!(error.to_string(), message, "{text}");
        assert!(error.is_syntax());
        assert!(serde_json::from_str::<Value>(text).is_err(), "{text}");
    }
}

#[test]
fn nesting_is_bounded_as_serde_json_bounds_it() {
    for depth in [127, 128, 129, 100_000] {
        let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let ours = from_str::<Value>(&text).map(drop);
        assert_eq!(ours.is_ok(), depth <= 127, "{depth}");
        assert_eq!(
            ours.is_ok(),
            serde_json::from_str::<Value>(&text).is_ok(),
            "{depth}"
        );
        if let Err(error) = ours {
            assert_eq!(error.to_string(), "recursion limit exceeded");
        }
        // A value skipped is read at any depth, as serde_json ignores it.
        let ignored = format!(r#"{{"id": 1, "name": "", "kind": "Agent", "x": {text}}}"#);
        assert!(from_str::<Agent>(&ignored).is_ok(), "{depth}");
        assert!(serde_json::from_str::<Agent>(&ignored).is_ok(), "{depth}");
        let unclosed = format!(
            r#"{{"id": 1, "name": "", "kind": "Agent", "x": {}}}"#,
            "[{\"a\": ".repeat(depth)
        );
        assert!(from_str::<Agent>(&unclosed).is_err(), "{depth}");
    }
}

#[test]
fn an_error_names_the_path_of_the_value_at_fault_and_quotes_it() {
    let agent = |teams: &str, kind: &str| {
        format!(r#"{{"id": 1, "name": "A", "teams": {teams}, "kind": {kind}}}"#)
    };
    let cases = [
        (
            agent(r#"[{"team.id": 1}, {"team.id": "2"}]"#, r#""Agent""#),
            "teams[1].team.id",
            r#"invalid type: string "2", expected i32"#,
        ),
        (
            agent(r#"[{"team.id": 1.5}]"#, r#""Agent""#),
            "teams[0].team.id",
            "invalid type: floating point `1.5`, expected i32",
        ),
        (
            agent(r#"[{"team.id": 3000000000}]"#, r#""Agent""#),
            "teams[0].team.id",
            "invalid value: integer `3000000000`, expected i32",
        ),
        (
            agent("[{}]", r#""Agent""#),
            "teams[0]",
            "missing field `team.id`",
        ),
        (
            agent("{}", r#""Agent""#),
            "teams",
            "invalid type: map, expected a sequence",
        ),
        (
            agent("[]", r#""Robot""#),
            "kind",
            "unknown variant `Robot`, expected one of `Agent`, `Bot`, `Group`",
        ),
        (
            agent("[]", r#"{"Bot": {"model": true}}"#),
            "kind.Bot.model",
            "invalid type: boolean `true`, expected a string",
        ),
        (
            agent("[]", "null"),
            "kind",
            "invalid type: null, expected enum Kind",
        ),
        (
            r#"{"id": 1, "name": "A", "kind": "Agent", "na\u006de": "B"}"#.to_owned(),
            "",
            "duplicate field `name`",
        ),
        (r#"{"id": 1}"#.to_owned(), "", "missing field `name`"),
        (
            r#"{"id": 1, "name": "A", "kind": "Agent", "teams": [{"team.id": 1}, {"team.id": 2,]}"#
                .to_owned(),
            "teams[1]",
            "key must be a string",
        ),
    ];
    for (text, path, message) in cases {
        assert_eq!(
            error::<Agent>(&text),
            (path.to_owned(), message.to_owned()),
            "{text}"
        );
        assert!(serde_json::from_str::<Agent>(&text).is_err(), "{text}");
    }
    // Decided: a struct is an object, not also an array as serde_json reads it.
    let array = agent("[[1]]", r#""Agent""#);
    assert_eq!(
        error::<Agent>(&array),
        (
            "teams[0]".to_owned(),
            "invalid type: sequence, expected struct Team".to_owned()
        )
    );
    assert!(serde_json::from_str::<Agent>(&array).is_ok());
    let long = format!(r#"{{"a\"b": [{{"c": "{}"}}]}}"#, "é".repeat(200));
    let (path, message) = error::<BTreeMap<String, Vec<BTreeMap<String, u8>>>>(&long);
    assert_eq!(path, "a\"b[0].c");
    assert!(
        message.starts_with(r#"invalid type: string ""#),
        "{message}"
    );
    assert!(message.ends_with("é..., expected u8"), "{message}");
    assert!(message.len() < 150, "{message}");
}

#[test]
fn maps_with_number_or_boolean_keys_read_them_as_serde_json_does() {
    let map: BTreeMap<i64, bool> = [(-3, true), (7, false)].into();
    let text = serde_json::to_string(&map).unwrap();
    assert_eq!(from_str::<BTreeMap<i64, bool>>(&text).unwrap(), map);
    let map: BTreeMap<bool, u8> = [(false, 0), (true, 1)].into();
    let text = serde_json::to_string(&map).unwrap();
    assert_eq!(from_str::<BTreeMap<bool, u8>>(&text).unwrap(), map);
    let floats = r#"{"1.5": 1, "-2e3": 2, "1e400": 3}"#;
    assert!(from_str::<BTreeMap<Bits, u8>>(floats).is_err());
    let floats = r#"{"1.5": 1, "-2e3": 2}"#;
    let ours = from_str::<BTreeMap<Bits, u8>>(floats).unwrap();
    assert_eq!(
        ours,
        serde_json::from_str::<BTreeMap<Bits, u8>>(floats).unwrap()
    );
    assert_eq!(ours.len(), 2);
    // What serde_json refuses: a sign, leading zeros, whitespace, an escaped digit.
    for key in ["x", "+1", "007", " 1", "1 ", "\\u0031", "1.", ""] {
        let text = format!(r#"{{"{key}": true}}"#);
        assert!(from_str::<BTreeMap<u8, bool>>(&text).is_err(), "{key}");
        assert!(
            serde_json::from_str::<BTreeMap<u8, bool>>(&text).is_err(),
            "{key}"
        );
    }
    assert_eq!(
        error::<BTreeMap<u8, bool>>(r#"{"x": true}"#).1,
        r#"invalid type: string "x", expected u8"#
    );
}

/// A float key, by its bits.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Bits(u64);

impl<'de> Deserialize<'de> for Bits {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        f64::deserialize(deserializer).map(|value| Bits(value.to_bits()))
    }
}

#[test]
fn raw_keeps_the_text_and_serde_json_refuses_it() {
    #[derive(Deserialize)]
    struct Answer {
        status: Option<Raw>,
        value: Raw,
    }
    let answer: Answer = from_str(r#"{"value": [1, {"a": "\""}] , "status": 500}"#).unwrap();
    assert_eq!(answer.value.get(), r#"[1, {"a": "\""}]"#);
    assert_eq!(answer.status.unwrap().get(), "500");
    assert_eq!(answer.value.decode::<Value>().unwrap()[1]["a"], "\"");
    assert_eq!(
        serde_json::to_string(&answer.value).unwrap(),
        r#"[1, {"a": "\""}]"#
    );
    assert!(serde_json::from_str::<Raw>("1").is_err());
}

/// Any JSON value, nested a few levels, with strings that need escapes.
fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        // Floats of up to 15 significant digits, small exponents, as Desk sends them.
        (-999_999_999_999_999i64..999_999_999_999_999, -22i32..22).prop_map(|(m, e)| {
            #[allow(clippy::cast_precision_loss)]
            let value = if e < 0 {
                m as f64 / 10f64.powi(-e)
            } else {
                m as f64 * 10f64.powi(e)
            };
            Value::from(value)
        }),
        "[ -~\u{0}-\u{1f}é😀\"\\\\]{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::from),
            prop::collection::btree_map("[a-z\"\\\\é]{0,6}", inner, 0..6)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

/// A number's text with more digits than a `u64` holds, in its integer part, its fraction or
/// both, maybe with an exponent. Integer parts often overflow just after the first 19 digits of
/// `u64::MAX`, the only mantissa that a fraction's first digit (0 to 5) still fits after the
/// integer's overflowed; others start with the digits of `i64::MIN`.
fn long_number() -> impl Strategy<Value = String> {
    let integer = prop_oneof![
        2 => "0|[1-9][0-9]{0,39}",
        3 => "1844674407370955161[6-9][0-9]{0,20}",
        1 => "922337203685477580[0-9]{0,20}",
    ];
    let fraction = prop::option::weighted(
        0.8,
        prop_oneof![
            "[0-9]{1,40}",
            "[0-5][0-9]{0,39}",
            "0{0,30}1844674407370955161[0-9]{0,20}"
        ],
    );
    let exponent = prop::option::of("[eE][+-]?(0{0,3}[0-9]{1,3}|[0-9]{10,11})");
    ("-?", integer, fraction, exponent).prop_map(|(sign, integer, fraction, exponent)| {
        let fraction = fraction
            .map(|digits| format!(".{digits}"))
            .unwrap_or_default();
        format!("{sign}{integer}{fraction}{}", exponent.unwrap_or_default())
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn long_numbers_read_to_serde_json_s_f64_bit_for_bit(text in long_number()) {
        let theirs = serde_json::from_str::<Value>(&text);
        let ours = from_str::<Value>(&text);
        prop_assert_eq!(ours.is_ok(), theirs.is_ok(), "{} -> {:?} / {:?}", text, ours, theirs);
        if let (Ok(ours), Ok(theirs)) = (ours, theirs) {
            prop_assert_eq!(&ours, &theirs, "{}", text);
            prop_assert_eq!(ours.as_f64().map(f64::to_bits), theirs.as_f64().map(f64::to_bits), "{}", text);
        }
    }

    #[test]
    fn i128_and_u128_read_what_serde_json_writes(signed in any::<i128>(), unsigned in any::<u128>()) {
        let text = serde_json::to_string(&(signed, unsigned, [(signed.to_string(), unsigned)].into_iter().collect::<BTreeMap<_, _>>())).unwrap();
        let ours = from_str::<(i128, u128, BTreeMap<i128, u128>)>(&text).unwrap();
        prop_assert_eq!(ours, (signed, unsigned, [(signed, unsigned)].into()));
    }

    #[test]
    fn what_serde_json_writes_decodes_to_the_same_value(value in value(), pretty in any::<bool>()) {
        let text = if pretty {
            serde_json::to_string_pretty(&value).unwrap()
        } else {
            serde_json::to_string(&value).unwrap()
        };
        // Read to the same value as serde_json reads it, numbers to the same `f64` (which is
        // not always the one written: neither computes floats of 16 digits or more exactly).
        let ours = from_str::<Value>(&text).unwrap();
        prop_assert_eq!(ours, serde_json::from_str::<Value>(&text).unwrap());
    }

    #[test]
    fn an_edited_text_is_refused_exactly_when_serde_json_refuses_it(
        value in value(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), "[\\[\\]{}\",:0-9a-z\\\\. -]{0,2}"), 1..4),
    ) {
        let mut text = serde_json::to_string(&value).unwrap();
        for (at, insert) in edits {
            let mut at = at.index(text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let end = (at + 1..=text.len()).find(|&end| text.is_char_boundary(end)).unwrap_or(at);
            text.replace_range(at..end, &insert);
        }
        let theirs = serde_json::from_str::<Value>(&text);
        let ours = from_str::<Value>(&text);
        prop_assert_eq!(ours.is_ok(), theirs.is_ok(), "{} -> {:?} / {:?}", text, ours, theirs);
        if let (Ok(ours), Ok(theirs)) = (ours, theirs) {
            prop_assert_eq!(ours, theirs, "{}", text);
        }
    }
}

/// The JSON text the SDK calls' arguments are written as (`write.rs`) is what `serde_json`
/// writes of the same `Value`, byte for byte.
mod written_as_serde_json_writes {
    use super::super::write::{Object, Strings, array, string};
    use super::Value;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn strings(text in any::<String>()) {
            prop_assert_eq!(string(&text), serde_json::to_string(&text).unwrap());
        }

        #[test]
        fn objects_of_strings(members in proptest::collection::vec((any::<String>(), any::<String>()), 0..6)) {
            let mut strings = Strings::default();
            let mut map = serde_json::Map::new();
            for (name, value) in members {
                strings.insert(name.clone(), value.clone());
                map.insert(name, Value::String(value));
            }
            prop_assert_eq!(strings.json(), serde_json::to_string(&map).unwrap());
        }
    }

    #[test]
    fn control_characters_and_quotes() {
        for text in [
            "",
            "\u{0}\u{1f}\u{7f}",
            "\"\\/",
            "\u{8}\t\n\u{c}\r",
            "é\u{2028}😀",
        ] {
            assert_eq!(
                string(text),
                serde_json::to_string(text).unwrap(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn objects_and_arrays() {
        let object = Object::new()
            .string("a", "x")
            .optional("b", None)
            .optional("c", Some("y"))
            .raw("d", &array(&["1", "\"z\""]))
            .finish();
        let expected = serde_json::json!({ "a": "x", "c": "y", "d": [1, "z"] });
        assert_eq!(object, serde_json::to_string(&expected).unwrap());
        assert_eq!(array(&[]), "[]");
        assert_eq!(Object::new().finish(), "{}");
    }
}
