//! The compiled program: what the parser side hands to the interpreter.
//!
//! This is the boundary between the parser (ruff's, large, to be loaded on
//! demand in the page) and the interpreter (small, in the first load): a
//! [`Program`] is plain data, serde-serialisable, so a separately loaded
//! module can compile the source and send the result across as JSON.

use serde::{Deserialize, Serialize};
use std::rc::Rc;

/// A compiled source file.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Program {
    /// The file name as given (shown in tracebacks).
    pub file: String,
    /// The source lines (tracebacks print the failing line).
    pub lines: Vec<String>,
    /// The module's top-level code.
    pub module: Rc<Code>,
}

/// What kind of scope a code object runs in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CodeKind {
    /// A module body: names are globals.
    Module,
    /// A function (or lambda, or comprehension) body: names are local.
    Function,
    /// A class body: names go to the class namespace.
    Class,
}

/// A function's parameters.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Params {
    /// Positional-or-keyword parameters (positional-only ones first).
    pub positional: Vec<String>,
    /// How many of `positional` are positional-only.
    pub posonly: usize,
    /// `*args`.
    pub vararg: Option<String>,
    /// Keyword-only parameters.
    pub kwonly: Vec<String>,
    /// `**kwargs`.
    pub kwarg: Option<String>,
    /// How many trailing positional parameters have defaults.
    pub defaults: usize,
    /// Which keyword-only parameters have defaults.
    pub kwonly_defaults: Vec<bool>,
}

/// A compiled body.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Code {
    /// `<module>`, the function's or class's name, `<listcomp>`, ...
    pub name: String,
    /// Qualified name (`Client.call`), for error messages.
    pub qualname: String,
    /// The scope kind.
    pub kind: CodeKind,
    /// Parameters (functions only).
    pub params: Params,
    /// The instructions.
    pub ops: Vec<Op>,
    /// The source line of each instruction.
    pub lines: Vec<u32>,
    /// Constants, referenced by index.
    pub consts: Vec<Const>,
    /// Names, referenced by index.
    pub names: Vec<String>,
    /// The line of the `def` (or 1 for a module).
    pub first_line: u32,
}

/// A constant.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Const {
    /// `None`.
    None,
    /// `True` / `False`.
    Bool(bool),
    /// An integer literal.
    Int(i64),
    /// A float literal.
    Float(f64),
    /// A string literal.
    Str(String),
    /// A bytes literal.
    Bytes(Vec<u8>),
    /// `...`.
    Ellipsis,
    /// A tuple of names (keyword arguments of a call).
    Names(Vec<String>),
    /// A nested code object (function, class body, comprehension).
    Code(Rc<Code>),
}

/// Binary operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    FloorDiv,
    Mod,
    Pow,
    LShift,
    RShift,
    BitOr,
    BitXor,
    BitAnd,
    MatMul,
}

impl BinOp {
    /// The operator as written.
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::FloorDiv => "//",
            BinOp::Mod => "%",
            BinOp::Pow => "** or pow()",
            BinOp::LShift => "<<",
            BinOp::RShift => ">>",
            BinOp::BitOr => "|",
            BinOp::BitXor => "^",
            BinOp::BitAnd => "&",
            BinOp::MatMul => "@",
        }
    }
}

/// Comparison operators (`is`, `in` have their own instructions).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl CmpOp {
    /// The operator as written.
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }
}

/// Unary operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum UnOp {
    Neg,
    Pos,
    Not,
    Invert,
}

/// One instruction of the stack machine. Jump targets are instruction
/// indexes in the same code object.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Op {
    Const(u32),
    Pop,
    Dup,
    Rot2,
    Rot3,
    LoadFast(u32),
    StoreFast(u32),
    DelFast(u32),
    /// An enclosing function's variable: (how many scopes up, name).
    LoadDeref(u16, u32),
    StoreDeref(u16, u32),
    LoadGlobal(u32),
    StoreGlobal(u32),
    DelGlobal(u32),
    /// Class bodies: the class namespace, then globals, then builtins.
    LoadName(u32),
    StoreName(u32),
    LoadAttr(u32),
    StoreAttr(u32),
    DelAttr(u32),
    Subscr,
    StoreSubscr,
    DelSubscr,
    BuildList(u32),
    BuildTuple(u32),
    /// n key/value pairs.
    BuildDict(u32),
    BuildSet(u32),
    /// 2 or 3 items (start, stop[, step]).
    BuildSlice(u32),
    /// Join n strings (f-strings).
    BuildString(u32),
    /// Format TOS (conversion: 0 none, b's', b'r', b'a'; with a spec below it).
    FormatValue(u8, bool),
    /// Append TOS to the list n items down (comprehensions).
    ListAppend(u32),
    SetAdd(u32),
    /// Key, value on the stack: set in the dict n items down.
    DictSet(u32),
    /// Extend the list below with TOS (star in a list display / call).
    ListExtend,
    /// Merge the dict TOS into the dict below (`**` in a call / display).
    DictMerge,
    ListToTuple,
    Binary(BinOp),
    Inplace(BinOp),
    Unary(UnOp),
    Compare(CmpOp),
    Is(bool),
    In(bool),
    Jump(u32),
    JumpIfFalse(u32),
    JumpIfTrue(u32),
    JumpIfFalseOrPop(u32),
    JumpIfTrueOrPop(u32),
    GetIter,
    /// Next item of the iterator on TOS, or pop it and jump.
    ForIter(u32),
    UnpackSequence(u32),
    /// Unpack with a starred target: (before, after).
    UnpackEx(u32, u32),
    /// Positional arguments only.
    Call(u32),
    /// n arguments, the last ones named by the `Names` constant.
    CallKw(u32, u32),
    /// f, a tuple of arguments, a dict of keyword arguments.
    CallEx,
    /// Code constant, number of positional defaults (a tuple below), whether
    /// a dict of keyword-only defaults is below.
    MakeFunction(u32, bool, bool),
    /// Class body code constant, name, number of bases on the stack.
    MakeClass(u32, u32, u32),
    Return,
    /// Push a handler: on an exception, unwind to here.
    SetupExcept(u32),
    PopBlock,
    /// The handled exception is done with.
    PopExcept,
    /// Does the exception (below) match the class(es) on TOS? Pops the class.
    ExcMatch,
    /// Raise with 0 (re-raise), 1 (exception) or 2 (exception from cause).
    Raise(u32),
    /// Re-raise the exception on TOS (end of an unmatched handler chain).
    Reraise,
    /// Stack: exit, exc → exc, exit(type, exc, None) result.
    WithExit,
    /// `import a.b` → module a (binds the first name); `import a.b as c` via
    /// LoadAttr.
    Import(u32),
    /// `from m import n`: TOS module → module, m.n.
    ImportFrom(u32),
    /// `assert` failed: raise AssertionError (with a message on TOS if true).
    AssertFail(bool),
    Nop,
}
