//! The syntax tree of an `.arch` file: what was written, with spans, before any name is resolved.
//! Expressions are Java-like and untyped; the lowering pass gives them meaning.

use super::lexer::Span;

#[derive(Debug, Clone, PartialEq)]
pub struct Ident {
    pub name: String,
    pub span: Span,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct File {
    pub pack: Option<PackHeader>,
    pub imports: Vec<Import>,
    pub lets: Vec<Let>,
    pub rules: Vec<RuleDecl>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PackHeader {
    pub id: String,
    pub id_span: Span,
    pub description: Option<Expr>,
    pub params: Vec<Let>,
    pub fixes: Vec<FixDecl>,
}

/// `fix "<recipe id>" from "<group:artifact>" [with (name = "value", ...)]`, in a pack header or after a rule.
#[derive(Debug, Clone, PartialEq)]
pub struct FixDecl {
    pub recipe: String,
    pub recipe_span: Span,
    pub module: String,
    pub module_span: Span,
    pub options: Vec<(Ident, String)>,
}

/// `import a.b.C;` binds `C`; `import static ...;` and `import a.b.*;` bind nothing.
#[derive(Debug, Clone, PartialEq)]
pub struct Import {
    pub path: Vec<Ident>,
    pub is_static: bool,
    pub wildcard: bool,
    pub span: Span,
}

/// `let name = expr;` or, in a pack header, `param name = expr;`.
#[derive(Debug, Clone, PartialEq)]
pub struct Let {
    pub name: Ident,
    pub value: Expr,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RuleDecl {
    pub name: String,
    pub name_span: Span,
    pub body: Expr,
    /// `fix` clauses between the chain and the `;`.
    pub fixes: Vec<FixDecl>,
    /// The whole declaration, `rule` to `;`.
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    Str(String),
    Int(i64),
    Bool(bool),
    /// A bare identifier: a `let`/`param`, an enum constant (`MEDIUM`), an imported class, a qualifier.
    Name(Ident),
    /// `receiver.field` without a call: `Priority.MEDIUM`, `java.lang`.
    Field(Box<Expr>, Ident),
    /// `receiver.name(args)` or `name(args)`.
    Call {
        receiver: Option<Box<Expr>>,
        name: Ident,
        args: Vec<Expr>,
    },
    /// `X.class`: the inner expression is the (possibly dotted) class name.
    ClassLit(Box<Expr>),
    /// `a + b` on strings.
    Concat(Box<Expr>, Box<Expr>),
    /// Where the parser recovered from an error; lowering ignores it silently.
    Error,
}

impl Expr {
    /// The dotted path this expression spells, if it is only names and fields (`a.b.C`).
    pub fn as_path(&self) -> Option<Vec<&Ident>> {
        match &self.kind {
            ExprKind::Name(ident) => Some(vec![ident]),
            ExprKind::Field(receiver, ident) => {
                let mut path = receiver.as_path()?;
                path.push(ident);
                Some(path)
            }
            _ => None,
        }
    }
}
