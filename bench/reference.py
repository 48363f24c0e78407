#!/usr/bin/python3
"""Reference implementation of the study's pipeline, for benchmarking genretui.

The study (Keras + pandas + scikit-learn) is reproduced step by step with
pandas, scikit-learn and PyTorch; see ../../shared/SEED-FACTS.md.  Run it with
Debian's /usr/bin/python3, which has the libraries:

    /usr/bin/python3 bench/reference.py [--epochs N] [--seed N] [--threads N]
                                        [--batch-size N] [--lr X]
                                        [--loss sigmoid|logits]
                                        [--load-only] [FILE.csv]

Progress goes to stderr; stdout gets exactly one JSON object:

    {"load_clean_s": ..., "train_s": ..., "epochs": [{"epoch": 1, "loss": ...,
     "accuracy": ..., "seconds": ...}, ...], "test_accuracy": ...,
     "train_accuracy": ..., "rows_read": ..., "rows_kept": ..., "test_rows": ...,
     "test_support": [...], "threads": ..., "seed": ..., "versions": {...}}

Timed sections (time.perf_counter):
  load_clean_s  read_csv, column drop, dropna, unknown-value drop, genre and
                scale encoding, train_test_split, min-max normalisation and
                the conversion to float32 arrays.  Library import time is NOT
                included (bench/run measures whole-process wall time for that).
  train_s       all epochs of training, including the per-epoch loss and
                accuracy bookkeeping (which Keras also does), excluding the
                final evaluation on the train and test sets.
"""

import argparse
import json
import os
import sys
import time

DEFAULT_CSV = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                           "..", "..", "shared", "data", "music_genre.csv")

# Fixed genre order of the study (SEED-FACTS section 3).
GENRES = ["Electronic", "Anime", "Jazz", "Alternative", "Country",
          "Rap", "Blues", "Rock", "Classical", "Hip-Hop"]
GENRE_ID = {g: i for i, g in enumerate(GENRES)}

NORMALISED = ["duration_ms", "tempo", "popularity", "loudness"]


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def load_and_clean(path):
    """read_csv through split + normalise; returns numpy arrays and counts."""
    import numpy as np
    import pandas as pd
    from sklearn.model_selection import train_test_split

    df = pd.read_csv(path)
    rows_read = int(df.shape[0])

    # 1. non-musical columns
    df = df.drop(columns=["instance_id", "artist_name", "track_name",
                          "obtained_date"])
    # 2. blank rows
    df = df.dropna(how="any", axis=0)
    rows_nonblank = int(df.shape[0])
    # 3-4. unknown values ('tempo' is read as strings because of the '?')
    df = df[df["tempo"] != "?"]
    df = df[df["duration_ms"] != -1.0]
    df["tempo"] = df["tempo"].astype(float)
    rows_kept = int(df.shape[0])

    # genre -> int in the study's fixed order
    genre = df["music_genre"].map(GENRE_ID)
    if genre.isna().any():
        raise SystemExit("reference.py: unknown genre label in the CSV")
    df["music_genre"] = genre.astype(np.int64)

    # key + mode -> scale, one-hot with get_dummies (24 columns, sorted names)
    scale = df["key"] + df["mode"].map({"Major": "", "Minor": "m"})
    dummies = pd.get_dummies(scale, prefix="scale")
    df = df.drop(columns=["key", "mode"]).join(dummies)

    X = df.drop(columns=["music_genre"])
    Y = df[["music_genre"]]
    X_train, X_test, Y_train, Y_test = train_test_split(
        X, Y, test_size=0.2, random_state=42)

    # min-max from the TRAINING set, applied unchanged to both sets
    X_train = X_train.copy()
    X_test = X_test.copy()
    for c in NORMALISED:
        lo, hi = X_train[c].min(), X_train[c].max()
        X_train[c] = (X_train[c] - lo) / (hi - lo)
        X_test[c] = (X_test[c] - lo) / (hi - lo)

    xtr = X_train.to_numpy(dtype=np.float32)
    xte = X_test.to_numpy(dtype=np.float32)
    ytr = Y_train["music_genre"].to_numpy(dtype=np.int64)
    yte = Y_test["music_genre"].to_numpy(dtype=np.int64)
    info = {
        "rows_read": rows_read,
        "rows_nonblank": rows_nonblank,
        "rows_kept": rows_kept,
        "n_features": int(xtr.shape[1]),
        "train_rows": int(xtr.shape[0]),
        "test_rows": int(xte.shape[0]),
        "test_support": np.bincount(yte, minlength=10).tolist(),
        "train_support": np.bincount(ytr, minlength=10).tolist(),
    }
    return xtr, ytr, xte, yte, info


