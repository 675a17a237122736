//! The JSON text itself: whitespace, literals, strings and numbers, read from a position.
//!
//! Slices are taken with `str::get` at ASCII bytes (quotes, backslashes, digits), which are
//! always character boundaries: no slicing panic, and so none of its formatting, is linked.

use super::Error;

/// A JSON text and how far it has been read.
#[derive(Clone)]
pub(super) struct Reader<'de> {
    text: &'de str,
    pub(super) pos: usize,
}

/// A string as read: borrowed from the text when it has no escapes.
pub(super) enum Text<'de> {
    Borrowed(&'de str),
    Owned(String),
}

/// A number as read: an integer when it is one and fits, otherwise the nearest `f64`.
pub(super) enum Number {
    Unsigned(u64),
    Signed(i64),
    Float(f64),
}

/// A number's significant digits as they are read: `mantissa` times ten to the `exponent`.
#[derive(Default)]
struct Digits {
    mantissa: u64,
    exponent: i32,
}

impl<'de> Reader<'de> {
    pub(super) fn new(text: &'de str) -> Self {
        Reader { text, pos: 0 }
    }

    /// The text from `start` to where reading stands.
    pub(super) fn since(&self, start: usize) -> &'de str {
        self.text.get(start..self.pos).unwrap_or_default()
    }

    /// The next byte that is not whitespace, without reading it.
    pub(super) fn peek(&mut self) -> Option<u8> {
        while let Some(&byte) = self.text.as_bytes().get(self.pos) {
            if !matches!(byte, b' ' | b'\n' | b'\r' | b'\t') {
                return Some(byte);
            }
            self.pos += 1;
        }
        None
    }

    /// The next byte that is not whitespace, an error at the end of the text.
    pub(super) fn next_byte(&mut self) -> Result<u8, Error> {
        self.peek()
            .ok_or_else(|| Error::syntax("EOF while parsing a value"))
    }

    /// Reads `byte` if it comes next (after whitespace).
    pub(super) fn eat(&mut self, byte: u8) -> bool {
        let next = self.peek() == Some(byte);
        self.pos += usize::from(next);
        next
    }

    /// Reads `byte`, or fails with `expected`.
    pub(super) fn expect(&mut self, byte: u8, expected: &'static str) -> Result<(), Error> {
        match self.peek() {
            Some(next) if next == byte => {
                self.pos += 1;
                Ok(())
            }
            Some(_) => Err(Error::syntax(expected)),
            None => Err(Error::syntax("EOF while parsing a value")),
        }
    }

    /// Checks that an object's key comes next.
    pub(super) fn key_next(&mut self) -> Result<(), Error> {
        match self.peek() {
            Some(b'"') => Ok(()),
            Some(_) => Err(Error::syntax("key must be a string")),
            None => Err(Error::syntax("EOF while parsing a value")),
        }
    }

    /// Reads `word` (`null`, `true`, `false`), which starts at the next byte.
    pub(super) fn literal(&mut self, word: &str) -> Result<(), Error> {
        let end = self.pos + word.len();
        if self.text.get(self.pos..end) == Some(word) {
            self.pos = end;
            Ok(())
        } else {
            Err(Error::syntax("expected value"))
        }
    }

    /// Reads a string whose opening quote comes next.
    pub(super) fn string(&mut self) -> Result<Text<'de>, Error> {
        self.read_string(true)
    }

    /// Reads a string whose opening quote comes next, without decoding it: its escapes are
    /// checked for form only (a lone surrogate passes, as `serde_json` ignores strings).
    fn skip_string(&mut self) -> Result<(), Error> {
        self.read_string(false).map(drop)
    }

    fn read_string(&mut self, decode: bool) -> Result<Text<'de>, Error> {
        self.pos += 1;
        // Built only once an escape is met.
        let mut owned: Option<String> = None;
        let mut start = self.pos;
        loop {
            // The byte that ends the string's plain run: skipped 8 bytes at a time, then found.
            let rest = self.text.as_bytes().get(self.pos..).unwrap_or_default();
            let run = plain_run(rest);
            self.pos += run;
            let Some((offset, &byte)) = rest
                .get(run..)
                .unwrap_or_default()
                .iter()
                .enumerate()
                .find(|&(_, &byte)| byte == b'"' || byte == b'\\' || byte < 0x20)
            else {
                return Err(Error::syntax("EOF while parsing a string"));
            };
            self.pos += offset;
            match byte {
                b'"' => {
                    let tail = self.since(start);
                    self.pos += 1;
                    return Ok(match owned {
                        None => Text::Borrowed(tail),
                        Some(mut text) => {
                            text.push_str(tail);
                            Text::Owned(text)
                        }
                    });
                }
                b'\\' if !decode => {
                    self.pos += 1;
                    self.escape(false)?;
                }
                b'\\' => {
                    let mut text = owned.take().unwrap_or_default();
                    text.push_str(self.since(start));
                    self.pos += 1;
                    text.push(self.escape(true)?);
                    owned = Some(text);
                    start = self.pos;
                }
                _ => {
                    return Err(Error::syntax(
                        "control character (\\u0000-\\u001F) found while parsing a string",
                    ));
                }
            }
        }
    }

    /// The character an escape stands for; its backslash has been read. Without `decode`, a
    /// `\u` escape is read as four hex digits, and stands for U+0000.
    fn escape(&mut self, decode: bool) -> Result<char, Error> {
        let byte = self.text.as_bytes().get(self.pos).copied();
        self.pos += 1;
        Ok(match byte {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                let unit = self.hex()?;
                let code = match unit {
                    _ if !decode => 0,
                    0xD800..=0xDBFF => {
                        // A leading surrogate: its trailing one must follow, escaped too.
                        if self.text.as_bytes().get(self.pos..self.pos + 2) != Some(b"\\u") {
                            return Err(Error::syntax("lone leading surrogate in hex escape"));
                        }
                        self.pos += 2;
                        let low = self.hex()?;
                        if !(0xDC00..=0xDFFF).contains(&low) {
                            return Err(Error::syntax("lone leading surrogate in hex escape"));
                        }
                        0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                    }
                    _ => unit,
                };
                char::from_u32(code).ok_or_else(|| Error::syntax("invalid unicode code point"))?
            }
            _ => return Err(Error::syntax("invalid escape")),
        })
    }

    /// Four hex digits, as a number.
    fn hex(&mut self) -> Result<u32, Error> {
        let digits = self.text.get(self.pos..self.pos + 4).unwrap_or_default();
        self.pos += 4;
        match u32::from_str_radix(digits, 16) {
            Ok(unit) if digits.len() == 4 && !digits.starts_with('+') => Ok(unit),
            _ => Err(Error::syntax("invalid escape")),
        }
    }

    /// Reads a number, which starts at the next byte (a `-` or a digit).
    pub(super) fn number(&mut self) -> Result<Number, Error> {
        self.read_number(true)
    }

    /// Reads the integer that comes next (`-`, then digits without a fraction or exponent) as
    /// its text: what `i128` and `u128` are read from, as `serde_json` reads them. `None`, with
    /// nothing read, when the next value is not a number, or is one with a fraction or exponent.
    pub(super) fn integer(&mut self) -> Result<Option<&'de str>, Error> {
        if !matches!(self.peek(), Some(b'-' | b'0'..=b'9')) {
            return Ok(None);
        }
        let start = self.pos;
        self.read_number(false)?;
        let text = self.since(start);
        if text.contains(['.', 'e', 'E']) {
            self.pos = start;
            return Ok(None);
        }
        Ok(Some(text))
    }

    /// Reads a number as [`Reader::number`], its form only: any number of the JSON grammar
    /// passes, out of `f64`'s range too (as `serde_json` ignores numbers).
    fn skip_number(&mut self) -> Result<(), Error> {
        self.read_number(false).map(drop)
    }

    /// The number's digits are read as `serde_json` reads them, and its value computed as
    /// `serde_json` does without its `float_roundtrip` feature, to the same `f64`.
    fn read_number(&mut self, value: bool) -> Result<Number, Error> {
        let negative = self.eat(b'-');
        let mut digits = Digits::default();
        let start = self.pos;
        let count = self.digits(&mut digits, false);
        let leading_zero = self.text.as_bytes().get(start) == Some(&b'0');
        if count == 0 || (count > 1 && leading_zero) {
            return Err(Error::syntax("invalid number"));
        }
        let mut float = false;
        if self.eat_here(b'.') {
            float = true;
            if self.digits(&mut digits, true) == 0 {
                return Err(Error::syntax("invalid number"));
            }
        }
        if self.eat_here(b'e') || self.eat_here(b'E') {
            float = true;
            let negative = self.eat_here(b'-');
            if !negative {
                self.eat_here(b'+');
            }
            let (mut power, mut count) = (0i32, 0);
            while let Some(digit) = self.digit() {
                // Saturating: past `i32::MAX` the number is 0 or out of range, as it is then.
                power = power.saturating_mul(10).saturating_add(i32::from(digit));
                count += 1;
            }
            if count == 0 {
                return Err(Error::syntax("invalid number"));
            }
            digits.exponent = if negative {
                digits.exponent.saturating_sub(power)
            } else {
                digits.exponent.saturating_add(power)
            };
        }
        let Digits {
            mantissa, exponent, ..
        } = digits;
        if !float && exponent == 0 {
            if !negative {
                return Ok(Number::Unsigned(mantissa));
            }
            // `-0` is a float, as `serde_json` reads it. Wrapping: `-(2^63)` is `i64::MIN`, whose
            // magnitude is no `i64`.
            if mantissa != 0 && mantissa <= i64::MIN.unsigned_abs() {
                return Ok(Number::Signed(0i64.wrapping_sub_unsigned(mantissa)));
            }
        }
        if !value {
            return Ok(Number::Unsigned(0));
        }
        let value = float_from(mantissa, exponent)?;
        Ok(Number::Float(if negative { -value } else { value }))
    }

    /// Reads the digits of a number's integer part or fraction into `digits`, and says how
    /// many there were.
    fn digits(&mut self, digits: &mut Digits, fraction: bool) -> usize {
        let start = self.pos;
        // Once a digit would overflow the mantissa, it and every later one of the same part
        // are left out: the integer's count in the exponent, the fraction's do not. The
        // fraction starts again: its first digits still go in if they fit (`1844674407370955161`
        // and a `6` overflow, then `.0` fits), as `serde_json` reads them.
        let mut full = false;
        while let Some(digit) = self.digit() {
            let next = digits
                .mantissa
                .checked_mul(10)
                .and_then(|m| m.checked_add(u64::from(digit)));
            match next {
                Some(mantissa) if !full => {
                    digits.mantissa = mantissa;
                    digits.exponent = digits.exponent.saturating_sub(i32::from(fraction));
                }
                _ => {
                    full = true;
                    digits.exponent = digits.exponent.saturating_add(i32::from(!fraction));
                }
            }
        }
        self.pos - start
    }

    /// Reads a digit if one comes next (no whitespace before it).
    fn digit(&mut self) -> Option<u8> {
        let digit = self.text.as_bytes().get(self.pos)?.wrapping_sub(b'0');
        (digit < 10).then(|| {
            self.pos += 1;
            digit
        })
    }

    /// Reads `byte` if it comes next, whitespace not skipped (inside a number).
    fn eat_here(&mut self, byte: u8) -> bool {
        let next = self.text.as_bytes().get(self.pos) == Some(&byte);
        self.pos += usize::from(next);
        next
    }

    /// Reads one value of any kind without keeping it. Iterative, so any depth is read (as
    /// `serde_json` ignores values): what it keeps per level is a byte.
    pub(super) fn skip(&mut self) -> Result<(), Error> {
        // The arrays and objects open around the value being read: the `]` or `}` each awaits.
        let mut open: Vec<u8> = Vec::new();
        loop {
            match self.next_byte()? {
                b'n' => self.literal("null")?,
                b't' => self.literal("true")?,
                b'f' => self.literal("false")?,
                b'"' => self.skip_string()?,
                b'-' | b'0'..=b'9' => self.skip_number()?,
                b'[' => {
                    self.pos += 1;
                    if !self.eat(b']') {
                        open.push(b']');
                        continue;
                    }
                }
                b'{' => {
                    self.pos += 1;
                    if !self.eat(b'}') {
                        open.push(b'}');
                        self.key()?;
                        continue;
                    }
                }
                _ => return Err(Error::syntax("expected value")),
            }
            // After a value: the next element, or the end of what encloses it.
            loop {
                let Some(&close) = open.last() else {
                    return Ok(());
                };
                if self.eat(b',') {
                    if close == b'}' {
                        self.key()?;
                    }
                    break;
                }
                self.expect(
                    close,
                    if close == b'}' {
                        "expected `,` or `}`"
                    } else {
                        "expected `,` or `]`"
                    },
                )?;
                open.pop();
            }
        }
    }

    /// Reads an object's key and its colon.
    fn key(&mut self) -> Result<(), Error> {
        self.key_next()?;
        self.skip_string()?;
        self.expect(b':', "expected `:`")
    }
}

