//! Which names a function body binds (assignments, defs, imports, loop and
//! `with`/`except` targets) and its `global` / `nonlocal` declarations:
//! what the compiler needs to decide local, enclosing or global.

use ruff_python_ast::{self as ast, Expr, Stmt};
use std::collections::BTreeSet;

/// The names of one function or class body.
#[derive(Default, Debug)]
pub struct Symbols {
    /// Bound in this body.
    pub bound: BTreeSet<String>,
    /// Declared `global`.
    pub globals: BTreeSet<String>,
    /// Declared `nonlocal`.
    pub nonlocals: BTreeSet<String>,
}

/// The symbols of a body and its parameters.
pub fn collect(params: &[String], body: &[Stmt]) -> Symbols {
    let mut s = Symbols::default();
    s.bound.extend(params.iter().cloned());
    for st in body {
        stmt(&mut s, st);
    }
    for g in s.globals.iter().chain(s.nonlocals.iter()) {
        s.bound.remove(g);
    }
    s
}

fn stmts(s: &mut Symbols, body: &[Stmt]) {
    for st in body {
        stmt(s, st);
    }
}

fn stmt(s: &mut Symbols, st: &Stmt) {
    match st {
        Stmt::FunctionDef(f) => {
            s.bound.insert(f.name.id.to_string());
        }
        Stmt::ClassDef(c) => {
            s.bound.insert(c.name.id.to_string());
        }
        Stmt::Assign(a) => a.targets.iter().for_each(|t| target(s, t)),
        Stmt::AugAssign(a) => target(s, &a.target),
        Stmt::AnnAssign(a) if a.value.is_some() => target(s, &a.target),
        Stmt::For(f) => {
            target(s, &f.target);
            stmts(s, &f.body);
            stmts(s, &f.orelse);
        }
        Stmt::While(w) => {
            stmts(s, &w.body);
            stmts(s, &w.orelse);
        }
        Stmt::If(i) => {
            stmts(s, &i.body);
            for c in &i.elif_else_clauses {
                stmts(s, &c.body);
            }
        }
        Stmt::With(w) => {
            for item in &w.items {
                if let Some(v) = &item.optional_vars {
                    target(s, v);
                }
            }
            stmts(s, &w.body);
        }
        Stmt::Try(t) => {
            stmts(s, &t.body);
            for h in &t.handlers {
                let ast::ExceptHandler::ExceptHandler(h) = h;
                if let Some(n) = &h.name {
                    s.bound.insert(n.id.to_string());
                }
                stmts(s, &h.body);
            }
            stmts(s, &t.orelse);
            stmts(s, &t.finalbody);
        }
        Stmt::Import(i) => {
            for a in &i.names {
                let name = a.asname.as_ref().unwrap_or(&a.name).id.to_string();
                s.bound.insert(name.split('.').next().unwrap_or("").to_string());
            }
        }
        Stmt::ImportFrom(i) => {
            for a in &i.names {
                s.bound.insert(a.asname.as_ref().unwrap_or(&a.name).id.to_string());
            }
        }
        Stmt::Global(g) => s.globals.extend(g.names.iter().map(|n| n.id.to_string())),
        Stmt::Nonlocal(g) => s.nonlocals.extend(g.names.iter().map(|n| n.id.to_string())),
        Stmt::Delete(d) => d.targets.iter().for_each(|t| target(s, t)),
        _ => {}
    }
}

fn target(s: &mut Symbols, e: &Expr) {
    match e {
        Expr::Name(n) => {
            s.bound.insert(n.id.to_string());
        }
        Expr::Tuple(t) => t.elts.iter().for_each(|e| target(s, e)),
        Expr::List(t) => t.elts.iter().for_each(|e| target(s, e)),
        Expr::Starred(st) => target(s, &st.value),
        _ => {}
    }
}
