#!/usr/bin/python3
"""genretui's permutation importance against scikit-learn's, on the same model.

genretui trains the paper preset on the study's file, saves the model and
prints its permutation importance (--batch --json --importance N). This
script reads the saved model file (format: include/genretui/predictor.h),
builds the test rows with bench/reference.py's load_and_clean (the study's
pipeline in pandas and scikit-learn), wraps the model's forward pass (numpy,
float64) as a scikit-learn classifier over the file's 13 columns (the 11
numeric features, key, mode; key and mode are one-hot encoded inside, so
each is shuffled as a column of its own), and runs
sklearn.inspection.permutation_importance with the same n_repeats and
random_state (genretui's --seed). The shuffles are the same; predictions
can differ only where float32 (genretui) and float64 (here) round a
near-tie differently, so the figures agree to a few rows in 8,112.

    /usr/bin/python3 bench/importance_check.py [--seed N] [--repeats N]
        [--genretui PATH] [FILE.csv]

Prints one table (genretui, scikit-learn, difference per feature) and
exits 1 if a mean differs by more than --tolerance (default 5 rows' worth).
"""

import argparse
import json
import os
import struct
import subprocess
import sys
import tempfile

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.inspection import permutation_importance

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import reference  # noqa: E402

NOTES = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"]
SCALES = sorted(n + m for n in NOTES for m in ("", "m"))   # the one-hot's order


class Reader:
    def __init__(self, data):
        self.d, self.at = data, 0

    def take(self, fmt):
        v = struct.unpack_from("<" + fmt, self.d, self.at)
        self.at += struct.calcsize("<" + fmt)
        return v if len(v) > 1 else v[0]

    def name(self):
        n = self.take("H")
        s = self.d[self.at:self.at + n].decode()
        self.at += n
        return s


def read_model(path):
    """Layer sizes, activations and the flat parameters of a v2 model file."""
    r = Reader(open(path, "rb").read())
    assert r.d[:8] == b"GTMODEL\0", "not a genretui model"
    r.at = 8
    version = r.take("I")
    assert version == 2, "model file version %d" % version
    r.take("Q")
    ninputs, nclasses, _ = r.take("III")
    [r.name() for _ in range(ninputs)]
    [r.name() for _ in range(nclasses)]
    r.name()
    nlayers = r.take("I")
    sizes = [r.take("I") for _ in range(nlayers + 1)]
    acts = [r.take("I") for _ in range(nlayers)]
    r.take("I")                                  # loss
    r.take("II4dIII")                            # hyperparameters
    r.take("3d")                                 # figures
    r.take("I3dI")                               # schedule ... patience
    prep = r.take("I")
    assert prep == 0, "this check follows the study's preparation (paper preset)"
    r.take("8d")                                 # min-max
    r.take("33d")                                # training statistics
    nparams = r.take("Q")
    params = np.array(r.take("%dd" % nparams))
    layers, at = [], 0
    for l in range(nlayers):
        n_in, n_out = sizes[l], sizes[l + 1]
        w = params[at:at + n_in * n_out].reshape(n_out, n_in)
        at += n_in * n_out
        b = params[at:at + n_out]
        at += n_out
        layers.append((w, b, acts[l]))
    return layers


class Saved(BaseEstimator, ClassifierMixin):
    """The saved network over the file's columns: 11 numeric, key, mode."""

    def __init__(self, layers=None):
        self.layers = layers

    def fit(self, X, y):
        return self

    def predict(self, X):
        a = np.zeros((len(X), 35))
        a[:, :11] = X[:, :11]
        names = [NOTES[int(k)] + ("" if m else "m") for k, m in X[:, 11:13]]
        a[np.arange(len(X)), 11 + np.array([SCALES.index(s) for s in names])] = 1
        for w, b, act in self.layers:
            a = a @ w.T + b
            if act == 1:
                a = 1 / (1 + np.exp(-a))
            elif act == 2:
                a = np.maximum(a, 0)
        return np.argmax(a, axis=1)


def file_columns(xte):
    """The test rows as the file's 13 columns (one-hot decoded to key, mode)."""
    hot = np.argmax(xte[:, 11:35], axis=1)
    key = [NOTES.index(SCALES[h].rstrip("m")) for h in hot]
    mode = [0 if SCALES[h].endswith("m") else 1 for h in hot]
    return np.c_[xte[:, :11].astype(np.float64), key, mode]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("csv", nargs="?", default=reference.DEFAULT_CSV)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--genretui", default=os.environ.get("GENRETUI", "./genretui"))
    ap.add_argument("--tolerance", type=float, default=5 / 8112)
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        model = os.path.join(tmp, "m.gtm")
        out = subprocess.run([args.genretui, "--batch", "--json", "-q", "--seed", str(args.seed),
                              "--importance=%d" % args.repeats, "--save-model", model, args.csv],
                             check=True, capture_output=True, text=True).stdout
        doc = json.loads(out)
        layers = read_model(model)
    gt = doc["feature_importance"]
    _, _, xte, yte, _ = reference.load_and_clean(args.csv)
    X = file_columns(xte)
    est = Saved(layers).fit(X, yte)
    base = (est.predict(X) == yte).mean()
    r = permutation_importance(est, X, yte, scoring="accuracy", n_repeats=args.repeats,
                               random_state=args.seed)
    print("test rows %d, accuracy genretui %.6f, numpy %.6f; %d shuffles, seed %d"
          % (len(yte), gt["baseline_accuracy"], base, args.repeats, args.seed))
    print("%-18s %10s %10s %10s %10s %10s" % ("feature", "gt mean", "sk mean", "diff",
                                             "gt sd", "sk sd"))
    worst = 0
    for f, m, s in zip(gt["features"], r.importances_mean, r.importances_std):
        worst = max(worst, abs(f["mean"] - m))
        print("%-18s %10.6f %10.6f %+10.6f %10.6f %10.6f"
              % (f["name"], f["mean"], m, f["mean"] - m, f["sd"], s))
    print("largest difference of a mean: %.6f (%.1f rows)" % (worst, worst * len(yte)))
    return 0 if worst <= args.tolerance else 1


if __name__ == "__main__":
    sys.exit(main())