/// How many of `bytes`, in whole words of 8, hold no `"`, `\\` or control character: a
/// string's plain run, skipped without looking at each byte (as `serde_json` does).
fn plain_run(bytes: &[u8]) -> usize {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGHS: u64 = ONES << 7;
    // A high bit set for each byte of `word` under `below` (and maybe for a byte after one).
    let under = |word: u64, below: u8| word.wrapping_sub(ONES * u64::from(below)) & !word & HIGHS;
    let mut run = 0;
    while let Some(chunk) = bytes.get(run..).and_then(<[u8]>::first_chunk::<8>) {
        let word = u64::from_ne_bytes(*chunk);
        let stops = under(word ^ (ONES * u64::from(b'"')), 1)
            | under(word ^ (ONES * u64::from(b'\\')), 1)
            | under(word, 0x20);
        if stops != 0 {
            break;
        }
        run += 8;
    }
    run
}

/// `mantissa` times ten to the `exponent`, as `serde_json` computes it (without its
/// `float_roundtrip` feature): one multiplication or division by the correctly rounded power of
/// ten, so exact on Clinger's fast path and within a unit or two in the last place elsewhere.
fn float_from(mantissa: u64, mut exponent: i32) -> Result<f64, Error> {
    #[allow(clippy::cast_precision_loss)] // Rounded to the nearest `f64`: what is meant.
    let mut value = mantissa as f64;
    loop {
        let power = u16::try_from(exponent.unsigned_abs())
            .ok()
            .and_then(power_of_ten);
        match power {
            Some(power) if exponent >= 0 => {
                value *= power;
                return if value.is_finite() {
                    Ok(value)
                } else {
                    Err(Error::syntax("number out of range"))
                };
            }
            Some(power) => return Ok(value / power),
            None if value == 0.0 => return Ok(value),
            None if exponent >= 0 => return Err(Error::syntax("number out of range")),
            None => {
                value /= 1e308;
                exponent += 308;
            }
        }
    }
}

