//! ruff's syntax tree → [`Code`]: scopes resolved, control flow as jumps,
//! `finally` bodies inlined on every way out, unsupported constructs
//! refused with where they are.

use std::rc::Rc;

use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::{Ranged, TextSize};

use super::code::{BinOp, Code, CodeKind, Const, Op, Params, Program};
use super::refusal::{unknown_module_message, Refusal, KNOWN_MODULES};
use super::scope::{self, Symbols};

/// Parses and compiles a file, or says why it cannot run.
pub fn compile(file: &str, source: &str) -> Result<Program, Refusal> {
    let lines = LineIndex::new(source);
    let parsed = ruff_python_parser::parse_module(source).map_err(|e| {
        let (line, column) = lines.at(e.location.start());
        Refusal { file: file.to_string(), line, column, construct: "SyntaxError".into(), message: e.error.to_string() }
    })?;
    let module = parsed.into_syntax();
    let mut c = Compiler { file, lines: &lines, units: Vec::new() };
    c.push_unit("<module>", "<module>", CodeKind::Module, Params::default(), Symbols::default(), 1);
    c.stmts(&module.body)?;
    c.emit_const(Const::None);
    c.emit(Op::Return);
    let code = c.pop_unit();
    Ok(Program { file: file.to_string(), lines: source.lines().map(str::to_string).collect(), module: Rc::new(code) })
}

/// Byte offsets → 1-based line and column.
struct LineIndex {
    starts: Vec<u32>,
    source: String,
}

impl LineIndex {
    fn new(source: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(source.match_indices('\n').map(|(i, _)| i as u32 + 1));
        LineIndex { starts, source: source.to_string() }
    }

    fn at(&self, offset: TextSize) -> (u32, u32) {
        let off = u32::from(offset);
        let line = self.starts.partition_point(|&s| s <= off).max(1);
        let start = self.starts[line - 1] as usize;
        let end = (off as usize).min(self.source.len());
        let column = self.source.get(start..end).map(|s| s.chars().count()).unwrap_or(0) as u32 + 1;
        (line as u32, column)
    }
}

/// What a `return`, `break` or `continue` must undo on its way out.
enum Unwind<'a> {
    Loop { is_for: bool, start: u32, breaks: Vec<usize> },
    Except,
    Handler,
    Finally(&'a [Stmt]),
    With,
}

struct Unit<'a> {
    code: Code,
    symbols: Symbols,
    line: u32,
    unwinds: Vec<Unwind<'a>>,
}

struct Compiler<'a, 'f> {
    file: &'f str,
    lines: &'f LineIndex,
    units: Vec<Unit<'a>>,
}

type R = Result<(), Refusal>;

/// Special methods the interpreter calls on user classes.
const CALLED_SPECIALS: &[&str] = &["__init__", "__enter__", "__exit__"];

impl<'a, 'f> Compiler<'a, 'f> {
    fn push_unit(&mut self, name: &str, qualname: &str, kind: CodeKind, params: Params, symbols: Symbols, line: u32) {
        let code = Code {
            name: name.into(),
            qualname: qualname.into(),
            kind,
            params,
            ops: Vec::new(),
            lines: Vec::new(),
            consts: Vec::new(),
            names: Vec::new(),
            first_line: line,
        };
        self.units.push(Unit { code, symbols, line, unwinds: Vec::new() });
    }

    fn pop_unit(&mut self) -> Code {
        self.units.pop().expect("unit").code
    }