def train(xtr, ytr, xte, yte, epochs, seed, batch_size, lr, loss_kind):
    import torch
    import torch.nn.functional as F

    torch.manual_seed(seed)
    n_in = xtr.shape[1]

    # Dense(35 -> 35, sigmoid) -> Dense(35 -> 10, sigmoid); Keras defaults:
    # Glorot-uniform weights, zero biases.
    hidden = torch.nn.Linear(n_in, 35)
    output = torch.nn.Linear(35, 10)
    for m in (hidden, output):
        torch.nn.init.xavier_uniform_(m.weight)
        torch.nn.init.zeros_(m.bias)
    params = list(hidden.parameters()) + list(output.parameters())

    def forward(x):
        z = output(torch.sigmoid(hidden(x)))
        return torch.sigmoid(z), z

    # Keras Adam defaults.  NOTE: torch adds eps to sqrt(v_hat) (bias-corrected
    # second moment), whereas Keras' Adam adds it to sqrt(v) and folds the bias
    # correction into the step size, i.e. Keras' eps is torch's eps scaled by
    # sqrt(1 - beta2^t).  With eps = 1e-7 the difference is negligible here.
    opt = torch.optim.Adam(params, lr=lr, betas=(0.9, 0.999),
                           eps=1e-7)

    if loss_kind == "sigmoid":
        def loss_fn(s, z, y):
            # Keras SparseCategoricalCrossentropy(from_logits=False) on sigmoid
            # outputs as SEED-FACTS states it: clip to [1e-7, 1-1e-7], take
            # log, then softmax cross-entropy of that log
            # ==  -log(s_y / sum_j s_j).
            s = torch.clamp(s, 1e-7, 1.0 - 1e-7)
            return F.cross_entropy(torch.log(s), y)
    else:
        def loss_fn(s, z, y):
            # What tf.keras 2.x's backend actually does when the output comes
            # from its `sigmoid` activation: the activation caches its input
            # (output._keras_logits) and sparse_categorical_crossentropy then
            # uses those pre-sigmoid values as softmax logits.  On this data
            # both variants give the same loss curve and accuracy.
            return F.cross_entropy(z, y)

    Xtr = torch.from_numpy(xtr)
    Ytr = torch.from_numpy(ytr)
    n = Xtr.shape[0]
    history = []

    t0 = time.perf_counter()
    for ep in range(1, epochs + 1):
        te = time.perf_counter()
        perm = torch.randperm(n)           # reshuffled every epoch
        Xs, Ys = Xtr[perm], Ytr[perm]
        loss_sum = 0.0
        correct = 0
        for i in range(0, n, batch_size):
            xb = Xs[i:i + batch_size]
            yb = Ys[i:i + batch_size]
            out, z = forward(xb)
            loss = loss_fn(out, z, yb)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            # Keras' epoch figures: running mean over the epoch's batches
            loss_sum += loss.item() * xb.shape[0]
            correct += int((out.argmax(1) == yb).sum())
        history.append({"epoch": ep, "loss": loss_sum / n,
                        "accuracy": correct / n,
                        "seconds": time.perf_counter() - te})
        log("epoch %2d/%d  loss %.4f  accuracy %.4f  (%.2f s)" % (
            ep, epochs, history[-1]["loss"], history[-1]["accuracy"],
            history[-1]["seconds"]))
    train_s = time.perf_counter() - t0

    # prediction: argmax of the 10 sigmoid outputs
    with torch.no_grad():
        train_acc = float((forward(Xtr)[0].argmax(1) == Ytr).float().mean())
        test_acc = float((forward(torch.from_numpy(xte))[0].argmax(1)
                          == torch.from_numpy(yte)).float().mean())
    return train_s, history, train_acc, test_acc


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("csv", nargs="?", default=DEFAULT_CSV,
                    help="music_genre.csv (default: %(default)s)")
    ap.add_argument("--epochs", type=int, default=15)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=1,
                    help="torch intra-op threads (default 1, like genretui)")
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--lr", type=float, default=0.001)
    ap.add_argument("--loss", choices=("sigmoid", "logits"), default="sigmoid",
                    help="sigmoid: -log(s_y/sum s) on clipped sigmoid outputs "
                    "(SEED-FACTS, default); logits: softmax cross-entropy on "
                    "the pre-sigmoid outputs (tf.keras 2.x's cached logits)")
    ap.add_argument("--load-only", action="store_true",
                    help="only time load+clean; no torch, no training")
    args = ap.parse_args()

    if not os.path.isfile(args.csv):
        raise SystemExit("reference.py: CSV not found: %s" % args.csv)

    import numpy
    import pandas
    import sklearn
    versions = {"python": sys.version.split()[0], "numpy": numpy.__version__,
                "pandas": pandas.__version__, "sklearn": sklearn.__version__}
    if not args.load_only:
        import torch
        torch.set_num_threads(args.threads)
        try:
            torch.set_num_interop_threads(args.threads)
        except RuntimeError:
            pass
        versions["torch"] = torch.__version__

    t0 = time.perf_counter()
    xtr, ytr, xte, yte, info = load_and_clean(args.csv)
    load_clean_s = time.perf_counter() - t0
    log("load+clean %.3f s: %d rows read, %d kept, %d train / %d test, "
        "%d features; test support %s" % (
            load_clean_s, info["rows_read"], info["rows_kept"],
            info["train_rows"], info["test_rows"], info["n_features"],
            " ".join(map(str, info["test_support"]))))

    result = {"load_clean_s": load_clean_s}
    if args.load_only:
        result.update({"train_s": None, "epochs": [], "test_accuracy": None,
                       "train_accuracy": None})
    else:
        train_s, history, train_acc, test_acc = train(
            xtr, ytr, xte, yte, args.epochs, args.seed, args.batch_size,
            args.lr, args.loss)
        log("train %.3f s; train accuracy %.4f, test accuracy %.4f" % (
            train_s, train_acc, test_acc))
        result.update({"train_s": train_s, "epochs": history,
                       "test_accuracy": test_acc, "train_accuracy": train_acc})
    result.update(info)
    result.update({"threads": args.threads, "seed": args.seed,
                   "batch_size": args.batch_size, "lr": args.lr,
                   "loss": args.loss,
                   "versions": versions})
    print(json.dumps(result))


if __name__ == "__main__":
    main()
