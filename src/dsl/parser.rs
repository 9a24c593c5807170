//! Recursive-descent parser from tokens to [`ast::File`]. On a syntax error it records a diagnostic,
//! leaves an [`ExprKind::Error`] placeholder and resumes at the next `;`, `)` or `rule`, so one run
//! reports every mistake of a file.

use super::ast::{Expr, ExprKind, File, FixDecl, Ident, Import, Let, PackHeader, RuleDecl};
use super::diagnostics::DslError;
use super::lexer::{Span, Tok, Token};

pub fn parse(tokens: &[Token], errors: &mut Vec<DslError>) -> File {
    let mut parser = Parser { tokens, pos: 0, errors };
    parser.file()
}

/// One expression and nothing after it (for definitions written in the DSL itself).
pub fn parse_expr(tokens: &[Token], errors: &mut Vec<DslError>) -> Option<Expr> {
    let mut parser = Parser { tokens, pos: 0, errors };
    let expr = parser.expr().ok()?;
    parser.at(&Tok::Eof).then_some(expr)
}

struct Parser<'t, 'e> {
    tokens: &'t [Token],
    pos: usize,
    errors: &'e mut Vec<DslError>,
}

/// Raised to unwind to the nearest recovery point after the error has been recorded.
struct Recover;

type PResult<T> = Result<T, Recover>;

const EOF: Token = Token { tok: Tok::Eof, span: 0..0 };

impl Parser<'_, '_> {
    fn peek(&self) -> &Token {
        self.tokens.get(self.pos).or(self.tokens.last()).unwrap_or(&EOF)
    }

    fn peek_at(&self, offset: usize) -> &Tok {
        self.tokens.get(self.pos + offset).map_or(&Tok::Eof, |t| &t.tok)
    }

    fn bump(&mut self) -> Token {
        let token = self.peek().clone();
        if self.pos < self.tokens.len() {
            self.pos += 1;
        }
        token
    }

    fn at(&self, tok: &Tok) -> bool {
        &self.peek().tok == tok
    }

    fn at_keyword(&self, keyword: &str) -> bool {
        matches!(&self.peek().tok, Tok::Ident(name) if name == keyword)
    }

    fn eat(&mut self, tok: &Tok) -> bool {
        let found = self.at(tok);
        if found {
            self.bump();
        }
        found
    }

    fn expected(&mut self, what: &str) -> Recover {
        let token = self.peek().clone();
        if token.tok == Tok::Eof && !self.errors.is_empty() {
            // The file ended early because of an earlier error (an unterminated string): say nothing more.
            return Recover;
        }
        self.errors.push(DslError::Syntax {
            expected: what.to_owned(),
            found: token.tok.describe(),
            span: token.span.into(),
        });
        Recover
    }

    fn expect(&mut self, tok: &Tok) -> PResult<Span> {
        if self.at(tok) {
            Ok(self.bump().span)
        } else {
            Err(self.expected(&tok.describe()))
        }
    }

    fn ident(&mut self, what: &str) -> PResult<Ident> {
        match &self.peek().tok {
            Tok::Ident(name) => {
                let ident = Ident { name: name.clone(), span: self.peek().span.clone() };
                self.bump();
                Ok(ident)
            }
            _ => Err(self.expected(what)),
        }
    }

    fn string(&mut self, what: &str) -> PResult<(String, Span)> {
        match &self.peek().tok {
            Tok::Str(value) => {
                let value = value.clone();
                Ok((value, self.bump().span))
            }
            _ => Err(self.expected(what)),
        }
    }

    /// Skips to just after the next `;` at top level, or to the next `rule` keyword or end of file.
    fn recover_item(&mut self) {
        loop {
            match &self.peek().tok {
                Tok::Eof => return,
                Tok::Semi => {
                    self.bump();
                    return;
                }
                Tok::Ident(name) if name == "rule" || name == "let" || name == "import" => return,
                _ => {
                    self.bump();
                }
            }
        }
    }

