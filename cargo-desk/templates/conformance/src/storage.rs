//! The extension's storage at the platform's limits (`desk_runtime::desk::Limit`): what Desk
//! must take, and what the library refuses before any call.

use crate::panel::TicketChecks;
use crate::report::Report;
use desk_runtime::HostError;
use desk_runtime::desk::{Entry, Limit, Query};
use desk_runtime::json::Value;
use desk_runtime::prelude::*;

/// The queriable value of the batch's entries.
const BATCH: &str = "conformance_batch";

/// An entry under `key`, with `bytes` of JSON as its value (a string: its quotes count).
fn entry(key: &str, bytes: usize, queriable: &str) -> Entry {
    Entry {
        key: key.to_owned(),
        value: Value::String("v".repeat(bytes.saturating_sub(2))),
        queriable_value: Some(queriable.to_owned()),
    }
}

/// Keys and values stored are read back the same.
fn same(found: &[Entry], stored: &[Entry]) -> bool {
    found.len() == stored.len()
        && stored
            .iter()
            .all(|s| found.iter().any(|f| f.key == s.key && f.value == s.value))
}

/// Writes, reads and deletes at the limits, then over them.
pub async fn check(desk: &Desk<TicketChecks>, report: &mut Report) {
    let storage = desk.storage();
    // The longest key (50 characters) with the largest value (1024 bytes of JSON).
    let key = format!("conformance_{}", "k".repeat(38));
    let largest = [entry(&key, 1024, "conformance_one")];
    let batch: Vec<Entry> = (0..10)
        .map(|i| entry(&format!("conformance_{i}"), 16, BATCH))
        .collect();

    let set = storage.set(&largest).await;
    report.check(
        "set('database', a 50-character key, a 1024-byte value)",
        "accepted",
        &set,
        Result::is_ok,
    );
    let found = storage.get(&Query::Key(key.clone()), None, None).await;
    report.check(
        "get('database', {key}) (\"database.get\")",
        "the entry stored, the same",
        &found.as_ref().map(Vec::len),
        |_| found.as_ref().is_ok_and(|found| same(found, &largest)),
    );
    let set = storage.set(&batch).await;
    report.check(
        "set('database', 10 entries)",
        "accepted",
        &set,
        Result::is_ok,
    );
    let query = Query::Queriable(BATCH.to_owned());
    let found = storage.get(&query, Some(0), Some(10)).await;
    report.check(
        "get('database', {queriableValue, from, limit})",
        "the 10 entries stored",
        &found.as_ref().map(Vec::len),
        |_| found.as_ref().is_ok_and(|found| same(found, &batch)),
    );
    for (what, query) in [("queriableValue", query), ("key", Query::Key(key))] {
        let deleted = storage.delete(&query).await;
        report.check(
            &format!("delete('database', {{{what}}})"),
            "accepted",
            &deleted,
            Result::is_ok,
        );
        let found = storage.get(&query, None, None).await;
        report.check(
            &format!("get('database', {{{what}}}) once deleted"),
            "no entries",
            &found,
            |found| found.as_ref().is_ok_and(Vec::is_empty),
        );
    }

    // Over the limits: refused before any call, whatever Desk would have done.
    let over: [(&str, Vec<Entry>); 3] = [
        (
            "a 51-character key",
            vec![entry(&"k".repeat(51), 16, BATCH)],
        ),
        (
            "a 1025-byte value",
            vec![entry("conformance_big", 1025, BATCH)],
        ),
        (
            "11 entries",
            (0..11)
                .map(|i| entry(&format!("k{i}"), 16, BATCH))
                .collect(),
        ),
    ];
    for (what, entries) in over {
        let set = storage.set(&entries).await;
        report.check(
            &format!("set('database', {what})"),
            "refused before any call (desk::Limit)",
            &set,
            |set| {
                matches!(
                    set,
                    Err(HostError::Limit(
                        Limit::StorageKey { .. }
                            | Limit::StorageValue { .. }
                            | Limit::StorageBatch { .. }
                    ))
                )
            },
        );
    }
}