    fn unit(&mut self) -> &mut Unit<'a> {
        self.units.last_mut().expect("unit")
    }

    fn refuse(&self, at: TextSize, construct: impl Into<String>, message: impl Into<String>) -> Refusal {
        let (line, column) = self.lines.at(at);
        Refusal { file: self.file.to_string(), line, column, construct: construct.into(), message: message.into() }
    }

    fn set_line(&mut self, at: TextSize) {
        let line = self.lines.at(at).0;
        self.unit().line = line;
    }

    fn emit(&mut self, op: Op) -> usize {
        let u = self.unit();
        u.code.ops.push(op);
        u.code.lines.push(u.line);
        u.code.ops.len() - 1
    }

    fn here(&mut self) -> u32 {
        self.unit().code.ops.len() as u32
    }

    fn patch(&mut self, at: usize) {
        let target = self.here();
        let op = &mut self.unit().code.ops[at];
        *op = match *op {
            Op::Jump(_) => Op::Jump(target),
            Op::JumpIfFalse(_) => Op::JumpIfFalse(target),
            Op::JumpIfTrue(_) => Op::JumpIfTrue(target),
            Op::JumpIfFalseOrPop(_) => Op::JumpIfFalseOrPop(target),
            Op::JumpIfTrueOrPop(_) => Op::JumpIfTrueOrPop(target),
            Op::ForIter(_) => Op::ForIter(target),
            Op::SetupExcept(_) => Op::SetupExcept(target),
            other => other,
        };
    }

    fn konst(&mut self, c: Const) -> u32 {
        let consts = &mut self.unit().code.consts;
        consts.push(c);
        consts.len() as u32 - 1
    }

    fn emit_const(&mut self, c: Const) {
        let i = self.konst(c);
        self.emit(Op::Const(i));
    }

    fn name(&mut self, n: &str) -> u32 {
        let names = &mut self.unit().code.names;
        if let Some(i) = names.iter().position(|x| x == n) {
            return i as u32;
        }
        names.push(n.to_string());
        names.len() as u32 - 1
    }

    /// How a name is reached from the current scope.
    fn resolve(&self, n: &str) -> Access {
        let u = self.units.last().expect("unit");
        match u.code.kind {
            CodeKind::Module => Access::Global,
            CodeKind::Class => {
                if u.symbols.globals.contains(n) {
                    Access::Global
                } else {
                    Access::Name
                }
            }
            CodeKind::Function => {
                if u.symbols.globals.contains(n) {
                    Access::Global
                } else if u.symbols.bound.contains(n) && !u.symbols.nonlocals.contains(n) {
                    Access::Fast
                } else {
                    self.enclosing(n)
                }
            }
        }
    }

    fn enclosing(&self, n: &str) -> Access {
        let mut depth = 0u16;
        for u in self.units.iter().rev().skip(1) {
            match u.code.kind {
                CodeKind::Module => break,
                CodeKind::Class => continue,
                CodeKind::Function => {
                    depth += 1;
                    if u.symbols.globals.contains(n) {
                        return Access::Global;
                    }
                    if u.symbols.bound.contains(n) && !u.symbols.nonlocals.contains(n) {
                        return Access::Deref(depth);
                    }
                }
            }
        }
        Access::Global
    }

    fn load_name(&mut self, n: &str) {
        let i = self.name(n);
        let op = match self.resolve(n) {
            Access::Fast => Op::LoadFast(i),
            Access::Deref(d) => Op::LoadDeref(d, i),
            Access::Global => Op::LoadGlobal(i),
            Access::Name => Op::LoadName(i),
        };
        self.emit(op);
    }

    fn store_name(&mut self, n: &str) {
        let i = self.name(n);
        let op = match self.resolve(n) {
            Access::Fast => Op::StoreFast(i),
            Access::Deref(d) => Op::StoreDeref(d, i),
            Access::Global => Op::StoreGlobal(i),
            Access::Name => Op::StoreName(i),
        };
        self.emit(op);
    }

    fn stmts(&mut self, body: &'a [Stmt]) -> R {
        for s in body {
            self.stmt(s)?;
        }
        Ok(())
    }

    fn stmt(&mut self, s: &'a Stmt) -> R {
        self.set_line(s.start());
        match s {
            Stmt::Expr(e) => {
                self.expr(&e.value)?;
                self.emit(Op::Pop);
            }
            Stmt::Assign(a) => {
                self.expr(&a.value)?;
                for (i, t) in a.targets.iter().enumerate() {
                    if i + 1 < a.targets.len() {
                        self.emit(Op::Dup);
                    }
                    self.store(t)?;
                }
            }
            Stmt::AugAssign(a) => self.aug_assign(a)?,
            Stmt::AnnAssign(a) => {
                if let Some(v) = &a.value {
                    self.expr(v)?;
                    self.store(&a.target)?;
                }
            }
            Stmt::Pass(_) => {
                self.emit(Op::Nop);
            }
            Stmt::If(i) => self.if_stmt(i)?,
            Stmt::While(w) => self.while_stmt(w)?,
            Stmt::For(f) => self.for_stmt(f)?,
            Stmt::Break(b) => self.break_continue(b.start(), true)?,
            Stmt::Continue(b) => self.break_continue(b.start(), false)?,
            Stmt::Return(r) => self.return_stmt(r)?,
            Stmt::FunctionDef(f) => self.function_def(f)?,
            Stmt::ClassDef(c) => self.class_def(c)?,
            Stmt::Import(i) => self.import(i)?,
            Stmt::ImportFrom(i) => self.import_from(i)?,
            Stmt::Try(t) => self.try_stmt(t)?,
            Stmt::Raise(r) => self.raise(r)?,
            Stmt::With(w) => self.with_stmt(w, 0)?,
            Stmt::Global(_) | Stmt::Nonlocal(_) => {}
            Stmt::Delete(d) => {
                for t in &d.targets {
                    self.delete(t)?;
                }
            }
            Stmt::Assert(a) => {
                self.expr(&a.test)?;
                let j = self.emit(Op::JumpIfTrue(0));
                if let Some(m) = &a.msg {
                    self.expr(m)?;
                }
                self.emit(Op::AssertFail(a.msg.is_some()));
                self.patch(j);
            }
            Stmt::Match(m) => return Err(self.refuse(m.start(), "match", "use if / elif / else")),
            Stmt::TypeAlias(t) => return Err(self.refuse(t.start(), "type alias", "assign the type to a name")),
            Stmt::IpyEscapeCommand(t) => return Err(self.refuse(t.start(), "IPython command", "write Python")),
        }
        Ok(())
    }

    fn aug_assign(&mut self, a: &'a ast::StmtAugAssign) -> R {
        let op = binop(a.op);
        match &*a.target {
            Expr::Name(n) => {
                self.load_name(&n.id);
                self.expr(&a.value)?;
                self.emit(Op::Inplace(op));
                self.store_name(&n.id);
            }
            Expr::Attribute(at) => {
                self.expr(&at.value)?;
                self.emit(Op::Dup);
                let i = self.name(&at.attr.id);
                self.emit(Op::LoadAttr(i));
                self.expr(&a.value)?;
                self.emit(Op::Inplace(op));
                self.emit(Op::Rot2);
                self.emit(Op::StoreAttr(i));
            }
            Expr::Subscript(sub) => {
                self.expr(&sub.value)?;
                self.expr(&sub.slice)?;
                self.emit(Op::Rot2);
                self.emit(Op::Dup);
                self.emit(Op::Rot3);
                self.emit(Op::Rot2);
                self.emit(Op::Dup);
                self.emit(Op::Rot3);
                // stack: obj key obj key
                self.emit(Op::Subscr);
                self.expr(&a.value)?;
                self.emit(Op::Inplace(op));
                // stack: obj key value → value obj key
                self.emit(Op::Rot3);
                self.emit(Op::StoreSubscr);
            }
            other => return Err(self.refuse(other.start(), "augmented assignment target", "assign to a name")),
        }
        Ok(())
    }

    fn if_stmt(&mut self, i: &'a ast::StmtIf) -> R {
        self.expr(&i.test)?;
        let mut jf = self.emit(Op::JumpIfFalse(0));
        self.stmts(&i.body)?;
        let mut ends = Vec::new();
        for clause in &i.elif_else_clauses {
            ends.push(self.emit(Op::Jump(0)));
            self.patch(jf);
            match &clause.test {
                Some(t) => {
                    self.set_line(t.start());
                    self.expr(t)?;
                    jf = self.emit(Op::JumpIfFalse(0));
                    self.stmts(&clause.body)?;
                }
                None => {
                    jf = usize::MAX;
                    self.stmts(&clause.body)?;
                }
            }
        }
        if jf != usize::MAX {
            self.patch(jf);
        }
        for e in ends {
            self.patch(e);
        }
        Ok(())
    }

    fn while_stmt(&mut self, w: &'a ast::StmtWhile) -> R {
        let start = self.here();
        self.expr(&w.test)?;
        let exit = self.emit(Op::JumpIfFalse(0));
        self.unit().unwinds.push(Unwind::Loop { is_for: false, start, breaks: Vec::new() });
        self.stmts(&w.body)?;
        self.emit(Op::Jump(start));
        let Some(Unwind::Loop { breaks, .. }) = self.unit().unwinds.pop() else { unreachable!() };
        self.patch(exit);
        self.stmts(&w.orelse)?;
        for b in breaks {
            self.patch(b);
        }
        Ok(())
    }

    fn for_stmt(&mut self, f: &'a ast::StmtFor) -> R {
        if f.is_async {
            return Err(self.refuse(f.start(), "async for", "use a plain for loop"));
        }
        self.expr(&f.iter)?;
        self.emit(Op::GetIter);
        let start = self.here();
        let exit = self.emit(Op::ForIter(0));
        self.store(&f.target)?;
        self.unit().unwinds.push(Unwind::Loop { is_for: true, start, breaks: Vec::new() });
        self.stmts(&f.body)?;
        self.emit(Op::Jump(start));
        let Some(Unwind::Loop { breaks, .. }) = self.unit().unwinds.pop() else { unreachable!() };
        self.patch(exit);
        self.stmts(&f.orelse)?;
        for b in breaks {
            self.patch(b);
        }
        Ok(())
    }

    /// Undoes the unwind entries above `keep` (inlining `finally` bodies).
    fn unwind_to(&mut self, keep: usize, value_on_stack: bool) -> R {
        let mut i = self.unit().unwinds.len();
        while i > keep {
            i -= 1;
            let action = match &self.unit().unwinds[i] {
                Unwind::Loop { is_for, .. } => Some(*is_for),
                Unwind::Except => {
                    self.emit(Op::PopBlock);
                    None
                }
                Unwind::Handler => {
                    self.emit(Op::PopExcept);
                    None
                }
                Unwind::With => {
                    self.emit(Op::PopBlock);
                    if value_on_stack {
                        self.emit(Op::Rot2);
                    }
                    for _ in 0..3 {
                        self.emit_const(Const::None);
                    }
                    self.emit(Op::Call(3));
                    self.emit(Op::Pop);
                    None
                }
                Unwind::Finally(body) => {
                    let body: &'a [Stmt] = body;
                    self.emit(Op::PopBlock);
                    let saved = self.unit().unwinds.split_off(i);
                    self.stmts(body)?;
                    self.unit().unwinds.extend(saved);
                    None
                }
            };
            if action == Some(true) {
                if value_on_stack {
                    self.emit(Op::Rot2);
                }
                self.emit(Op::Pop);
            }
        }
        Ok(())
    }

    fn break_continue(&mut self, at: TextSize, is_break: bool) -> R {
        let Some(pos) = self.unit().unwinds.iter().rposition(|u| matches!(u, Unwind::Loop { .. })) else {
            let what = if is_break { "'break' outside loop" } else { "'continue' not properly in loop" };
            return Err(self.refuse(at, "SyntaxError", what));
        };
        if is_break {
            self.unwind_to(pos, false)?;
            let j = self.emit(Op::Jump(0));
            if let Unwind::Loop { breaks, .. } = &mut self.unit().unwinds[pos] {
                breaks.push(j);
            }
        } else {
            self.unwind_to(pos + 1, false)?;
            let Unwind::Loop { start, .. } = self.unit().unwinds[pos] else { unreachable!() };
            self.emit(Op::Jump(start));
        }
        Ok(())
    }

    fn return_stmt(&mut self, r: &'a ast::StmtReturn) -> R {
        if self.unit().code.kind != CodeKind::Function {
            return Err(self.refuse(r.start(), "SyntaxError", "'return' outside function"));
        }
        match &r.value {
            Some(v) => self.expr(v)?,
            None => self.emit_const(Const::None),
        }
        self.unwind_to(0, true)?;
        self.emit(Op::Return);
        Ok(())
    }

    fn params(&mut self, p: &'a ast::Parameters) -> R {
        // Defaults are evaluated in the defining scope.
        let mut n = 0;
        for a in p.posonlyargs.iter().chain(p.args.iter()) {
            if let Some(d) = &a.default {
                self.expr(d)?;
                n += 1;
            }
        }
        self.emit(Op::BuildTuple(n));
        let kw: Vec<_> = p.kwonlyargs.iter().filter(|a| a.default.is_some()).collect();
        for a in &kw {
            self.emit_const(Const::Str(a.parameter.name.id.to_string()));
            self.expr(a.default.as_ref().expect("default"))?;
        }
        self.emit(Op::BuildDict(kw.len() as u32));
        Ok(())
    }

    fn param_spec(p: &ast::Parameters) -> Params {
        let positional: Vec<String> =
            p.posonlyargs.iter().chain(p.args.iter()).map(|a| a.parameter.name.id.to_string()).collect();
        Params {
            posonly: p.posonlyargs.len(),
            defaults: p.posonlyargs.iter().chain(p.args.iter()).filter(|a| a.default.is_some()).count(),
            positional,
            vararg: p.vararg.as_ref().map(|v| v.name.id.to_string()),
            kwonly: p.kwonlyargs.iter().map(|a| a.parameter.name.id.to_string()).collect(),
            kwonly_defaults: p.kwonlyargs.iter().map(|a| a.default.is_some()).collect(),
            kwarg: p.kwarg.as_ref().map(|v| v.name.id.to_string()),
        }
    }

    fn all_param_names(spec: &Params) -> Vec<String> {
        let mut names = spec.positional.clone();
        names.extend(spec.vararg.iter().cloned());
        names.extend(spec.kwonly.iter().cloned());
        names.extend(spec.kwarg.iter().cloned());
        names
    }

    fn qualname(&self, name: &str) -> String {
        let u = self.units.last().expect("unit");
        match u.code.kind {
            CodeKind::Module => name.to_string(),
            CodeKind::Class => format!("{}.{}", u.code.qualname, name),
            CodeKind::Function => format!("{}.<locals>.{}", u.code.qualname, name),
        }
    }

    fn function_def(&mut self, f: &'a ast::StmtFunctionDef) -> R {
        if f.is_async {
            return Err(self.refuse(
                f.start(),
                "async def",
                "write a plain def; pika's BlockingConnection needs no asyncio",
            ));
        }
        if let Some(y) = find_yield(&f.body) {
            return Err(self.refuse(y, "yield", "generators are not supported yet: build and return a list"));
        }
        for d in &f.decorator_list {
            self.expr(&d.expression)?;
        }
        self.params(&f.parameters)?;
        let spec = Self::param_spec(&f.parameters);
        let symbols = scope::collect(&Self::all_param_names(&spec), &f.body);
        let qualname = self.qualname(&f.name.id);
        let line = self.lines.at(f.start()).0;
        self.push_unit(&f.name.id, &qualname, CodeKind::Function, spec, symbols, line);
        self.stmts(&f.body)?;
        self.emit_const(Const::None);
        self.emit(Op::Return);
        let code = self.pop_unit();
        let k = self.konst(Const::Code(Rc::new(code)));
        self.emit(Op::MakeFunction(k, true, true));
        for _ in &f.decorator_list {
            self.emit(Op::Call(1));
        }
        self.store_name(&f.name.id);
        Ok(())
    }

    fn class_def(&mut self, c: &'a ast::StmtClassDef) -> R {
        for s in &c.body {
            if let Stmt::FunctionDef(f) = s {
                let n = f.name.id.as_str();
                if n.starts_with("__") && n.ends_with("__") && !CALLED_SPECIALS.contains(&n) {
                    return Err(self.refuse(
                        f.start(),
                        format!("special method {n}"),
                        "Warren calls only __init__, __enter__ and __exit__ of a program's classes; use a plain method",
                    ));
                }
            }
        }
        for d in &c.decorator_list {
            self.expr(&d.expression)?;
        }
        let mut nbases = 0;
        if let Some(args) = &c.arguments {
            if let Some(k) = args.keywords.first() {
                return Err(self.refuse(k.start(), "class keyword argument", "metaclasses are not supported"));
            }
            for b in args.args.iter() {
                self.expr(b)?;
                nbases += 1;
            }
        }
        let symbols = scope::collect(&[], &c.body);
        let qualname = self.qualname(&c.name.id);
        let line = self.lines.at(c.start()).0;
        self.push_unit(&c.name.id, &qualname, CodeKind::Class, Params::default(), symbols, line);
        self.stmts(&c.body)?;
        self.emit_const(Const::None);
        self.emit(Op::Return);
        let code = self.pop_unit();
        let k = self.konst(Const::Code(Rc::new(code)));
        let n = self.name(&c.name.id);
        self.emit(Op::MakeClass(k, n, nbases));
        for _ in &c.decorator_list {
            self.emit(Op::Call(1));
        }
        self.store_name(&c.name.id);
        Ok(())
    }

    fn check_module(&self, at: TextSize, name: &str) -> R {
        let root = name.split('.').next().unwrap_or(name);
        if KNOWN_MODULES.contains(&root) {
            Ok(())
        } else {
            Err(self.refuse(at, format!("import {name}"), unknown_module_message()))
        }
    }

    fn import(&mut self, i: &'a ast::StmtImport) -> R {
        for a in &i.names {
            self.check_module(a.start(), &a.name.id)?;
            let full = a.name.id.to_string();
            let n = self.name(&full);
            self.emit(Op::Import(n));
            match &a.asname {
                Some(asname) => {
                    for part in full.split('.').skip(1) {
                        let p = self.name(part);
                        self.emit(Op::LoadAttr(p));
                    }
                    self.store_name(&asname.id);
                }
                None => self.store_name(full.split('.').next().unwrap_or(&full)),
            }
        }
        Ok(())
    }

    fn import_from(&mut self, i: &'a ast::StmtImportFrom) -> R {
        let module = i.module.as_ref().map(|m| m.id.to_string()).unwrap_or_default();
        if i.level > 0 {
            return Err(self.refuse(
                i.start(),
                "relative import",
                "a program is one file; import Warren's modules by name",
            ));
        }
        self.check_module(i.start(), &module)?;
        let n = self.name(&module);
        self.emit(Op::Import(n));
        for part in module.split('.').skip(1) {
            let p = self.name(part);
            self.emit(Op::LoadAttr(p));
        }
        for a in &i.names {
            if a.name.id.as_str() == "*" {
                return Err(self.refuse(a.start(), "from ... import *", "import the names you use"));
            }
            let n = self.name(&a.name.id);
            self.emit(Op::ImportFrom(n));
            self.store_name(&a.asname.as_ref().unwrap_or(&a.name).id);
        }
        self.emit(Op::Pop);
        Ok(())
    }

    fn try_stmt(&mut self, t: &'a ast::StmtTry) -> R {
        if t.is_star {
            return Err(self.refuse(t.start(), "except*", "use except"));
        }
        if t.finalbody.is_empty() {
            return self.try_except(t);
        }
        let setup = self.emit(Op::SetupExcept(0));
        self.unit().unwinds.push(Unwind::Finally(&t.finalbody));
        self.try_except(t)?;
        self.unit().unwinds.pop();
        self.emit(Op::PopBlock);
        self.stmts(&t.finalbody)?;
        let end = self.emit(Op::Jump(0));
        self.patch(setup);
        self.unit().unwinds.push(Unwind::Handler);
        self.stmts(&t.finalbody)?;
        self.unit().unwinds.pop();
        self.emit(Op::Reraise);
        self.patch(end);
        Ok(())
    }

    fn try_except(&mut self, t: &'a ast::StmtTry) -> R {
        if t.handlers.is_empty() {
            return self.stmts(&t.body);
        }
        let setup = self.emit(Op::SetupExcept(0));
        self.unit().unwinds.push(Unwind::Except);
        self.stmts(&t.body)?;
        self.unit().unwinds.pop();
        self.emit(Op::PopBlock);
        self.stmts(&t.orelse)?;
        let mut ends = vec![self.emit(Op::Jump(0))];
        self.patch(setup);
        for h in &t.handlers {
            let ast::ExceptHandler::ExceptHandler(h) = h;
            self.set_line(h.start());
            let mut next = None;
            if let Some(ty) = &h.type_ {
                self.emit(Op::Dup);
                self.expr(ty)?;
                self.emit(Op::ExcMatch);
                next = Some(self.emit(Op::JumpIfFalse(0)));
            }
            match &h.name {
                Some(n) => self.store_name(&n.id),
                None => {
                    self.emit(Op::Pop);
                }
            }
            self.unit().unwinds.push(Unwind::Handler);
            self.stmts(&h.body)?;
            self.unit().unwinds.pop();
            self.emit(Op::PopExcept);
            ends.push(self.emit(Op::Jump(0)));
            if let Some(n) = next {
                self.patch(n);
            }
        }
        self.emit(Op::Reraise);
        for e in ends {
            self.patch(e);
        }
        Ok(())
    }

    fn raise(&mut self, r: &'a ast::StmtRaise) -> R {
        let mut n = 0;
        if let Some(e) = &r.exc {
            self.expr(e)?;
            n = 1;
            if let Some(c) = &r.cause {
                self.expr(c)?;
                n = 2;
            }
        }
        self.emit(Op::Raise(n));
        Ok(())
    }

    fn with_stmt(&mut self, w: &'a ast::StmtWith, item: usize) -> R {
        if w.is_async {
            return Err(self.refuse(w.start(), "async with", "use a plain with"));
        }
        let it = &w.items[item];
        self.expr(&it.context_expr)?;
        self.emit(Op::Dup);
        let exit = self.name("__exit__");
        self.emit(Op::LoadAttr(exit));
        self.emit(Op::Rot2);
        let enter = self.name("__enter__");
        self.emit(Op::LoadAttr(enter));
        self.emit(Op::Call(0));
        match &it.optional_vars {
            Some(v) => self.store(v)?,
            None => {
                self.emit(Op::Pop);
            }
        }
        let setup = self.emit(Op::SetupExcept(0));
        self.unit().unwinds.push(Unwind::With);
        if item + 1 < w.items.len() {
            self.with_stmt(w, item + 1)?;
        } else {
            self.stmts(&w.body)?;
        }
        self.unit().unwinds.pop();
        self.emit(Op::PopBlock);
        for _ in 0..3 {
            self.emit_const(Const::None);
        }
        self.emit(Op::Call(3));
        self.emit(Op::Pop);
        let end = self.emit(Op::Jump(0));
        self.patch(setup);
        // stack: exit, exc
        self.emit(Op::WithExit);
        let suppress = self.emit(Op::JumpIfTrue(0));
        self.emit(Op::Reraise);
        self.patch(suppress);
        self.emit(Op::Pop);
        self.emit(Op::PopExcept);
        self.patch(end);
        Ok(())
    }

    fn store(&mut self, t: &'a Expr) -> R {
        match t {
            Expr::Name(n) => self.store_name(&n.id),
            Expr::Attribute(a) => {
                self.expr(&a.value)?;
                let i = self.name(&a.attr.id);
                self.emit(Op::StoreAttr(i));
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.expr(&s.slice)?;
                self.emit(Op::StoreSubscr);
            }
            Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => self.unpack(elts)?,
            other => return Err(self.refuse(other.start(), "SyntaxError", "cannot assign to this expression")),
        }
        Ok(())
    }

    fn unpack(&mut self, elts: &'a [Expr]) -> R {
        match elts.iter().position(|e| matches!(e, Expr::Starred(_))) {
            None => {
                self.emit(Op::UnpackSequence(elts.len() as u32));
                for e in elts {
                    self.store(e)?;
                }
            }
            Some(star) => {
                self.emit(Op::UnpackEx(star as u32, (elts.len() - star - 1) as u32));
                for e in elts {
                    match e {
                        Expr::Starred(s) => self.store(&s.value)?,
                        e => self.store(e)?,
                    }
                }
            }
        }
        Ok(())
    }

    fn delete(&mut self, t: &'a Expr) -> R {
        match t {
            Expr::Name(n) => {
                let i = self.name(&n.id);
                let op = match self.resolve(&n.id) {
                    Access::Fast => Op::DelFast(i),
                    _ => Op::DelGlobal(i),
                };
                self.emit(op);
            }
            Expr::Attribute(a) => {
                self.expr(&a.value)?;
                let i = self.name(&a.attr.id);
                self.emit(Op::DelAttr(i));
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.expr(&s.slice)?;
                self.emit(Op::DelSubscr);
            }
            Expr::Tuple(t) => {
                for e in &t.elts {
                    self.delete(e)?;
                }
            }
            other => return Err(self.refuse(other.start(), "SyntaxError", "cannot delete this expression")),
        }
        Ok(())
    }
}