    /// `file = { pack | import | let | rule }`
    fn file(&mut self) -> File {
        let mut file = File::default();
        while !self.at(&Tok::Eof) {
            let item_start = self.pos;
            let result = if self.at_keyword("pack") {
                self.pack().map(|pack| {
                    if file.pack.is_none() {
                        file.pack = Some(pack);
                    } else {
                        self.errors.push(DslError::DuplicatePack { span: pack.id_span.into() });
                    }
                })
            } else if self.at_keyword("import") {
                self.import().map(|import| file.imports.push(import))
            } else if self.at_keyword("let") {
                self.bump();
                self.binding().map(|binding| file.lets.push(binding))
            } else if self.at_keyword("rule") {
                self.rule().map(|rule| file.rules.push(rule))
            } else {
                Err(self.expected("'pack', 'import', 'let' or 'rule'"))
            };
            if result.is_err() {
                self.recover_item();
                // Always make progress, even when the error is at a keyword.
                if self.pos == item_start {
                    self.bump();
                }
            }
        }
        file
    }

    /// `pack = "pack" STRING "{" { "description" expr ";" | "param" IDENT "=" expr ";" | fix ";" } "}"`
    fn pack(&mut self) -> PResult<PackHeader> {
        self.bump();
        let (id, id_span) = self.string("the pack id, a string such as \"archrules.guava\"")?;
        self.expect(&Tok::LBrace)?;
        let mut header = PackHeader { id, id_span, description: None, params: Vec::new(), fixes: Vec::new() };
        while !self.at(&Tok::RBrace) && !self.at(&Tok::Eof) {
            let entry = if self.at_keyword("description") {
                self.bump();
                self.expr().and_then(|e| {
                    header.description = Some(e);
                    self.expect(&Tok::Semi).map(drop)
                })
            } else if self.at_keyword("param") {
                self.bump();
                self.binding().map(|p| header.params.push(p))
            } else if self.at_keyword("fix") {
                self.fix().map(|f| header.fixes.push(f)).and_then(|()| self.expect(&Tok::Semi).map(drop))
            } else {
                Err(self.expected("'description', 'param', 'fix' or '}'"))
            };
            if entry.is_err() {
                while !matches!(self.peek().tok, Tok::Semi | Tok::RBrace | Tok::Eof) {
                    self.bump();
                }
                self.eat(&Tok::Semi);
            }
        }
        self.expect(&Tok::RBrace)?;
        Ok(header)
    }

    /// `import = "import" ["static"] IDENT { "." IDENT } [ "." "*" ] ";"`
    fn import(&mut self) -> PResult<Import> {
        let start = self.bump().span.start;
        let is_static = self.at_keyword("static") && matches!(self.peek_at(1), Tok::Ident(_));
        if is_static {
            self.bump();
        }
        let mut path = vec![self.ident("a class name to import")?];
        let mut wildcard = false;
        while self.eat(&Tok::Dot) {
            if self.eat(&Tok::Star) {
                wildcard = true;
                break;
            }
            path.push(self.ident("a name or '*'")?);
        }
        let end = self.expect(&Tok::Semi)?.end;
        Ok(Import { path, is_static, wildcard, span: start..end })
    }

    /// `binding = IDENT "=" expr ";"` (after `let` or `param`)
    fn binding(&mut self) -> PResult<Let> {
        let name = self.ident("a name")?;
        self.expect(&Tok::Eq)?;
        let value = self.expr()?;
        self.expect(&Tok::Semi)?;
        Ok(Let { name, value })
    }

    /// `rule = "rule" STRING "=" expr ";"`
    fn rule(&mut self) -> PResult<RuleDecl> {
        let start = self.bump().span.start;
        let (name, name_span) = self.string("the rule name, a string such as \"guava optional\"")?;
        self.expect(&Tok::Eq)?;
        let body = self.expr_recovering(&[Tok::Semi, Tok::Ident("fix".to_owned())]);
        let mut fixes = Vec::new();
        while self.at_keyword("fix") {
            fixes.push(self.fix()?);
        }
        // A missing `;` is reported, but the rule is kept and the next item parses normally.
        let end = if self.at(&Tok::Semi) {
            self.bump().span.end
        } else {
            if body.kind != ExprKind::Error {
                self.expected("';'");
            }
            body.span.end
        };
        Ok(RuleDecl { name, name_span, body, fixes, span: start..end })
    }