/// 10^`k` rounded to the nearest `f64`, for `k` up to 308: what `serde_json` keeps in a table
/// of 309 floats, 2.5 KB of every module that does not compress (2.9 KB gzipped). Computed
/// instead, for the rare number whose exponent is past 22: 5^`k` as a big integer, its top 53
/// bits rounded to nearest, ties to even, times 2^`k`.
#[allow(clippy::cast_possible_truncation)] // Limb arithmetic: truncation is the point.
fn power_of_ten(k: u16) -> Option<f64> {
    if k <= 22 {
        // Exact: 5^22 < 2^53, so every step of `powi` is.
        return Some(10f64.powi(i32::from(k)));
    }
    if k > 308 {
        return None;
    }
    // 5^k, little-endian: 5^308 has 716 bits. Multiplied by up to 5^27 (the largest power of
    // five under 2^64) at a time: 12 rounds for 5^308, not 308, for a payload full of `1e300`.
    let mut limbs: Vec<u64> = vec![1];
    let mut left = k;
    while left > 0 {
        let step = left.min(27);
        left -= step;
        let factor = 5u64.pow(u32::from(step));
        let mut carry = 0;
        for limb in &mut limbs {
            let product = u128::from(*limb) * u128::from(factor) + u128::from(carry);
            // The low 64 bits stay, the high ones (under `factor`) carry.
            (*limb, carry) = (product as u64, (product >> 64) as u64);
        }
        if carry > 0 {
            limbs.push(carry);
        }
    }
    let (&top, below) = limbs.split_last()?;
    let shift = top.leading_zeros();
    let next = below.last().copied().unwrap_or(0);
    // The top 64 bits of 5^k, then whether any bit under them is set.
    let high = (top << shift) | next.checked_shr(64 - shift).unwrap_or(0);
    let lost = next.checked_shl(shift).unwrap_or(0) != 0
        || below.iter().rev().skip(1).any(|&limb| limb != 0);
    let mut mantissa = high >> 11;
    let rest = (high & 0x7ff) | u64::from(lost);
    if rest > 0x400 || (rest == 0x400 && mantissa & 1 == 1) {
        mantissa += 1;
    }
    // 5^k has 64 * limbs - shift bits; the mantissa holds its top 53 (54 if rounding carried,
    // which `mantissa as f64` keeps exact: a power of two).
    let bits = 64 * limbs.len() - shift as usize;
    let scale = i32::try_from(bits - 53 + usize::from(k)).ok()?;
    #[allow(clippy::cast_precision_loss)] // At most 2^53: exact.
    let mantissa = mantissa as f64;
    Some(mantissa * 2f64.powi(scale))
}

#[cfg(test)]
mod tests {
    #[test]
    fn powers_of_ten_are_rounded_as_the_compiler_rounds_their_literals() {
        for k in 0..=308u16 {
            let expected: f64 = format!("1e{k}").parse().unwrap();
            assert_eq!(super::power_of_ten(k), Some(expected), "1e{k}");
        }
        assert_eq!(super::power_of_ten(309), None);
    }
}
