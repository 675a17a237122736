//! Spellings of a URL given to `desk.request`, and whether an extension that whitelists
//! exactly `https://crm.example.com` and `https://api.example.com:8443` may call each: the
//! bypasses are refused before any call, the legitimate spellings go through. Shared by
//! `tests/whitelist.rs` (the simulated Desk) and `tests/browser.rs` (Chromium).

/// `(url, allowed)`.
pub const SPELLINGS: &[(&str, bool)] = &[
    // Legitimate spellings of the whitelisted origins.
    ("https://crm.example.com/v1/contacts", true),
    ("https://crm.example.com", true),
    ("https://CRM.Example.COM/v1", true),
    ("HTTPS://crm.example.com/v1", true),
    ("https://crm.example.com:443/v1", true),
    ("https://api.example.com:8443/v1", true),
    (
        "https://crm.example.com/v1?next=https://evil.example.net/",
        true,
    ),
    ("https://crm.example.com/v1?email=a@evil.example.net", true),
    ("https://crm.example.com/v1#@evil.example.net", true),
    // Another host as WHATWG parsers read it (`\` is `/`), or user information before it.
    ("https://evil.example.net\\@crm.example.com/v1", false),
    // A `\` anywhere, which WHATWG parsers read as `/` and others do not: refused for it alone.
    ("https://crm.example.com/v1\\x", false),
    ("https://crm.example.com@evil.example.net/v1", false),
    ("https://crm.example.com:443@evil.example.net/v1", false),
    ("https://user:secret@crm.example.com/v1", false),
    ("https://@crm.example.com/v1", false),
    // `@` before any `/`: a reader that looks for the host's end only at `/` sees evil.
    ("https://crm.example.com#@evil.example.net", false),
    ("https://crm.example.com?@evil.example.net", false),
    // Other origins.
    ("https://crm.example.com.evil.example.net/v1", false),
    ("https://evilcrm.example.com/v1", false),
    ("http://crm.example.com/v1", false),
    ("wss://crm.example.com/v1", false),
    ("https://crm.example.com:8443/v1", false),
    ("https://api.example.com/v1", false),
    ("https://crm.example.com./v1", false),
    ("https://[::1]/v1", false),
    // What the parser drops or rewrites: control characters, spaces, encoded or Unicode hosts.
    ("https://crm.exam\tple.com/v1", false),
    ("https://crm.example.com/v1\r\nX-Injected: 1", false),
    (" https://crm.example.com/v1", false),
    ("https://crm.example.com /v1", false),
    ("https://crm%2Eexample.com/v1", false),
    ("https://\u{ff43}rm.example.com/v1", false),
    ("https://crm\u{3002}example.com/v1", false),
    ("https://crm.example.com:0443/v1", false),
    ("https://crm.example.com:/v1", false),
    ("https:crm.example.com/v1", false),
    ("https:/crm.example.com/v1", false),
    ("https:///crm.example.com/v1", false),
    ("https:\\\\crm.example.com/v1", false),
    // Not absolute URLs, or not the web's.
    ("//crm.example.com/v1", false),
    ("crm.example.com/v1", false),
    ("", false),
    ("javascript://crm.example.com/%0aalert(1)", false),
    ("file://crm.example.com/etc/passwd", false),
];