    /// `fix = "fix" STRING "from" STRING [ "with" "(" IDENT "=" STRING { "," IDENT "=" STRING } ")" ]`
    fn fix(&mut self) -> PResult<FixDecl> {
        self.bump();
        let (recipe, recipe_span) =
            self.string("the recipe id, a string such as \"org.openrewrite.java.migrate.guava.NoGuava\"")?;
        if !self.at_keyword("from") {
            return Err(self.expected("'from' and the recipe module's \"group:artifact\""));
        }
        self.bump();
        let (module, module_span) =
            self.string("the recipe module, a string such as \"org.openrewrite.recipe:rewrite-migrate-java\"")?;
        let mut options = Vec::new();
        if self.at_keyword("with") {
            self.bump();
            self.expect(&Tok::LParen)?;
            loop {
                let name = self.ident("a recipe option name")?;
                self.expect(&Tok::Eq)?;
                let (value, _) = self.string("the option's value, a string")?;
                options.push((name, value));
                if !self.eat(&Tok::Comma) {
                    break;
                }
            }
            self.expect(&Tok::RParen)?;
        }
        Ok(FixDecl { recipe, recipe_span, module, module_span, options })
    }

    /// An expression; on error, a placeholder spanning what was skipped up to one of `stops` (not
    /// consumed), a `;` or a `rule` keyword.
    fn expr_recovering(&mut self, stops: &[Tok]) -> Expr {
        let start = self.peek().span.start;
        match self.expr() {
            Ok(expr) => expr,
            Err(Recover) => {
                self.skip_balanced_to(stops);
                let end = self.peek().span.start.max(start);
                Expr { kind: ExprKind::Error, span: start..end }
            }
        }
    }

    /// Skips tokens until one of `stops` outside parentheses (not consumed), a `;`, `rule` or the end.
    fn skip_balanced_to(&mut self, stops: &[Tok]) {
        let mut depth = 0usize;
        loop {
            let tok = &self.peek().tok;
            if *tok == Tok::Eof || *tok == Tok::Semi || matches!(tok, Tok::Ident(n) if n == "rule") {
                return;
            }
            if depth == 0 && stops.contains(tok) {
                return;
            }
            match tok {
                Tok::LParen => depth += 1,
                Tok::RParen => depth = depth.saturating_sub(1),
                _ => {}
            }
            self.bump();
        }
    }

    /// `expr = postfix { "+" postfix }`
    fn expr(&mut self) -> PResult<Expr> {
        let mut lhs = self.postfix()?;
        while self.eat(&Tok::Plus) {
            let rhs = self.postfix()?;
            let span = lhs.span.start..rhs.span.end;
            lhs = Expr { kind: ExprKind::Concat(Box::new(lhs), Box::new(rhs)), span };
        }
        Ok(lhs)
    }

    /// `postfix = primary { "." ( IDENT [ "(" args ")" ] | "class" ) }`
    fn postfix(&mut self) -> PResult<Expr> {
        let mut expr = self.primary()?;
        while self.eat(&Tok::Dot) {
            let name = self.ident("a method name after '.'")?;
            let start = expr.span.start;
            if name.name == "class" {
                expr = Expr { span: start..name.span.end, kind: ExprKind::ClassLit(Box::new(expr)) };
            } else if self.at(&Tok::LParen) {
                let (args, end) = self.args()?;
                expr = Expr { kind: ExprKind::Call { receiver: Some(Box::new(expr)), name, args }, span: start..end };
            } else {
                let end = name.span.end;
                expr = Expr { kind: ExprKind::Field(Box::new(expr), name), span: start..end };
            }
        }
        Ok(expr)
    }

