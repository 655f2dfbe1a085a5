//! Expressions: operators, displays, comprehensions (their own scope, as in
//! CPython 3.11), calls with keywords and unpacking, f-strings.

use std::rc::Rc;

use ruff_python_ast::{self as ast, Expr, Number};
use ruff_text_size::Ranged;

use super::super::code::{CmpOp, CodeKind, Const, Op, Params, UnOp};
use super::super::scope::Symbols;
use super::{binop, Compiler, R};

pub(in crate::python) fn cmpop(op: ast::CmpOp) -> Option<CmpOp> {
    use ast::CmpOp as C;
    Some(match op {
        C::Eq => CmpOp::Eq,
        C::NotEq => CmpOp::Ne,
        C::Lt => CmpOp::Lt,
        C::LtE => CmpOp::Le,
        C::Gt => CmpOp::Gt,
        C::GtE => CmpOp::Ge,
        _ => return None,
    })
}

impl<'a> Compiler<'a, '_> {
    pub(super) fn expr(&mut self, e: &'a Expr) -> R {
        match e {
            Expr::NoneLiteral(_) => self.emit_const(Const::None),
            Expr::BooleanLiteral(b) => self.emit_const(Const::Bool(b.value)),
            Expr::EllipsisLiteral(_) => self.emit_const(Const::Ellipsis),
            Expr::NumberLiteral(n) => self.number(n)?,
            Expr::StringLiteral(s) => self.emit_const(Const::Str(s.value.to_str().to_string())),
            Expr::BytesLiteral(b) => self.emit_const(Const::Bytes(b.value.bytes().collect())),
            Expr::FString(f) => self.fstring(f)?,
            Expr::Name(n) => self.load_name(&n.id),
            Expr::Attribute(a) => {
                self.expr(&a.value)?;
                let i = self.name(&a.attr.id);
                self.emit(Op::LoadAttr(i));
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.expr(&s.slice)?;
                self.emit(Op::Subscr);
            }
            Expr::Slice(s) => self.slice(s)?,
            Expr::Tuple(t) => self.sequence(&t.elts, true)?,
            Expr::List(l) => self.sequence(&l.elts, false)?,
            Expr::Set(s) => {
                for e in &s.elts {
                    self.expr(e)?;
                }
                self.emit(Op::BuildSet(s.elts.len() as u32));
            }
            Expr::Dict(d) => self.dict(d)?,
            Expr::BoolOp(b) => self.boolop(b)?,
            Expr::BinOp(b) => {
                self.expr(&b.left)?;
                self.expr(&b.right)?;
                self.emit(Op::Binary(binop(b.op)));
            }
            Expr::UnaryOp(u) => self.unary(u)?,
            Expr::Compare(c) => self.compare(c)?,
            Expr::If(i) => self.if_expr(i)?,
            Expr::Call(c) => self.call(c)?,
            Expr::Lambda(l) => self.lambda(l)?,
            Expr::ListComp(c) => self.comprehension(Comp::List(&c.elt), &c.generators, "<listcomp>")?,
            Expr::Generator(c) => self.comprehension(Comp::List(&c.elt), &c.generators, "<genexpr>")?,
            Expr::SetComp(c) => self.comprehension(Comp::Set(&c.elt), &c.generators, "<setcomp>")?,
            Expr::DictComp(c) => match &c.key {
                Some(k) => self.comprehension(Comp::Dict(k, &c.value), &c.generators, "<dictcomp>")?,
                None => return Err(self.refuse(c.start(), "dict comprehension", "write key: value")),
            },
            other => return Err(self.refused(other)),
        }
        Ok(())
    }

    fn slice(&mut self, s: &'a ast::ExprSlice) -> R {
        for part in [&s.lower, &s.upper] {
            match part {
                Some(p) => self.expr(p)?,
                None => self.emit_const(Const::None),
            }
        }
        let n = if let Some(st) = &s.step {
            self.expr(st)?;
            3
        } else {
            2
        };
        self.emit(Op::BuildSlice(n));
        Ok(())
    }

    fn unary(&mut self, u: &'a ast::ExprUnaryOp) -> R {
        self.expr(&u.operand)?;
        let op = match u.op {
            ast::UnaryOp::Invert => UnOp::Invert,
            ast::UnaryOp::Not => UnOp::Not,
            ast::UnaryOp::UAdd => UnOp::Pos,
            ast::UnaryOp::USub => UnOp::Neg,
        };
        self.emit(Op::Unary(op));
        Ok(())
    }

    fn if_expr(&mut self, i: &'a ast::ExprIf) -> R {
        self.expr(&i.test)?;
        let jf = self.emit(Op::JumpIfFalse(0));
        self.expr(&i.body)?;
        let end = self.emit(Op::Jump(0));
        self.patch(jf);
        self.expr(&i.orelse)?;
        self.patch(end);
        Ok(())
    }

    /// What Warren does not run among expressions, with what to write.
    fn refused(&self, e: &Expr) -> super::Refusal {
        match e {
            Expr::Starred(s) => self.refuse(s.start(), "SyntaxError", "can't use starred expression here"),
            Expr::Named(n) => self.refuse(n.start(), "assignment expression :=", "assign on its own line"),
            Expr::Await(a) => self.refuse(a.start(), "await", "pika's BlockingConnection needs no asyncio"),
            Expr::Yield(y) => self.refuse(
                y.start(),
                "yield",
                "generators are not supported: build and return a list, or consume with channel.consume()",
            ),
            Expr::YieldFrom(y) => self.refuse(
                y.start(),
                "yield from",
                "generators are not supported: build and return a list, or consume with channel.consume()",
            ),
            Expr::TString(t) => self.refuse(t.start(), "template string", "use an f-string"),
            Expr::IpyEscapeCommand(t) => self.refuse(t.start(), "IPython command", "write Python"),
            other => self.refuse(other.start(), "expression", "write it another way"),
        }
    }

    fn number(&mut self, n: &'a ast::ExprNumberLiteral) -> R {
        let c = match &n.value {
            Number::Int(i) => match i.as_i64() {
                Some(v) => Const::Int(v),
                None => return Err(self.refuse(n.start(), "integer literal", "Warren's integers are 64-bit")),
            },
            Number::Float(f) => Const::Float(*f),
            Number::Complex { .. } => return Err(self.refuse(n.start(), "complex number", "use floats")),
        };
        self.emit_const(c);
        Ok(())
    }

    fn sequence(&mut self, elts: &'a [Expr], tuple: bool) -> R {
        if !elts.iter().any(|e| matches!(e, Expr::Starred(_))) {
            for e in elts {
                self.expr(e)?;
            }
            self.emit(if tuple { Op::BuildTuple(elts.len() as u32) } else { Op::BuildList(elts.len() as u32) });
            return Ok(());
        }
        self.starred_list(elts)?;
        if tuple {
            self.emit(Op::ListToTuple);
        }
        Ok(())
    }

    /// A list built from items and `*iterables`.
    fn starred_list(&mut self, elts: &'a [Expr]) -> R {
        self.emit(Op::BuildList(0));
        for e in elts {
            match e {
                Expr::Starred(s) => {
                    self.expr(&s.value)?;
                    self.emit(Op::ListExtend);
                }
                e => {
                    self.expr(e)?;
                    self.emit(Op::ListAppend(1));
                }
            }
        }
        Ok(())
    }

    fn dict(&mut self, d: &'a ast::ExprDict) -> R {
        self.emit(Op::BuildDict(0));
        for item in &d.items {
            match &item.key {
                Some(k) => {
                    self.expr(k)?;
                    self.expr(&item.value)?;
                    self.emit(Op::DictSet(1));
                }
                None => {
                    self.expr(&item.value)?;
                    self.emit(Op::DictMerge);
                }
            }
        }
        Ok(())
    }

    fn boolop(&mut self, b: &'a ast::ExprBoolOp) -> R {
        let mut jumps = Vec::new();
        for (i, v) in b.values.iter().enumerate() {
            self.expr(v)?;
            if i + 1 < b.values.len() {
                jumps.push(self.emit(match b.op {
                    ast::BoolOp::And => Op::JumpIfFalseOrPop(0),
                    ast::BoolOp::Or => Op::JumpIfTrueOrPop(0),
                }));
            }
        }
        for j in jumps {
            self.patch(j);
        }
        Ok(())
    }

    fn compare_op(&mut self, op: ast::CmpOp) {
        use ast::CmpOp as C;
        let o = match op {
            C::Is => Op::Is(true),
            C::IsNot => Op::Is(false),
            C::In => Op::In(true),
            C::NotIn => Op::In(false),
            other => Op::Compare(cmpop(other).expect("comparison")),
        };
        self.emit(o);
    }

    fn compare(&mut self, c: &'a ast::ExprCompare) -> R {
        self.expr(&c.left)?;
        let n = c.ops.len();
        if n == 1 {
            self.expr(&c.comparators[0])?;
            self.compare_op(c.ops[0]);
            return Ok(());
        }
        // a < b < c: keep b for the next comparison; stop at the first false.
        let mut fails = Vec::new();
        for i in 0..n {
            self.expr(&c.comparators[i])?;
            if i + 1 < n {
                self.emit(Op::Dup);
                self.emit(Op::Rot3);
                self.compare_op(c.ops[i]);
                fails.push(self.emit(Op::JumpIfFalseOrPop(0)));
            } else {
                self.compare_op(c.ops[i]);
            }
        }
        let end = self.emit(Op::Jump(0));
        for f in fails {
            self.patch(f);
        }
        // The failed comparison's False is on top, the kept operand below.
        self.emit(Op::Rot2);
        self.emit(Op::Pop);
        self.patch(end);
        Ok(())
    }

    fn call(&mut self, c: &'a ast::ExprCall) -> R {
        self.expr(&c.func)?;
        let args = &c.arguments;
        let star = args.args.iter().any(|a| matches!(a, Expr::Starred(_)));
        let dstar = args.keywords.iter().any(|k| k.arg.is_none());
        if star || dstar {
            self.starred_list(&args.args)?;
            self.emit(Op::ListToTuple);
            self.emit(Op::BuildDict(0));
            for k in args.keywords.iter() {
                match &k.arg {
                    Some(name) => {
                        self.emit_const(Const::Str(name.id.to_string()));
                        self.expr(&k.value)?;
                        self.emit(Op::DictSet(1));
                    }
                    None => {
                        self.expr(&k.value)?;
                        self.emit(Op::DictMerge);
                    }
                }
            }
            self.emit(Op::CallEx);
            return Ok(());
        }
        for a in args.args.iter() {
            self.expr(a)?;
        }
        if args.keywords.is_empty() {
            self.emit(Op::Call(args.args.len() as u32));
            return Ok(());
        }
        let mut names = Vec::new();
        for k in args.keywords.iter() {
            self.expr(&k.value)?;
            names.push(k.arg.as_ref().expect("named").id.to_string());
        }
        let n = (args.args.len() + names.len()) as u32;
        let k = self.konst(Const::Names(names));
        self.emit(Op::CallKw(n, k));
        Ok(())
    }

    fn lambda(&mut self, l: &'a ast::ExprLambda) -> R {
        let spec = match &l.parameters {
            Some(p) => {
                self.params(p)?;
                Self::param_spec(p)
            }
            None => {
                self.emit(Op::BuildTuple(0));
                self.emit(Op::BuildDict(0));
                Params::default()
            }
        };
        let symbols = super::scope::collect(&Self::all_param_names(&spec), &[]);
        let qualname = self.qualname("<lambda>");
        let line = self.lines.at(l.start()).0;
        self.push_unit("<lambda>", &qualname, CodeKind::Function, spec, symbols, line);
        self.expr(&l.body)?;
        self.emit(Op::Return);
        let code = self.pop_unit();
        let k = self.konst(Const::Code(Rc::new(code)));
        self.emit(Op::MakeFunction(k, true, true));
        Ok(())
    }

    fn comprehension(&mut self, kind: Comp<'a>, gens: &'a [ast::Comprehension], name: &str) -> R {
        if let Some(g) = gens.iter().find(|g| g.is_async) {
            return Err(self.refuse(g.start(), "async comprehension", "use a plain comprehension"));
        }
        // The first iterable is evaluated outside; the rest inside the scope.
        self.expr(&gens[0].iter)?;
        self.emit(Op::GetIter);
        let mut symbols = Symbols::default();
        symbols.bound.insert(".0".into());
        for g in gens {
            collect_target(&mut symbols, &g.target);
        }
        let qualname = self.qualname(name);
        let line = self.unit().line;
        let params = Params { positional: vec![".0".into()], ..Params::default() };
        self.push_unit(name, &qualname, CodeKind::Function, params, symbols, line);
        match kind {
            Comp::List(_) => self.emit(Op::BuildList(0)),
            Comp::Set(_) => self.emit(Op::BuildSet(0)),
            Comp::Dict(..) => self.emit(Op::BuildDict(0)),
        };
        self.comp_level(&kind, gens, 0)?;
        self.emit(Op::Return);
        let code = self.pop_unit();
        let k = self.konst(Const::Code(Rc::new(code)));
        self.emit(Op::BuildTuple(0));
        self.emit(Op::BuildDict(0));
        self.emit(Op::MakeFunction(k, true, true));
        self.emit(Op::Rot2);
        self.emit(Op::Call(1));
        Ok(())
    }

    fn comp_level(&mut self, kind: &Comp<'a>, gens: &'a [ast::Comprehension], i: usize) -> R {
        let g = &gens[i];
        if i == 0 {
            let dot0 = self.name(".0");
            self.emit(Op::LoadFast(dot0));
        } else {
            self.expr(&g.iter)?;
            self.emit(Op::GetIter);
        }
        let start = self.here();
        let exit = self.emit(Op::ForIter(0));
        self.store(&g.target)?;
        for cond in &g.ifs {
            self.expr(cond)?;
            self.emit(Op::JumpIfFalse(start));
        }
        if i + 1 < gens.len() {
            self.comp_level(kind, gens, i + 1)?;
        } else {
            let depth = (gens.len() + 1) as u32;
            match kind {
                Comp::List(e) => {
                    self.expr(e)?;
                    self.emit(Op::ListAppend(depth));
                }
                Comp::Set(e) => {
                    self.expr(e)?;
                    self.emit(Op::SetAdd(depth));
                }
                Comp::Dict(k, v) => {
                    self.expr(k)?;
                    self.expr(v)?;
                    self.emit(Op::DictSet(depth));
                }
            }
        }
        self.emit(Op::Jump(start));
        self.patch(exit);
        Ok(())
    }

    fn fstring(&mut self, f: &'a ast::ExprFString) -> R {
        let mut n = 0;
        for part in f.value.iter() {
            match part {
                ast::FStringPart::Literal(l) => {
                    self.emit_const(Const::Str(l.value.to_string()));
                    n += 1;
                }
                ast::FStringPart::FString(fs) => n += self.fstring_elements(&fs.elements)?,
            }
        }
        self.emit(Op::BuildString(n));
        Ok(())
    }

    fn fstring_elements(&mut self, elements: &'a ast::InterpolatedStringElements) -> Result<u32, super::Refusal> {
        let mut n = 0;
        for el in elements.iter() {
            match el {
                ast::InterpolatedStringElement::Literal(l) => {
                    self.emit_const(Const::Str(l.value.to_string()));
                }
                ast::InterpolatedStringElement::Interpolation(i) => {
                    let mut conv = match i.conversion {
                        ast::ConversionFlag::None => 0,
                        ast::ConversionFlag::Str => b's',
                        ast::ConversionFlag::Ascii => b'a',
                        ast::ConversionFlag::Repr => b'r',
                    };
                    if let Some(d) = &i.debug_text {
                        let text = format!(
                            "{}{}{}",
                            d.leading(),
                            &self.lines.source[usize::from(i.expression.start())..usize::from(i.expression.end())],
                            d.trailing()
                        );
                        self.emit_const(Const::Str(text));
                        n += 1;
                        if conv == 0 && i.format_spec.is_none() {
                            conv = b'r';
                        }
                    }
                    self.expr(&i.expression)?;
                    let has_spec = i.format_spec.is_some();
                    if let Some(spec) = &i.format_spec {
                        let k = self.fstring_elements(&spec.elements)?;
                        self.emit(Op::BuildString(k));
                    }
                    self.emit(Op::FormatValue(conv, has_spec));
                }
            }
            n += 1;
        }
        Ok(n)
    }
}

enum Comp<'a> {
    List(&'a Expr),
    Set(&'a Expr),
    Dict(&'a Expr, &'a Expr),
}

fn collect_target(s: &mut Symbols, e: &Expr) {
    match e {
        Expr::Name(n) => {
            s.bound.insert(n.id.to_string());
        }
        Expr::Tuple(t) => t.elts.iter().for_each(|e| collect_target(s, e)),
        Expr::List(t) => t.elts.iter().for_each(|e| collect_target(s, e)),
        Expr::Starred(st) => collect_target(s, &st.value),
        _ => {}
    }
}
