//! Reading what a person typed. There is no query language to get wrong: words are words, `"…"` marks a phrase
//! (an unclosed quote just ends at the end), and anything else — operators, brackets, control characters,
//! bidirectional marks, emoji — is text that the analyzers keep or drop. Only length is refused.

use crate::SearchError;

/// Longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 500;
/// Most words and phrases in one query.
pub const MAX_QUERY_WORDS: usize = 32;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Part {
    Word(String),
    Phrase(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Parsed {
    pub parts: Vec<Part>,
    /// The last part is a word still being typed (no space or quote after it).
    pub open_last_word: bool,
}

pub(crate) fn parse(q: &str) -> Result<Parsed, SearchError> {
    let length = q.chars().count();
    if length > MAX_QUERY_CHARS {
        return Err(SearchError::bad(
            "q",
            format!("the query is {length} characters long; the limit is {MAX_QUERY_CHARS}"),
        ));
    }
    let cleaned: String = q.chars().map(|c| if is_separator(c) { ' ' } else { c }).collect();
    let mut parts = Vec::new();
    let mut in_phrase = false;
    for (i, piece) in cleaned.split('"').enumerate() {
        in_phrase = i % 2 == 1;
        if in_phrase {
            if !piece.trim().is_empty() {
                parts.push(Part::Phrase(piece.trim().to_string()));
            }
        } else {
            parts.extend(piece.split_whitespace().map(|w| Part::Word(w.to_string())));
        }
    }
    if parts.len() > MAX_QUERY_WORDS {
        return Err(SearchError::bad(
            "q",
            format!("the query has {} words; the limit is {MAX_QUERY_WORDS}", parts.len()),
        ));
    }
    let open_last_word = !in_phrase
        && matches!(parts.last(), Some(Part::Word(_)))
        && cleaned.chars().last().is_some_and(|c| !c.is_whitespace() && c != '"');
    Ok(Parsed { parts, open_last_word })
}

/// Control and invisible formatting characters (bidi marks, zero-width joiners, BOM) separate words.
fn is_separator(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}' | '\u{061C}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(q: &str) -> Vec<Part> {
        parse(q).expect("parses").parts
    }

    #[test]
    fn phrases_words_and_unbalanced_quotes() {
        assert_eq!(
            words(r#"open "digital public" goods"#),
            vec![Part::Word("open".into()), Part::Phrase("digital public".into()), Part::Word("goods".into())]
        );
        assert_eq!(words(r#"a "b c"#), vec![Part::Word("a".into()), Part::Phrase("b c".into())]);
        assert_eq!(
            words("x\u{200F}y\u{0000}z"),
            vec![Part::Word("x".into()), Part::Word("y".into()), Part::Word("z".into())]
        );
        assert!(words("   ").is_empty());
    }

    #[test]
    fn the_last_word_is_open_only_while_typing() {
        assert!(parse("digital pub").expect("ok").open_last_word);
        assert!(!parse("digital pub ").expect("ok").open_last_word);
        assert!(!parse(r#""digital pub""#).expect("ok").open_last_word);
    }

    #[test]
    fn long_queries_are_refused_with_the_limit() {
        let err = parse(&"a".repeat(MAX_QUERY_CHARS + 1)).expect_err("too long");
        assert!(err.to_string().contains("500"), "{err}");
        let err = parse(&"a ".repeat(MAX_QUERY_WORDS + 1)).expect_err("too many words");
        assert!(err.to_string().contains("32"), "{err}");
    }
}
