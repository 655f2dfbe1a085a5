"""Endless recursion: RecursionError at CPython's default limit."""
import sys

n = 0


def depth():
    global n
    n += 1
    depth()


try:
    depth()
except RecursionError as e:
    print(n, e, sys.getrecursionlimit())


def forever(k):
    return forever(k + 1)


forever(0)
