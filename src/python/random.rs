//! `random` as CPython computes it: the Mersenne Twister (MT19937), seeded
//! from an integer with `init_by_array`, so `random.seed(4)` followed by
//! `choice`, `randint`, `random`, `uniform` or `shuffle` gives CPython's
//! numbers. Unseeded, a process starts from the run's seed (deterministic,
//! where CPython would read the OS's entropy).

use std::rc::Rc;

use super::builtins::{tri, type_error};
use super::value::{Module, Value};
use super::vm::{native, Ctx, NativeResult};

type Kw = Vec<(Rc<str>, Value)>;

const N: usize = 624;
const M: usize = 397;

/// MT19937's state.
#[derive(Clone)]
pub struct Mt {
    state: Box<[u32; N]>,
    index: usize,
}

impl Mt {
    fn init_genrand(s: u32) -> Mt {
        let mut state = Box::new([0u32; N]);
        state[0] = s;
        for i in 1..N {
            state[i] = 1_812_433_253u32.wrapping_mul(state[i - 1] ^ (state[i - 1] >> 30)).wrapping_add(i as u32);
        }
        Mt { state, index: N }
    }

    /// Seeded as CPython's `random.seed(n)` seeds from an integer.
    pub fn from_int(n: u64) -> Mt {
        let mut key = vec![n as u32];
        if n >> 32 != 0 {
            key.push((n >> 32) as u32);
        }
        let mut mt = Mt::init_genrand(19_650_218);
        let s = &mut mt.state;
        let (mut i, mut j) = (1usize, 0usize);
        for _ in 0..N.max(key.len()) {
            s[i] = (s[i] ^ (s[i - 1] ^ (s[i - 1] >> 30)).wrapping_mul(1_664_525))
                .wrapping_add(key[j])
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                s[0] = s[N - 1];
                i = 1;
            }
            if j >= key.len() {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            s[i] = (s[i] ^ (s[i - 1] ^ (s[i - 1] >> 30)).wrapping_mul(1_566_083_941)).wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                s[0] = s[N - 1];
                i = 1;
            }
        }
        s[0] = 0x8000_0000;
        mt
    }

    fn twist(&mut self) {
        let s = &mut self.state;
        for k in 0..N {
            let y = (s[k] & 0x8000_0000) | (s[(k + 1) % N] & 0x7fff_ffff);
            let mag = if y & 1 == 1 { 0x9908_b0df } else { 0 };
            s[k] = s[(k + M) % N] ^ (y >> 1) ^ mag;
        }
        self.index = 0;
    }

    /// The next 32 random bits.
    pub fn next_u32(&mut self) -> u32 {
        if self.index >= N {
            self.twist();
        }
        let mut y = self.state[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    /// `random.random()`: 53 random bits in [0, 1).
    pub fn random(&mut self) -> f64 {
        let a = (self.next_u32() >> 5) as f64;
        let b = (self.next_u32() >> 6) as f64;
        (a * 67_108_864.0 + b) / 9_007_199_254_740_992.0
    }

    /// `getrandbits(k)` for k ≤ 64.
    fn bits(&mut self, k: u32) -> u64 {
        if k <= 32 {
            return (self.next_u32() >> (32 - k)) as u64;
        }
        let low = self.next_u32() as u64;
        let high = (self.next_u32() >> (64 - k)) as u64;
        (high << 32) | low
    }

    /// `_randbelow(n)`: uniform in [0, n), by rejection as CPython does.
    pub fn below(&mut self, n: u64) -> u64 {
        if n <= 1 {
            return 0;
        }
        let k = 64 - n.leading_zeros();
        loop {
            let r = self.bits(k);
            if r < n {
                return r;
            }
        }
    }
}

/// The `random` module.
pub(super) fn module() -> Rc<Module> {
    let m = Module::new("random");
    let fns: &[(&str, super::value::NativeFn)] = &[
        ("seed", seed),
        ("random", random),
        ("randint", randint),
        ("randrange", randrange),
        ("choice", choice),
        ("uniform", uniform),
        ("shuffle", shuffle),
    ];
    for (n, f) in fns {
        m.set(n, native(n, *f));
    }
    m
}

fn seed(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    let n = match args.first() {
        None | Some(Value::None) => ctx.interp.rng.next_u64(),
        Some(Value::Int(i)) => i.unsigned_abs(),
        Some(Value::Bool(b)) => *b as u64,
        Some(Value::Str(s)) => {
            s.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ b as u64).wrapping_mul(0x100_0000_01b3))
        }
        Some(other) => {
            let msg = format!(
                "The only supported seed types are: None,\nint, float, str, bytes, and bytearray. (got {})",
                other.type_name()
            );
            return type_error(ctx, msg);
        }
    };
    ctx.interp.mt = Some(Mt::from_int(n));
    NativeResult::Ok(Value::None)
}

