#!/usr/bin/python3
"""mkproxy.py - a SYNTHETIC proxy of the GTZAN features_30_sec.csv problem.

The real GTZAN table cannot be fetched here.  This script writes a stand-in
whose *difficulty* is set to match what is known of the real one: on the
default 80/20 split (seed 42) a standardised logistic regression reaches
about 0.70 test accuracy and a tuned RBF SVM about 0.73.  Every value is
invented; no figure measured on it says anything certain about the real file,
only about a problem of its size and difficulty.

How the rows are made: 1,000 rows, 100 per genre (the real file's 10 genres,
shuffled).  Each genre has a centre in a 16-dimensional latent space and two
sub-centres around it (a little structure a linear model cannot follow); a
row is its genre's centre, one sub-centre and Gaussian noise.  The 57
features are random mixtures of the 16 latent values plus noise of their own
(correlated, redundant columns); the "_var" features go through exp() (heavy
right tails, as librosa's variances have) and every feature is then put on
the real feature's scale (mktables.gtzan_scale: variances near 1e-3 beside
spectral centroids near 2e3 and tempo near 120).  The header is the real
file's: filename, length, the 57 features, label.

  mkproxy.py gtzan30 [-o FILE] [--seed S] [--sep X]
        write the proxy (default seed 0, centre spread 0.48), then print the
        baselines on it to stderr
  mkproxy.py baselines FILE
        the baselines of any such table: every numeric, non-constant column
        but the last is a feature, the last column is the label; the split
        is scikit-learn's train_test_split(test_size=0.2, random_state=42),
        the one genretui draws (split.h); prints a standardised
        LogisticRegression and an RBF SVC tuned by 5-fold grid search on
        the training rows (C, gamma)

Needs numpy (writing) and scikit-learn with pandas (baselines): Debian's
/usr/bin/python3 with python3-sklearn and python3-pandas.
"""

import argparse
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mktables import GTZAN_GENRES, gtzan_feature_names, gtzan_scale  # noqa: E402

LATENT = 16


def proxy_rows(seed, sep, spread, flip, tail, latent=LATENT, rows_per_genre=100):
    """Features [n][57] and labels [n] (genre indices), rows shuffled."""
    r = np.random.RandomState(seed)
    k, nf, ng = latent, 57, len(GTZAN_GENRES)
    centre = r.normal(0.0, sep, (ng, k))
    sub = r.normal(0.0, spread, (ng, 2, k))
    y = np.repeat(np.arange(ng), rows_per_genre)
    n = len(y)
    z = centre[y] + sub[y, r.randint(0, 2, n)] + r.normal(0.0, 1.0, (n, k))
    mix = r.normal(0.0, 1.0, (k, nf)) / np.sqrt(k)
    x = z @ mix + r.normal(0.0, 0.5, (n, nf))
    names = gtzan_feature_names()
    for j, name in enumerate(names):
        col = (x[:, j] - x[:, j].mean()) / x[:, j].std()
        mid, spread = gtzan_scale(name)
        if name.endswith("_var"):
            col = np.exp(tail * col)
            x[:, j] = mid * col / col.mean()
        else:
            x[:, j] = mid + spread * col
    if flip > 0:  # labels replaced by a random genre, as mislabelled clips
        wrong = r.random_sample(n) < flip
        y = np.where(wrong, r.randint(0, ng, n), y)
    p = r.permutation(n)
    return x[p], y[p]


def write_proxy(out, a):
    x, y = proxy_rows(a.seed, a.sep, a.sub, a.flip, a.tail, a.latent, a.rows // len(GTZAN_GENRES))
    count = [0] * len(GTZAN_GENRES)
    out.write(",".join(["filename", "length"] + gtzan_feature_names() + ["label"]) + "\n")
    for row, g in zip(x, y):
        genre = GTZAN_GENRES[g]
        out.write("%s.%05d.wav,661794,%s,%s\n" % (
            genre, count[g], ",".join(repr(float(v)) for v in row), genre))
        count[g] += 1


def baselines(path, log):
    import pandas as pd
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GridSearchCV, train_test_split
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    from sklearn.svm import SVC

    df = pd.read_csv(path)
    label = df.columns[-1]
    feats = [c for c in df.columns[:-1]
             if pd.api.types.is_numeric_dtype(df[c]) and df[c].nunique() > 1]
    x, y = df[feats].to_numpy(float), df[label].astype(str).to_numpy()
    xtr, xte, ytr, yte = train_test_split(x, y, test_size=0.2, random_state=42)
    lr = make_pipeline(StandardScaler(), LogisticRegression(max_iter=5000))
    lr_acc = lr.fit(xtr, ytr).score(xte, yte)
    grid = {"svc__C": [0.3, 1, 3, 10, 30], "svc__gamma": ["scale", 0.003, 0.01, 0.03]}
    svc = GridSearchCV(make_pipeline(StandardScaler(), SVC()), grid, cv=5)
    svc_acc = svc.fit(xtr, ytr).score(xte, yte)
    best = svc.best_params_
    log.write("%s: %d rows, %d features, %d labels; split 80/20 seed 42: %d train, %d test\n"
              % (path, len(y), len(feats), len(set(y)), len(ytr), len(yte)))
    log.write("  standardised LogisticRegression  test accuracy %.3f\n" % lr_acc)
    log.write("  RBF SVC (C %s, gamma %s by 5-fold CV)  test accuracy %.3f\n"
              % (best["svc__C"], best["svc__gamma"], svc_acc))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("kind", choices=["gtzan30", "baselines"])
    ap.add_argument("file", nargs="?")
    ap.add_argument("-o", "--output")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--sep", type=float, default=0.48)
    ap.add_argument("--sub", type=float, default=0.8)
    ap.add_argument("--flip", type=float, default=0.0)
    ap.add_argument("--tail", type=float, default=0.5)
    ap.add_argument("--latent", type=int, default=LATENT)
    ap.add_argument("--rows", type=int, default=1000)
    a = ap.parse_args()
    if a.kind == "baselines":
        if not a.file:
            ap.error("baselines needs a FILE")
        baselines(a.file, sys.stdout)
        return
    if not a.output:
        write_proxy(sys.stdout, a)
        return
    with open(a.output, "w") as out:
        write_proxy(out, a)
    baselines(a.output, sys.stderr)


if __name__ == "__main__":
    main()
