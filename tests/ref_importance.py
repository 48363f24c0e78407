#!/usr/bin/python3
"""Expected figures of tests/test_importance.c's hand-set model, from
scikit-learn's own permutation_importance (Debian's python3-sklearn).

The table and the model are the test's, written again here: 64 rows of
three numeric inputs (x0, x1, x2: multiples of 1/8, so every score is exact
in float32 as in float64) and a scale (key and mode, one-hot in the study's
24 columns), a linear layer 27 -> 3 with weights in halves. The estimator
takes the file's columns (x0, x1, x2, key, mode) and encodes them, so that
key and mode are shuffled as columns of their own.

    /usr/bin/python3 tests/ref_importance.py
"""
import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.inspection import permutation_importance

NOTES = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"]
SCALES = sorted(n + m for n in NOTES for m in ("", "m"))   # pandas' column order


def scale_index(pitch, major):
    return SCALES.index(NOTES[pitch] + ("" if major else "m"))


def table():
    rows, y = [], []
    for i in range(64):
        x0 = (i * 5 % 16) / 8.0
        x1 = (i * 11 % 13) / 8.0
        x2 = (i * 3 % 7) / 4.0
        pitch, major = i * 7 % 12, (i // 3) % 2
        rows.append([x0, x1, x2, pitch, major])
        y.append(int(i * 5 % 16 >= 8) + int(pitch >= 6) * (1 + (i % 5 == 0)) % 3)
    return np.array(rows), np.array(y) % 3


def weights():
    w = np.zeros((3, 27))
    b = np.array([0.0, -2.0, -5.0])
    w[1, 0], w[1, 1], w[2, 0] = 2.0, 0.5, 4.0
    for pitch in range(12):
        for major in (0, 1):
            j = 3 + scale_index(pitch, major)
            if pitch >= 6:
                w[2, j] += 1.5
                w[1, j] += 1.0
            if not major:
                w[1, j] += 0.5
    return w, b


class Hand(BaseEstimator, ClassifierMixin):
    def fit(self, X, y):
        return self

    def predict(self, X):
        w, b = weights()
        inputs = np.zeros((len(X), 27))
        inputs[:, :3] = X[:, :3]
        for r, row in enumerate(X):
            inputs[r, 3 + scale_index(int(row[3]), int(row[4]))] = 1
        return np.argmax(inputs @ w.T + b, axis=1)


if __name__ == "__main__":
    X, y = table()
    est = Hand().fit(X, y)
    print("y", list(y))
    print("baseline", (est.predict(X) == y).mean())
    r = permutation_importance(est, X, y, scoring="accuracy", n_repeats=5, random_state=7)
    for name, m, s, d in zip(["x0", "x1", "x2", "key", "mode"], r.importances_mean,
                             r.importances_std, r.importances):
        print(name, repr(m), repr(s), [repr(v) for v in d])