/// The process's generator (seeded from the run's seed on first use).
fn mt<'a>(ctx: &'a mut Ctx) -> &'a mut Mt {
    if ctx.interp.mt.is_none() {
        let s = ctx.interp.rng.next_u64();
        ctx.interp.mt = Some(Mt::from_int(s));
    }
    ctx.interp.mt.as_mut().expect("seeded")
}

fn random(ctx: &mut Ctx, _: Vec<Value>, _: Kw) -> NativeResult {
    NativeResult::Ok(Value::Float(mt(ctx).random()))
}

fn span(ctx: &mut Ctx, start: i64, stop: i64, name: &str) -> NativeResult {
    if stop <= start {
        let msg = format!("empty range in {name}({start}, {stop})");
        return NativeResult::Err(ctx.interp.exc("ValueError", msg));
    }
    let n = (stop - start) as u64;
    NativeResult::Ok(Value::Int(start + mt(ctx).below(n) as i64))
}

fn randint(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    match args.as_slice() {
        [Value::Int(a), Value::Int(b)] if a <= b => span(ctx, *a, b + 1, "randrange"),
        [Value::Int(a), Value::Int(b)] => {
            let msg = format!("empty range in randrange({a}, {})", b + 1);
            NativeResult::Err(ctx.interp.exc("ValueError", msg))
        }
        _ => type_error(ctx, "randint() takes two integers"),
    }
}

fn randrange(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    match args.as_slice() {
        [Value::Int(stop)] => span(ctx, 0, *stop, "randrange"),
        [Value::Int(a), Value::Int(b)] => span(ctx, *a, *b, "randrange"),
        _ => type_error(ctx, "randrange() takes one or two integers"),
    }
}

fn uniform(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    let f = |v: &Value| match v {
        Value::Int(i) => *i as f64,
        Value::Float(f) => *f,
        _ => 0.0,
    };
    let (a, b) = (args.first().map(f).unwrap_or(0.0), args.get(1).map(f).unwrap_or(1.0));
    let r = mt(ctx).random();
    NativeResult::Ok(Value::Float(a + (b - a) * r))
}

fn choice(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    let Some(seq) = args.first() else {
        return type_error(ctx, "Random.choice() missing 1 required positional argument: 'seq'");
    };
    let items = tri!(super::ops::collect(ctx.interp, seq));
    if items.is_empty() {
        return NativeResult::Err(ctx.interp.exc("IndexError", "Cannot choose from an empty sequence"));
    }
    let i = mt(ctx).below(items.len() as u64) as usize;
    NativeResult::Ok(items[i].clone())
}

fn shuffle(ctx: &mut Ctx, args: Vec<Value>, _: Kw) -> NativeResult {
    let Some(Value::List(l)) = args.first() else { return type_error(ctx, "shuffle() needs a list") };
    let n = l.borrow().len();
    for i in (1..n).rev() {
        let j = mt(ctx).below(i as u64 + 1) as usize;
        l.borrow_mut().swap(i, j);
    }
    NativeResult::Ok(Value::None)
}
