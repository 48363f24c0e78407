#!/usr/bin/python3
"""Expected figures of tests/test_featstats.c, from numpy, scipy, pandas and
scikit-learn (Debian's python3-numpy, -scipy, -pandas, -sklearn).

    /usr/bin/python3 tests/ref_featstats.py            # the small table
    /usr/bin/python3 tests/ref_featstats.py FILE.csv   # also the study's file
                                                       # (through bench/reference.py)
"""
import os
import sys
import warnings

import numpy as np
import pandas as pd
from scipy import stats
from sklearn.feature_selection import f_classif
from sklearn.metrics import mutual_info_score

nan = float("nan")
# The test's table: a, b numeric (b has one unknown), m (0/1), k (4 levels).
a = np.array([1.5, 2.0, 2.0, 3.25, 0.5, 4.0, 5.5, 6.0, 4.75, 5.0, 9.0, 7.5, 8.25, 10.0, 7.0])
b = np.array([10., 12., nan, 11., 13., 20., 18., 19.5, 21., 22., 15., 14., 16., 15.5, 30.])
m = np.array([1, 1, 0, 1, 1, 0, 0, 1, 0, 0, 1, 0, 1, 1, 0], float)
k = np.array([0, 1, 2, 3, 0, 1, 1, 2, 3, 3, 0, 0, 2, 1, 3], float)
y = np.array([0] * 5 + [1] * 5 + [2] * 5)
warnings.simplefilter("ignore")   # ks_2samp's "switching to asymp" (the statistic is the same)


def p(label, *v):
    print(label, " ".join(repr(float(x)) for x in v))


def summary(label, v):
    p(label, *np.percentile(v, [0, 25, 50, 75, 100]), v.mean(), v.std(ddof=1))


def cohen_d(x1, x2):
    n1, n2 = len(x1), len(x2)
    s = np.sqrt(((n1 - 1) * x1.var(ddof=1) + (n2 - 1) * x2.var(ddof=1)) / (n1 + n2 - 2))
    return (x1.mean() - x2.mean()) / s


def small():
    summary("a all", a)
    for g in range(3):
        summary("a genre %d" % g, a[y == g])
    ok = ~np.isnan(b)
    summary("b all", b[ok])
    summary("b genre 0", b[ok & (y == 0)])
    p("F a m", *f_classif(np.c_[a, m], y)[0])
    p("F b", *f_classif(b[ok].reshape(-1, 1), y[ok])[0])
    for name, v, yy in (("a", a, y), ("b", b[ok], y[ok])):
        h, e = np.histogram(v, bins=32, range=(v.min(), v.max()))
        bins = np.clip(np.searchsorted(e, v, side="right") - 1, 0, 31)
        assert (np.bincount(bins, minlength=32) == h).all()
        print("hist", name, list(np.nonzero(h)[0]), list(h[h > 0]))
        p("MI " + name, mutual_info_score(yy, bins))
    p("MI m", mutual_info_score(y, m))
    p("MI k", mutual_info_score(y, k))
    print("corr", pd.DataFrame({"a": a, "b": b, "m": m}).corr().values.tolist())
    p("KS ties", stats.ks_2samp([1, 2, 2, 3], [2, 2, 4]).statistic)
    for g1, g2 in ((0, 2), (1, 2)):
        for name, v in (("a", a), ("b", b), ("m", m)):
            x1, x2 = v[(y == g1) & ~np.isnan(v)], v[(y == g2) & ~np.isnan(v)]
            p("d KS %d %d %s" % (g1, g2, name), cohen_d(x1, x2), stats.ks_2samp(x1, x2).statistic)


def real(path):
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "bench"))
    import reference
    xtr, ytr, _, _, _ = reference.load_and_clean(path)
    xtr, ytr = np.asarray(xtr, dtype=np.float64), np.asarray(ytr)
    p("real F", *f_classif(xtr[:, :11], ytr)[0])
    c = np.corrcoef(xtr[:, :11].T)
    p("real r energy-loudness, acousticness-energy", c[4, 7], c[1, 4])
    for g1, g2 in ((5, 9), (8, 2)):
        for f in range(11):
            x1, x2 = xtr[ytr == g1, f], xtr[ytr == g2, f]
            p("real d KS %d %d %d" % (g1, g2, f), cohen_d(x1, x2), stats.ks_2samp(x1, x2).statistic)


if __name__ == "__main__":
    small()
    if len(sys.argv) > 1:
        real(sys.argv[1])
