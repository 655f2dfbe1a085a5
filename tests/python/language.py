import sys
import json


class Counter(object):
    limit = 3

    def __init__(self, name):
        self.name = name
        self.count = 0

    def bump(self, by=1):
        self.count += by
        return self.count


def make_adder(n):
    def add(x):
        return x + n
    return add


def fib(n):
    if n == 0:
        return 0
    elif n == 1:
        return 1
    return fib(n - 1) + fib(n - 2)


c = Counter("c")
c.bump()
c.bump(by=2)
print(c.name, c.count, Counter.limit)
print(make_adder(5)(10), fib(15))
words = "the quick  brown fox".split()
print(words, len(words), words[1:3], words[::-1], words[-1])
print(' '.join(w.upper() for w in words if len(w) > 3))
print({w: len(w) for w in words}, [i * i for i in range(5)], {1, 2, 2})
print(repr("it's"), repr('say "hi"'), repr('both \' and "'), repr('ü\n\t\x00'), repr(b'\x00\xff"abc\''))
print(b'a.b..c'.count(b'.'), "Hello".encode(), b'bytes'.decode(), "  pad ".strip())
print(f"{3.14159:.2f} {42:>5} {'x'!r} {7:03d} {1234567:,}", "%s=%d %r" % ("k", 5, "v"), "{} and {name}".format(1, name="n"))
print(0.1 + 0.2, 1e16, 1.5e-5, 7 // 2, -7 // 2, 7 % -3, 2 ** 10, 10 / 4, True + 1)
print(None or "default", 0 and 1, [] or [1], "a" and "b", not None)
print(isinstance(3, int), isinstance("s", (int, str)), isinstance(c, Counter), int("42") + int(b"8"), float("2.5"), str(1.0))
t = (1,)
a, *rest = [1, 2, 3]
print(t, a, rest, (), list(enumerate("ab")), dict(a=1), sorted([3, 1, 2]), min(4, 2), max([1, 9]), sum([1, 2]))
print(json.dumps({"a": [1, 2.5, None, True], "b": "ü"}), json.loads('{"x": [1, "y"]}'))
try:
    {}["missing"]
except KeyError as e:
    print("KeyError", e, repr(e))
try:
    raise ValueError("bad value")
except (TypeError, ValueError) as e:
    print("caught", e, e.args)
finally:
    print("finally")
for i in range(10):
    if i == 2:
        continue
    if i == 4:
        break
    print("loop", i)
else:
    print("no break")
n = 0
while True:
    n += 1
    if n > 3:
        break
print("n", n, 3 in [1, 2, 3], "ell" in "hello", 1 < n < 5)


def deep(n):
    return deep(n + 1)


try:
    deep(0)
except RecursionError as e:
    print("RecursionError", e)
sys.stderr.write("to stderr\n")
if __name__ == '__main__':
    print("main", sys.argv[1:])
    sys.exit(3)
