//! Tokens of `.arch` files, with byte spans. The lexer never fails: a bad character or an unterminated
//! string becomes an error (collected) plus a token the parser can step over.

use super::diagnostics::DslError;
use std::ops::Range;

pub type Span = Range<usize>;

#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    Ident(String),
    /// A string literal with its escapes resolved.
    Str(String),
    Int(i64),
    LParen,
    RParen,
    LBrace,
    RBrace,
    Dot,
    Comma,
    Semi,
    Eq,
    Plus,
    Minus,
    Star,
    Eof,
}

impl Tok {
    /// How the token is named in "expected X, found Y" messages.
    pub fn describe(&self) -> String {
        match self {
            Tok::Ident(name) => format!("'{name}'"),
            Tok::Str(_) => "a string".to_owned(),
            Tok::Int(_) => "a number".to_owned(),
            Tok::LParen => "'('".to_owned(),
            Tok::RParen => "')'".to_owned(),
            Tok::LBrace => "'{'".to_owned(),
            Tok::RBrace => "'}'".to_owned(),
            Tok::Dot => "'.'".to_owned(),
            Tok::Comma => "','".to_owned(),
            Tok::Semi => "';'".to_owned(),
            Tok::Eq => "'='".to_owned(),
            Tok::Plus => "'+'".to_owned(),
            Tok::Minus => "'-'".to_owned(),
            Tok::Star => "'*'".to_owned(),
            Tok::Eof => "the end of the file".to_owned(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub tok: Tok,
    pub span: Span,
}

/// Splits `source` into tokens (ending with `Eof`), reporting lexical errors into `errors`.
pub fn lex(source: &str, errors: &mut Vec<DslError>) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut chars = source.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        let single = |tok| Token { tok, span: start..start + c.len_utf8() };
        match c {
            c if c.is_whitespace() => {}
            '/' if matches!(chars.peek(), Some((_, '/'))) => {
                while chars.peek().is_some_and(|&(_, c)| c != '\n') {
                    chars.next();
                }
            }
            '/' if matches!(chars.peek(), Some((_, '*'))) => {
                chars.next();
                let mut prev = ' ';
                let mut closed = false;
                for (_, c) in chars.by_ref() {
                    if prev == '*' && c == '/' {
                        closed = true;
                        break;
                    }
                    prev = c;
                }
                if !closed {
                    errors.push(DslError::UnterminatedComment { span: (start..start + 2).into() });
                }
            }
            '"' => tokens.push(lex_string(source, start, &mut chars, errors)),
            c if c.is_ascii_digit() => {
                let mut end = start + 1;
                while let Some(&(i, d)) = chars.peek() {
                    if !(d.is_ascii_digit() || d == '_' || d == 'L') {
                        break;
                    }
                    end = i + 1;
                    chars.next();
                }
                let text: String =
                    source.get(start..end).unwrap_or("").chars().filter(|c| c.is_ascii_digit()).collect();
                let value = text.parse().unwrap_or_else(|_| {
                    errors.push(DslError::NumberTooLarge { span: (start..end).into() });
                    0
                });
                tokens.push(Token { tok: Tok::Int(value), span: start..end });
            }
            c if c.is_alphabetic() || c == '_' || c == '$' => {
                let mut end = start + c.len_utf8();
                while let Some(&(i, d)) = chars.peek() {
                    if !(d.is_alphanumeric() || d == '_' || d == '$') {
                        break;
                    }
                    end = i + d.len_utf8();
                    chars.next();
                }
                let name = source.get(start..end).unwrap_or("").to_owned();
                tokens.push(Token { tok: Tok::Ident(name), span: start..end });
            }
            '(' => tokens.push(single(Tok::LParen)),
            ')' => tokens.push(single(Tok::RParen)),
            '{' => tokens.push(single(Tok::LBrace)),
            '}' => tokens.push(single(Tok::RBrace)),
            '.' => tokens.push(single(Tok::Dot)),
            ',' => tokens.push(single(Tok::Comma)),
            ';' => tokens.push(single(Tok::Semi)),
            '=' => tokens.push(single(Tok::Eq)),
            '+' => tokens.push(single(Tok::Plus)),
            '-' => tokens.push(single(Tok::Minus)),
            '*' => tokens.push(single(Tok::Star)),
            other => errors
                .push(DslError::UnexpectedCharacter { found: other, span: (start..start + other.len_utf8()).into() }),
        }
    }
    tokens.push(Token { tok: Tok::Eof, span: source.len()..source.len() });
    tokens
}

/// A Java string literal: `\"`, `\\`, `\n`, `\t`, `\'`, `\uXXXX`. Unterminated at the end of the line.
fn lex_string(
    source: &str,
    start: usize,
    chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>,
    errors: &mut Vec<DslError>,
) -> Token {
    let mut value = String::new();
    loop {
        let Some((i, c)) = chars.next() else {
            errors.push(DslError::UnterminatedString { span: (start..source.len()).into() });
            return Token { tok: Tok::Str(value), span: start..source.len() };
        };
        match c {
            '"' => return Token { tok: Tok::Str(value), span: start..i + 1 },
            '\n' => {
                errors.push(DslError::UnterminatedString { span: (start..i).into() });
                return Token { tok: Tok::Str(value), span: start..i };
            }
            '\\' => match chars.next() {
                Some((_, 'n')) => value.push('\n'),
                Some((_, 't')) => value.push('\t'),
                Some((_, 'u')) => {
                    let hex: String = (0..4).filter_map(|_| chars.next().map(|(_, c)| c)).collect();
                    match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                        Some(c) => value.push(c),
                        None => errors.push(DslError::BadEscape { span: (i..i + 2 + hex.len()).into() }),
                    }
                }
                Some((_, c @ ('"' | '\\' | '\''))) => value.push(c),
                Some((j, c)) => errors.push(DslError::BadEscape { span: (i..j + c.len_utf8()).into() }),
                None => {}
            },
            c => value.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(source: &str) -> Vec<Tok> {
        let mut errors = Vec::new();
        let tokens = lex(source, &mut errors);
        assert!(errors.is_empty(), "{errors:?}");
        tokens.into_iter().map(|t| t.tok).collect()
    }

    #[test]
    fn lexes_calls_strings_and_skips_comments() {
        assert_eq!(
            toks("a.b(\"x\\\"y\", 42) // c\n/* d */ ;"),
            vec![
                Tok::Ident("a".into()),
                Tok::Dot,
                Tok::Ident("b".into()),
                Tok::LParen,
                Tok::Str("x\"y".into()),
                Tok::Comma,
                Tok::Int(42),
                Tok::RParen,
                Tok::Semi,
                Tok::Eof
            ]
        );
    }

    #[test]
    fn reports_bad_input_and_keeps_going() {
        let mut errors = Vec::new();
        let tokens = lex("a # \"open\n b", &mut errors);
        assert_eq!(errors.len(), 2);
        assert_eq!(tokens.last().map(|t| &t.tok), Some(&Tok::Eof));
        assert!(tokens.iter().any(|t| t.tok == Tok::Ident("b".into())));
    }
}