    /// `primary = STRING | INT | "-" INT | "true" | "false" | IDENT [ "(" args ")" ] | "(" expr ")"`
    fn primary(&mut self) -> PResult<Expr> {
        let token = self.peek().clone();
        let kind = match token.tok {
            Tok::Str(value) => ExprKind::Str(value),
            Tok::Int(value) => ExprKind::Int(value),
            Tok::Minus => {
                self.bump();
                let Tok::Int(value) = self.peek().tok else {
                    return Err(self.expected("a number after '-'"));
                };
                let end = self.bump().span.end;
                return Ok(Expr { kind: ExprKind::Int(-value), span: token.span.start..end });
            }
            Tok::Ident(ref name) if name == "true" || name == "false" => ExprKind::Bool(name == "true"),
            Tok::Ident(name) => {
                self.bump();
                let ident = Ident { name, span: token.span.clone() };
                if self.at(&Tok::LParen) {
                    let (args, end) = self.args()?;
                    let span = token.span.start..end;
                    return Ok(Expr { kind: ExprKind::Call { receiver: None, name: ident, args }, span });
                }
                return Ok(Expr { kind: ExprKind::Name(ident), span: token.span });
            }
            Tok::LParen => {
                self.bump();
                let inner = self.expr()?;
                self.expect(&Tok::RParen)?;
                return Ok(inner);
            }
            _ => return Err(self.expected("an expression")),
        };
        self.bump();
        Ok(Expr { kind, span: token.span })
    }

    /// `args = "(" [ expr { "," expr } ] ")"`. A bad argument becomes a placeholder and parsing
    /// resumes at the next `,` or `)`, so the other arguments are still checked.
    fn args(&mut self) -> PResult<(Vec<Expr>, usize)> {
        self.expect(&Tok::LParen)?;
        let mut args = Vec::new();
        if !self.at(&Tok::RParen) {
            loop {
                let arg = self.expr_recovering(&[Tok::Comma, Tok::RParen]);
                let failed = arg.kind == ExprKind::Error;
                args.push(arg);
                if self.eat(&Tok::Comma) {
                    continue;
                }
                if self.at(&Tok::RParen) {
                    break;
                }
                if failed {
                    return Err(Recover); // Already reported; recovery stopped at `;` or `rule`.
                }
                // `f(a b)`: report once, skip to the next `,` or `)` at this depth.
                let recover = self.expected("',' or ')'");
                self.skip_balanced_to(&[Tok::Comma, Tok::RParen]);
                if self.eat(&Tok::Comma) {
                    continue;
                }
                if !self.at(&Tok::RParen) {
                    return Err(recover);
                }
                break;
            }
        }
        let end = self.expect(&Tok::RParen)?.end;
        Ok((args, end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dsl::lexer::lex;

    fn parse_ok(source: &str) -> File {
        let mut errors = Vec::new();
        let tokens = lex(source, &mut errors);
        let file = parse(&tokens, &mut errors);
        assert!(errors.is_empty(), "{errors:?}");
        file
    }

    #[test]
    fn parses_items() {
        let file = parse_ok(
            "pack \"p\" { description \"d\"; param lib = \"x\"; }\nimport a.b.C;\nimport static a.b.C.f;\n\
             let x = \"a\" + lib;\nrule \"r\" = classes().should().bePublic();",
        );
        assert_eq!(file.pack.as_ref().map(|p| p.params.len()), Some(1));
        assert_eq!(file.imports.len(), 2);
        assert!(file.imports[1].is_static);
        assert_eq!(file.lets.len(), 1);
        assert_eq!(file.rules[0].name, "r");
        assert!(matches!(file.rules[0].body.kind, ExprKind::Call { .. }));
    }

    #[test]
    fn class_literals_and_fields() {
        let file = parse_ok("rule \"r\" = f(a.b.C.class, Priority.MEDIUM, -1);");
        let ExprKind::Call { args, .. } = &file.rules[0].body.kind else { panic!() };
        assert!(matches!(args[0].kind, ExprKind::ClassLit(_)));
        assert!(matches!(args[1].kind, ExprKind::Field(..)));
        assert_eq!(args[2].kind, ExprKind::Int(-1));
    }

    #[test]
    fn recovers_and_reports_every_syntax_error() {
        let source = "rule \"a\" = f(,x);\nrule \"b\" = g(1 2);\nrule \"c\" = h();";
        let mut errors = Vec::new();
        let tokens = lex(source, &mut errors);
        let file = parse(&tokens, &mut errors);
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert_eq!(file.rules.len(), 3);
    }
}