enum Access {
    Fast,
    Deref(u16),
    Global,
    Name,
}

pub(super) fn binop(op: ast::Operator) -> BinOp {
    use ast::Operator as O;
    match op {
        O::Add => BinOp::Add,
        O::Sub => BinOp::Sub,
        O::Mult => BinOp::Mul,
        O::MatMult => BinOp::MatMul,
        O::Div => BinOp::Div,
        O::Mod => BinOp::Mod,
        O::Pow => BinOp::Pow,
        O::LShift => BinOp::LShift,
        O::RShift => BinOp::RShift,
        O::BitOr => BinOp::BitOr,
        O::BitXor => BinOp::BitXor,
        O::BitAnd => BinOp::BitAnd,
        O::FloorDiv => BinOp::FloorDiv,
    }
}

/// The first `yield` in a function body (not in nested functions).
fn find_yield(body: &[Stmt]) -> Option<TextSize> {
    use ruff_python_ast::visitor::{walk_expr, walk_stmt, Visitor};
    struct Find(Option<TextSize>);
    impl<'b> Visitor<'b> for Find {
        fn visit_stmt(&mut self, s: &'b Stmt) {
            if !matches!(s, Stmt::FunctionDef(_) | Stmt::ClassDef(_)) {
                walk_stmt(self, s);
            }
        }
        fn visit_expr(&mut self, e: &'b Expr) {
            match e {
                Expr::Yield(_) | Expr::YieldFrom(_) | Expr::Await(_) => {
                    self.0.get_or_insert(e.start());
                }
                Expr::Lambda(_) => {}
                _ => walk_expr(self, e),
            }
        }
    }
    let mut f = Find(None);
    for s in body {
        f.visit_stmt(s);
    }
    f.0
}

mod expr;
