#!/bin/sh
# cli.sh: the genretui program from the outside: options, exit statuses,
# batch text and JSON on the bundled sample. Prints TAP (the plan comes last).
GENRETUI=${GENRETUI:-./genretui}
SAMPLE=${GT_SAMPLE_CSV:-data/synthetic_sample.csv}
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
n=0
fails=0

ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); fails=$((fails + 1)); echo "not ok $n - $1"; sed 's/^/# /' "$tmp/out" "$tmp/err" 2>/dev/null | head -20; }
# check DESCRIPTION WANT_STATUS COMMAND...: run, compare exit status
check() {
	desc=$1 want=$2
	shift 2
	"$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	got=$?
	if [ "$got" = "$want" ]; then ok "$desc"; else echo "# exit $got, wanted $want"; not_ok "$desc"; fi
}
# has DESCRIPTION FILE PATTERN: grep -q
has() {
	if grep -q -- "$3" "$2"; then ok "$1"; else echo "# '$3' not in $2"; not_ok "$1"; fi
}

check "--help exits 0" 0 "$GENRETUI" --help
has "--help lists --batch" "$tmp/out" "--batch"
has "--help lists the paper preset" "$tmp/out" "paper"
check "--version exits 0" 0 "$GENRETUI" --version
has "--version prints the name" "$tmp/out" "^genretui [0-9]"
check "unknown option exits 2" 2 "$GENRETUI" --frobnicate
has "unknown option is named" "$tmp/err" "frobnicate"
check "bad --epochs value exits 2" 2 "$GENRETUI" --batch --epochs ten "$SAMPLE"
has "bad value is named" "$tmp/err" "invalid value 'ten' for --epochs"
check "unknown preset exits 2" 2 "$GENRETUI" --batch --preset nope "$SAMPLE"
# Every numeric option's error states its range; --help gives them too.
check "--digits 100 exits 2" 2 "$GENRETUI" --batch --digits 100 "$SAMPLE"
has "... and states the range" "$tmp/err" "invalid value '100' for --digits: expected an integer from 0 to 10$"
check "--lr 1000 exits 2" 2 "$GENRETUI" --batch --lr 1000 "$SAMPLE"
has "... and states the range" "$tmp/err" "for --lr: expected a number greater than 0 and less than 1000$"
check "--batch-size 0 exits 2" 2 "$GENRETUI" --batch --batch-size 0 "$SAMPLE"
has "... and states the range" "$tmp/err" "for --batch-size: expected an integer from 1 to 65536$"
check "--save-model '' is a usage error" 2 "$GENRETUI" --batch --save-model '' "$SAMPLE"
has "... that says a file name is expected" "$tmp/err" "invalid value '' for --save-model: expected a file name$"
"$GENRETUI" --help >"$tmp/out" 2>&1
has "--help gives the epochs range" "$tmp/out" "epochs to train, 0 to 100000"
has "--help gives the batch size range" "$tmp/out" "rows per mini-batch, 1 to 65536"
has "--help gives the digits range" "$tmp/out" "0 to 10 (default 2)"
has "--help gives the repeat range" "$tmp/out" "train N times (1 to 1000)"
has "--help gives the lr range" "$tmp/out" "greater than 0 and less than 1000"
check "no terminal and no --batch exits 2" 2 "$GENRETUI" "$SAMPLE"
has "no terminal suggests --batch" "$tmp/err" "use --batch"
check "missing file exits 1" 1 "$GENRETUI" --batch /nonexistent/tracks.csv
has "missing file is named" "$tmp/err" "/nonexistent/tracks.csv"
check "--batch on the sample exits 0" 0 "$GENRETUI" --batch --epochs 2 --seed 3 "$SAMPLE"
has "batch prints the ledger" "$tmp/out" "rows read"
has "batch prints an epoch line" "$tmp/out" "^Epoch 2/2"
has "batch prints the test confusion matrix" "$tmp/out" "Confusion Matrix - Test Dataset"
has "batch prints a classification report" "$tmp/out" "weighted avg"
cp "$tmp/out" "$tmp/first"
"$GENRETUI" --batch --epochs 2 --seed 3 "$SAMPLE" 2>/dev/null | grep -v '^Epoch\|training time' >"$tmp/second"
grep -v '^Epoch\|training time' "$tmp/first" >"$tmp/first2"
if cmp -s "$tmp/first2" "$tmp/second"; then ok "same seed, same results"; else not_ok "same seed, same results"; fi
check "--batch --json exits 0" 0 "$GENRETUI" --batch --json --epochs 1 "$SAMPLE"
if python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
need = ["rows_read", "rows_kept", "dropped", "genres", "counts_kept", "train_support",
        "test_support", "epochs", "train_accuracy", "test_accuracy", "confusion_test",
        "confusion_train", "report_test", "timing"]
missing = [k for k in need if k not in d]
assert not missing, missing
assert len(d["epochs"]) == 1 and d["epochs"][0]["epoch"] == 1
assert len(d["confusion_test"]) == 10 and all(len(r) == 10 for r in d["confusion_test"])
assert sum(map(sum, d["confusion_test"])) == sum(d["test_support"])
assert d["dropped"]["total"] == d["rows_read"] - d["rows_kept"]
assert d["synthetic"] is True
for k in ("load_s", "clean_s", "train_s"): assert d["timing"][k] >= 0
' "$tmp/out" 2>"$tmp/err"; then ok "JSON has every field"; else not_ok "JSON has every field"; fi
check "--epochs 0 loads and cleans only" 0 "$GENRETUI" --batch --json --epochs 0 "$SAMPLE"
if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["epochs"] == [] and d["test_accuracy"] is None' "$tmp/out"; then
	ok "--epochs 0 reports no training"; else not_ok "--epochs 0 reports no training"; fi
# Saved models: written by --batch, used by --predict without data; bad
# files are refused with a message and a non-zero exit.
check "--batch --save-model exits 0" 0 "$GENRETUI" --batch --epochs 1 --save-model "$tmp/m.gtm" "$SAMPLE"
printf 'energy=0.9 danceability=0.7\n' >"$tmp/in"
"$GENRETUI" --model "$tmp/m.gtm" --predict <"$tmp/in" >"$tmp/out" 2>"$tmp/err"
if [ $? = 0 ] && grep -q "^[A-Z][a-zA-Z-]*	0\.[0-9]*	" "$tmp/out"; then ok "--model --predict answers without data"; else not_ok "--model --predict answers without data"; fi
# The pipe contract: one output line per input line, in order; every line
# alone (the same line, the same answer); NUL and CR inside a line are
# errors naming the column; out-of-range values get a warning field.
printf 'tempo=120\nenergy=0.9 danceability=0.8 speechiness=0.4\ntempo=120\n\n  \nhelp\nclear\nshow\n' >"$tmp/in"
printf '\000energy=1\nenergy=0.5\000danceability=0.9\nenergy=0.5\rdanceability=0.9\n' >>"$tmp/in"
printf 'energy = 0.5 tempo= 120\nenergy=1e400\nloudness=1e308\nrow 99999999999999999999\nenergy=0.3\r\nquit\nenergy=1\n' >>"$tmp/in"
"$GENRETUI" --model "$tmp/m.gtm" --predict "$SAMPLE" <"$tmp/in" >"$tmp/out" 2>"$tmp/err"
if [ $? = 0 ] && [ "$(wc -l <"$tmp/out")" = 17 ] && [ "$(sed -n 1p "$tmp/out")" = "$(sed -n 3p "$tmp/out")" ] &&
	! grep -q "kept from" "$tmp/out"; then
	ok "--predict from a pipe: 17 lines for the 17 up to quit, each line alone"
else not_ok "--predict from a pipe: 17 lines for the 17 up to quit, each line alone"; fi
if sed -n '4,8p' "$tmp/out" | grep -c '^# ' | grep -qx 5; then
	ok "blank lines, help, clear and show give one '#' line each"; else not_ok "blank lines, help, clear and show give one '#' line each"; fi
if [ "$(sed -n 9p "$tmp/out")" = "error: column 1: unexpected NUL byte inside the line (nothing of it is answered)" ] &&
	sed -n 10p "$tmp/out" | grep -q "^error: column 11: unexpected NUL byte" &&
	sed -n 11p "$tmp/out" | grep -q "^error: column 11: unexpected carriage return"; then
	ok "text after a NUL or a CR is an error naming its column"; else not_ok "text after a NUL or a CR is an error naming its column"; fi
if sed -n 12p "$tmp/out" | grep -q "	filled=popularity,acousticness,danceability,duration_ms,instrumentalness,liveness,loudness,speechiness,valence$"; then
	ok "'energy = 0.5 tempo= 120' is read with blanks around ="; else not_ok "'energy = 0.5 tempo= 120' is read with blanks around ="; fi
has "energy=1e400 is out of range" "$tmp/out" "^error: column 8: energy: '1e400' is out of range"
has "loudness=1e308 gets a warning field" "$tmp/out" "	warning=loudness=1e+308 is outside the training range "
has "row 99999999999999999999 names the number typed" "$tmp/out" "^error: row 99999999999999999999: the file has data rows 1 to "
if sed -n 16p "$tmp/out" | grep -q "	filled=" && [ "$(sed -n 17p "$tmp/out")" = "# quit" ]; then
	ok "a CRLF line end is a line end; quit ends the answers"; else not_ok "a CRLF line end is a line end; quit ends the answers"; fi
# The prompt on a terminal (script gives it one): a history place that
# cannot be used is said once, never passed over silently.
if command -v script >/dev/null 2>&1 && script -qc true /dev/null >/dev/null 2>&1; then
	: >"$tmp/statefile"
	ln -s loop "$tmp/loop"
	for state in statefile loop; do
		printf 'quit\n' | XDG_STATE_HOME="$tmp/$state" script -qc "'$GENRETUI' --model '$tmp/m.gtm' --predict" /dev/null >"$tmp/out" 2>&1
		if [ "$(grep -c "history is not kept" "$tmp/out")" = 1 ] &&
			grep -q "genretui: $tmp/$state: .*; the prompt's history is not kept" "$tmp/out"
		then ok "XDG_STATE_HOME a ${state#state}: said once that the history is not kept"
		else not_ok "XDG_STATE_HOME a ${state#state}: said once that the history is not kept"; fi
	done
else
	for state in file loop; do n=$((n + 1)); echo "ok $n - XDG_STATE_HOME a $state # SKIP no script(1)"; done
fi
check "missing model file exits 1" 1 "$GENRETUI" --model "$tmp/none.gtm" --predict
has "missing model file is named" "$tmp/err" "none.gtm"
head -c 100 "$tmp/m.gtm" >"$tmp/short.gtm"
check "truncated model exits 1" 1 "$GENRETUI" --model "$tmp/short.gtm" --predict
has "truncated model is reported" "$tmp/err" "short.gtm"
cp "$tmp/m.gtm" "$tmp/bad.gtm"
printf 'X' | dd of="$tmp/bad.gtm" bs=1 seek=500 conv=notrunc 2>/dev/null
check "corrupted model exits 1" 1 "$GENRETUI" --model "$tmp/bad.gtm" --predict
has "corruption is reported" "$tmp/err" "checksum"
# --batch --model: the saved model evaluated on FILE (nothing trained),
# with the figures of the run that saved it; never ignored.
"$GENRETUI" --batch --json --epochs 2 --seed 3 --save-model "$tmp/m2.gtm" "$SAMPLE" >"$tmp/saved.json" 2>/dev/null
check "--batch --model evaluates a saved model" 0 "$GENRETUI" --batch --model "$tmp/m2.gtm" "$SAMPLE"
has "... naming it in the text" "$tmp/out" "^Model: $tmp/m2.gtm (paper preset, 2 epochs trained, split seed 42): evaluated on this file, not trained$"
has "... with its test matrix and report" "$tmp/out" "Confusion Matrix - Test Dataset"
if ! grep -q '^Epoch ' "$tmp/out"; then ok "... and trains nothing"; else not_ok "... and trains nothing"; fi
"$GENRETUI" --batch --json --model "$tmp/m2.gtm" "$SAMPLE" >"$tmp/out" 2>"$tmp/err"
if python3 -c '
import json, sys
a = json.load(open(sys.argv[1])); b = json.load(open(sys.argv[2]))
for k in ("confusion_test", "confusion_train", "test_accuracy", "train_accuracy", "report_test"):
    assert a[k] == b[k], k
assert b["epochs"] == [] and b["model_file"].endswith("m2.gtm") and a["model_file"] is None
assert b["hyperparameters"]["seed"] == 3 and b["hyperparameters"]["epochs"] == 2
' "$tmp/saved.json" "$tmp/out" 2>"$tmp/err"; then ok "--batch --json --model gives the saving run's matrices and reports"
else not_ok "--batch --json --model gives the saving run's matrices and reports"; fi
check "--batch --model of a missing file exits 1" 1 "$GENRETUI" --batch --model /nonexistent/m.gtm "$SAMPLE"
has "... naming it" "$tmp/err" "/nonexistent/m.gtm: cannot open"
check "--batch --model with --epochs is a usage error" 2 "$GENRETUI" --batch --model "$tmp/m2.gtm" --epochs 3 "$SAMPLE"
has "... that says why" "$tmp/err" "epochs sets how a model is trained: not with --model"
check "--predict --model with --seed is a usage error" 2 "$GENRETUI" --predict --model "$tmp/m2.gtm" --seed 3
check "--batch --model with --repeat is a usage error" 2 "$GENRETUI" --batch --model "$tmp/m2.gtm" --repeat 2 "$SAMPLE"
# A genre whose rows were all dropped: the report leaves it out as
# scikit-learn's classification_report does (checked against it, when a
# python3 with scikit-learn is at hand).
SKPY=
for py in python3 /usr/bin/python3; do
	if "$py" -c 'import sklearn' 2>/dev/null; then SKPY=$py; break; fi
done
python3 - "$SAMPLE" "$tmp/noanime.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
h = rows[0]
with open(sys.argv[2], "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(h)
    for r in rows[1:]:
        if len(r) == len(h) and r[h.index("music_genre")] == "Anime":
            r[h.index("tempo")] = "?"     # every Anime row dropped as unknown tempo
        w.writerow(r)
PY
"$GENRETUI" --batch --epochs 1 "$tmp/noanime.csv" >"$tmp/noanime.txt" 2>/dev/null
"$GENRETUI" --batch --json --epochs 1 "$tmp/noanime.csv" >"$tmp/noanime.json" 2>/dev/null
if [ -z "$SKPY" ]; then
	n=$((n + 1)); echo "ok $n - a genre with every row dropped: the report as scikit-learn's # SKIP no python3 with scikit-learn"
elif "$SKPY" - "$tmp/noanime.txt" "$tmp/noanime.json" >"$tmp/out" 2>"$tmp/err" <<'PY'
import json, sys
from sklearn.metrics import classification_report
text = open(sys.argv[1]).read()
d = json.load(open(sys.argv[2]))
cm, names = d["confusion_test"], d["genres"]
yt = [t for t in range(len(cm)) for p in range(len(cm)) for _ in range(cm[t][p])]
yp = [p for t in range(len(cm)) for p in range(len(cm)) for _ in range(cm[t][p])]
assert sum(cm[1]) == 0, "Anime has no test rows"
labels = sorted(set(yt) | set(yp))
want = classification_report(yt, yp, target_names=[names[c] for c in labels], zero_division=0)
start = text.index("Confusion Matrix - Test Dataset")
got = text[text.index("              precision", start):]
got = got[:got.index("weighted avg")] + got[got.index("weighted avg"):].split("\n", 1)[0] + "\n"
assert got == want, (got, want)
rep = d["report_test"]
assert ("Anime" in rep) == (1 in labels)
sk = classification_report(yt, yp, output_dict=True, zero_division=0)
assert abs(rep["macro_avg"]["f1"] - sk["macro avg"]["f1-score"]) < 1e-9
PY
then ok "a genre with every row dropped: the report as scikit-learn's (no row, not in the macro average)"
else not_ok "a genre with every row dropped: the report as scikit-learn's (no row, not in the macro average)"; fi
# Beyond the study: the improved preset, repeated runs, cross-validation.
"$GENRETUI" --help >"$tmp/out" 2>&1
has "--help lists the improved preset" "$tmp/out" "^  improved "
has "--help lists --repeat and --cv" "$tmp/out" "--cv K"
check "--repeat without --batch exits 2" 2 "$GENRETUI" --repeat 2 "$SAMPLE"
has "... and says --batch is needed" "$tmp/err" "needs --batch"
check "--cv 1 is refused" 2 "$GENRETUI" --batch --cv 1 "$SAMPLE"
check "--cv with --save-model is refused" 2 "$GENRETUI" --batch --cv 3 --save-model "$tmp/x.gtm" "$SAMPLE"
check "--batch --cv 3 exits 0" 0 "$GENRETUI" --batch --cv 3 --epochs 1 "$SAMPLE"
has "cross-validation prints each fold" "$tmp/out" "^  fold  3: "
has "... and the mean and sd over the folds" "$tmp/out" "Mean +- sd over 3 folds"
check "--batch --repeat 2 --json exits 0" 0 "$GENRETUI" --batch --json --repeat 2 --epochs 1 --seed 5 "$SAMPLE"
if python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
r = d["runs"]
assert r["kind"] == "repeat" and r["count"] == 2, r
assert [x["seed"] for x in r["runs"]] == [5, 6]
assert r["runs"][0]["accuracy"] != r["runs"][1]["accuracy"]
m = sum(x["accuracy"] for x in r["runs"]) / 2
assert abs(r["summary"]["accuracy_mean"] - m) < 1e-9
assert d["test_accuracy"] is None
' "$tmp/out" 2>"$tmp/err"; then ok "--repeat JSON lists every seed and their mean"; else not_ok "--repeat JSON lists every seed and their mean"; fi
"$GENRETUI" --batch --json --epochs 1 "$SAMPLE" >"$tmp/paper.json" 2>/dev/null
check "--preset improved exits 0" 0 "$GENRETUI" --batch --json --preset improved --epochs 2 "$SAMPLE"
if python3 -c '
import json, sys
d = json.load(open(sys.argv[1])); p = json.load(open(sys.argv[2]))
h = d["hyperparameters"]
assert h["preset"] == "improved" and h["preparation"] == "impute" and h["dropout"] > 0, h
unknown = d["rows_read"] - d["rows_kept"] - sum(v for k, v in d["dropped"].items()
          if k not in ("unknown_duration", "unknown_tempo", "unknown_both", "total"))
assert d["imputed"]["rows"] == unknown, (d["imputed"], unknown)
v = d["validation"]
assert v["rows"] > 0 and 0 <= v["accuracy"] <= 1 and v["stopped_early"] is False, v
assert 1 <= d["kept_epoch"] <= 2 and [e["epoch"] for e in d["epochs"] if e["kept"]] == [d["kept_epoch"]]
best = max(d["epochs"], key=lambda e: e["validation_accuracy"])
assert best["epoch"] == d["kept_epoch"], "the kept epoch is the best on the validation slice"
assert all(0 <= e["test_accuracy"] <= 1 for e in d["epochs"])
assert p["validation"] is None and p["imputed"] is None and p["kept_epoch"] == 1
assert p["epochs"][0]["validation_accuracy"] is None and "val_accuracy" not in p["epochs"][0]
assert d["test_support"] == p["test_support"], "the study test rows"
assert sum(d["train_support"]) == sum(p["train_support"]) + unknown
' "$tmp/out" "$tmp/paper.json" 2>"$tmp/err"; then ok "improved: study test rows, unknown rows imputed into training"; else not_ok "improved: study test rows, unknown rows imputed into training"; fi
check "an improved model saves" 0 "$GENRETUI" --batch --preset improved --epochs 1 --save-model "$tmp/imp.gtm" "$SAMPLE"
"$GENRETUI" --model "$tmp/imp.gtm" --predict <"$tmp/in" >"$tmp/out" 2>"$tmp/err"
if [ $? = 0 ] && grep -q "^[A-Z][a-zA-Z-]*	0\.[0-9]*	" "$tmp/out"; then ok "... and answers at the prompt"; else not_ok "... and answers at the prompt"; fi
# --export DIR: the run's files, atomically, naming the path on failure.
check "--batch --export exits 0" 0 "$GENRETUI" --batch --epochs 2 --seed 3 --export "$tmp/exp/run" "$SAMPLE"
has "--export says where it wrote" "$tmp/err" "run exported to $tmp/exp/run"
"$GENRETUI" --batch --json --epochs 2 --seed 3 "$SAMPLE" >"$tmp/run.json" 2>/dev/null
if python3 - "$tmp/exp/run" "$tmp/run.json" "$SAMPLE" >"$tmp/out" 2>"$tmp/err" <<'PY'
import csv, json, sys, os
d, ref = sys.argv[1], json.load(open(sys.argv[2]))
ep = list(csv.DictReader(open(os.path.join(d, "epochs.csv"))))
assert [int(e["epoch"]) for e in ep] == [1, 2], ep
assert [int(e["kept"]) for e in ep] == [0, 1], ep
for e, r in zip(ep, ref["epochs"]):
    for k in ("loss", "accuracy", "test_loss", "test_accuracy", "lr"):
        assert abs(float(e[k]) - r[k]) < 1e-8, (k, e[k], r[k])
    assert e["validation_accuracy"] == "" and r["validation_accuracy"] is None
for name, key in (("confusion_test.csv", "confusion_test"), ("confusion_train.csv", "confusion_train")):
    rows = list(csv.reader(open(os.path.join(d, name))))
    assert rows[0] == ["true/predicted"] + ref["genres"], rows[0]
    assert [r[0] for r in rows[1:]] == ref["genres"]
    assert [[int(v) for v in r[1:]] for r in rows[1:]] == ref[key]
rep = json.load(open(os.path.join(d, "report.json")))
# one schema: the same keys, the same figures; only times differ
assert set(rep) == set(ref), set(rep) ^ set(ref)
for k in ref:
    if k not in ("timing", "epochs"):
        assert rep[k] == ref[k], k
for a, b in zip(rep["epochs"], ref["epochs"]):
    assert {k: v for k, v in a.items() if k != "seconds"} == {k: v for k, v in b.items() if k != "seconds"}
assert rep["preset"] == "paper" and rep["hyperparameters"]["seed"] == 3
assert rep["hyperparameters"]["split_seed"] == 42 and rep["kept_epoch"] == 2
# predictions.csv: the study's columns first, then the file's own names of a row
src, at, last = csv.reader(open(sys.argv[3], newline="")), {}, 1
head = next(src)
for rec in src:
    at[last + 1] = dict(zip(head, rec))
    last = src.line_num
pred = list(csv.reader(open(os.path.join(d, "predictions.csv"), newline="")))
names = ["instance_id", "artist_name", "track_name"]
assert pred[0] == ["line", "set", "true", "predicted"] + ["p_" + g for g in ref["genres"]] + names, pred[0]
assert len(pred) > 1 and all(len(r) == len(pred[0]) for r in pred)
for r in pred[1:]:
    assert r[-3:] == [at[int(r[0])][c] for c in names], r
assert any("," in r[-1] or '"' in r[-1] for r in pred[1:])
PY
then ok "--export's report.json is --batch --json's document; predictions.csv names each row as the file does"
else not_ok "--export's report.json is --batch --json's document; predictions.csv names each row as the file does"; fi
check "--export without training exits 1" 1 "$GENRETUI" --batch --epochs 0 --export "$tmp/exp/none" "$SAMPLE"
has "--export without training says why" "$tmp/err" "export needs training"
: >"$tmp/afile"
check "--export to a file exits 1" 1 "$GENRETUI" --batch --epochs 1 --export "$tmp/afile" "$SAMPLE"
has "--export to a file names it" "$tmp/err" "afile: exists and is not a directory"
check "--export with --predict is a usage error" 2 "$GENRETUI" --predict --export "$tmp/exp" "$SAMPLE"
echo precious >"$tmp/target"
rm -f "$tmp/exp/run/epochs.csv" && ln -s "$tmp/target" "$tmp/exp/run/epochs.csv"
(umask 077 && "$GENRETUI" --batch --epochs 1 --export "$tmp/exp/run" "$SAMPLE" >/dev/null 2>&1)
if [ ! -L "$tmp/exp/run/epochs.csv" ] && [ "$(cat "$tmp/target")" = precious ] &&
	[ "$(stat -c %a "$tmp/exp/run/report.json")" = 600 ]; then
	ok "--export replaces a planted symlink and follows the umask"
else
	not_ok "--export replaces a planted symlink and follows the umask"
fi
# Other Spotify files: a synthetic Spotify Web API style file (renamed,
# reordered and extra columns, integer key and mode) read through --map.
API=${GT_TESTDATA:-tests/data}/spotify_api_synthetic.csv
MAP=music_genre=track_genre,artist_name=artists,duration_ms=duration,instance_id=track_id
check "the API-style file without --map is read by its own schema" 0 "$GENRETUI" --batch --epochs 1 "$API"
has "its schema names the label, the one-hot column and the identifiers" "$tmp/out" \
	"Schema: label 'track_genre' (10 classes); 16 inputs: 14 numeric, 1 one-hot (2 levels); 3 identifiers"
has "... and shows each column with its role" "$tmp/out" "^  explicit  *one-hot  *2 levels: False True"
check "--label names another genre column" 1 "$GENRETUI" --batch --epochs 1 --label genre "$API"
has "an unknown --label lists the file's columns" "$tmp/err" "--label 'genre': no such column; the columns: '', 'track_id', 'artists',"
check "--features with a glob" 0 sh -c "'$GENRETUI' --batch --json --epochs 1 --features 'dance*,energy' '$API' | tr -d '\\n'"
has "... takes exactly the columns it names" "$tmp/out" '"inputs": \[ *"danceability", *"energy" *\]'
check "--drop a column" 0 "$GENRETUI" --batch --epochs 1 --drop 'explicit,time_signature' "$API"
has "... leaves it out of the inputs" "$tmp/out" "13 inputs: 13 numeric, 0 one-hot"
check "--map and --features cannot be used together" 2 "$GENRETUI" --batch --map label=track_genre --features tempo "$API"
has "... and the message says why" "$tmp/err" "--map reads the study's columns; --features chooses a file's own"
check "a hackathon table with empty cells opens by its own schema" 0 "$GENRETUI" --batch --epochs 0 "${GT_TESTDATA:-tests/data}/hackathon_small.csv"
has "the ledger counts each input column's empty cells" "$tmp/out" "^  cells of Popularity  *6 empty, 0 unusable"
has "... and says what the presets do with their rows" "$tmp/out" "the paper preset drops them, the improved preset fills"
HACK=${GT_TESTDATA:-tests/data}/hackathon_small.csv
GTZAN=${GT_TESTDATA:-tests/data}/gtzan_small.csv
check "the improved preset fills a hackathon table's empty cells" 0 "$GENRETUI" --batch --preset improved --epochs 1 "$HACK"
has "... in the file's words, not the study's duration and tempo" "$tmp/out" \
	"^  improved preset: the paper preset's 40 test rows; the 100 rows it dropped for$"
has "... naming each filled column's training median" "$tmp/out" "^  training medians: Popularity [0-9.e+-]*, key [0-9.e+-]*, instrumentalness [0-9.e+-]*$"
if grep -q "unknown duration/tempo\|duration_ms [0-9]\|: nan" "$tmp/out"; then not_ok "... with no study word and no nan"
else ok "... with no study word and no nan"; fi
has "numbered classes are named once" "$tmp/out" "^  classes: 0 to 10, the file's own numbers$"
has "imputed rows without a validation slice: no nan" "$tmp/out" "^Imputed rows: 100 (all on the training side, all trained on): accuracy"
check "a hackathon table exports" 0 "$GENRETUI" --batch --epochs 1 --export "$tmp/hackexp" --save-model "$tmp/hack.gtm" "$HACK"
# Its "duration_in min/ms" at the prompt: typed in quotes, answered in
# quotes (as filled= names it), one line out for each line in.
printf 'energy=0.5\n"duration_in min/ms"=200000\nduration_in min/ms=200000\n"duration_in min/ms=2\nhelp\n' >"$tmp/in"
"$GENRETUI" --model "$tmp/hack.gtm" --predict <"$tmp/in" >"$tmp/out" 2>"$tmp/err"
if [ "$(wc -l <"$tmp/out")" = 5 ] &&
	sed -n 1p "$tmp/out" | grep -q '	filled=Popularity,.*,tempo,"duration_in min/ms",time_signature$' &&
	sed -n 2p "$tmp/out" | grep -q '	filled=Popularity,.*,tempo,time_signature$' &&
	sed -n 5p "$tmp/out" | grep -q ', tempo, "duration_in min/ms", time_signature;'
then ok "--predict on a hackathon model: \"duration_in min/ms\" typed and answered in quotes, 5 lines for 5"
else not_ok "--predict on a hackathon model: \"duration_in min/ms\" typed and answered in quotes, 5 lines for 5"; fi
has "... unquoted, the error says to quote it" "$tmp/out" \
	"^error: column 1: expected name=value, got 'duration_in' (a name with blanks goes in quotes: \"duration_in min/ms\"=...)$"
has "... an unclosed quote is an error" "$tmp/out" "^error: column 1: a name in quotes needs its closing quote"
sed -n '1s/.*	filled=//p' "$tmp/out" | sed 's/\("[^"]*"\|[^,]*\)\(,\|$\)/\1=1 /g' >"$tmp/in"
"$GENRETUI" --model "$tmp/hack.gtm" --predict <"$tmp/in" >"$tmp/out" 2>"$tmp/err"
if [ "$(wc -l <"$tmp/out")" = 1 ] && grep -q '	filled=energy\(	\|$\)' "$tmp/out"; then
	ok "... the names filled= gives type back as they are"
else not_ok "... the names filled= gives type back as they are"; fi
has "... its predictions.csv names the rows by 'Artist Name' and 'Track Name'" "$tmp/hackexp/predictions.csv" \
	"^line,set,true,predicted,p_0,p_1,.*,p_10,Artist Name,Track Name$"
check "a GTZAN-like table trains" 0 "$GENRETUI" --batch --epochs 1 --export "$tmp/gtzexp" "$GTZAN"
if head -1 "$tmp/gtzexp/predictions.csv" | grep -q '^line,set,true,predicted,p_blues,.*,p_rock,filename$' &&
	[ "$(grep -c ',\(blues\|classical\|country\|disco\|hiphop\|jazz\|metal\|pop\|reggae\|rock\)\.000[0-9][0-9]\.wav$' "$tmp/gtzexp/predictions.csv")" = 80 ]
then ok "... its predictions.csv names each clip by its filename"
else not_ok "... its predictions.csv names each clip by its filename"; fi
if grep -q "fusion-aware" "$tmp/out"; then not_ok "no fusion-aware accuracy where no artist and title name the tracks"
else ok "no fusion-aware accuracy where no artist and title name the tracks"; fi
has "... top-2 accuracy still" "$tmp/out" "^Beyond the study: top-2 accuracy [0-9.]* (test) [0-9.]* (train)$"
check "a 114-genre table trains" 0 "$GENRETUI" --batch --epochs 1 "${GT_TESTDATA:-tests/data}/spotify_tracks_114.csv"
has "its genre counts line up however long the name" "$tmp/out" "^singer-songwriter  *[0-9]*  *[0-9]*$"
has "... as do the shorter names" "$tmp/out" "^detroit-techno     *[0-9]*  *[0-9]*$"
if sed -n '/^Split/,/^Training/p' "$tmp/out" | awk 'length > 80 { bad = 1 } END { exit !NR || bad }'; then
	ok "... and its 114 classes and supports are wrapped at 80 columns"
else not_ok "... and its 114 classes and supports are wrapped at 80 columns"; fi
"$GENRETUI" --batch --json --epochs 1 "$HACK" >"$tmp/out" 2>"$tmp/err"
if python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert all(d[k] is None for k in ("unknown_duration", "unknown_tempo", "unknown_key",
           "unknown_duration_fraction", "unknown_tempo_fraction")), d
' "$tmp/out"; then ok "the JSON of a file's own schema has no study unknowns (null)"
else not_ok "the JSON of a file's own schema has no study unknowns (null)"; fi
check "a study-like file lacking columns is still refused as the study's" 1 "$GENRETUI" --batch --epochs 1 "${GT_TESTDATA:-tests/data}/bad/renamed_columns.csv"
check "... unless --label asks for its own schema" 0 "$GENRETUI" --batch --epochs 1 --label music_genre "${GT_TESTDATA:-tests/data}/bad/renamed_columns.csv"
check "--map with an unknown field exits 2" 2 "$GENRETUI" --batch --map genre=track_genre "$API"
has "the unknown field is named, music_genre suggested" "$tmp/err" "genretui: --map: unknown field 'genre' (did you mean music_genre?)"
check "--map to a column the file lacks exits 1" 1 "$GENRETUI" --batch --map music_genre=genre,duration_ms=duration "$API"
has "the absent column is named" "$tmp/err" "music_genre (mapped to 'genre', which the header lacks)"
check "--map loads, cleans and trains the API-style file" 0 "$GENRETUI" --batch --epochs 2 --map "$MAP" --save-model "$tmp/api.gtm" "$API"
has "integer keys: -1 is dropped as an unknown key" "$tmp/out" "dropped: unknown key (-1) *3$"
has "the API-style file trains 2 epochs" "$tmp/out" "^Epoch 2/2"
"$GENRETUI" --batch --json --epochs 0 --map "$MAP" "$API" >"$tmp/out" 2>"$tmp/err"
if python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert (d["rows_read"], d["rows_kept"], d["dropped"]["unknown_key"], d["unknown_key"]) == (300, 297, 3, 3), d
assert d["dropped"]["invalid"] == 0 and sum(d["counts_kept"].values()) == 297
' "$tmp/out"; then ok "the API-style ledger: 300 read, 297 kept, 3 unknown keys, none invalid"
else not_ok "the API-style ledger: 300 read, 297 kept, 3 unknown keys, none invalid"; fi
printf 'row 2\nenergy=0.5 key=A mode=minor\n' >"$tmp/in"
"$GENRETUI" --model "$tmp/api.gtm" --map "$MAP" --predict "$API" <"$tmp/in" >"$tmp/out" 2>"$tmp/err"
if [ $? = 0 ] && [ "$(wc -l <"$tmp/out")" = 2 ] && head -n 1 "$tmp/out" | grep -q "	true=[A-Z]"; then
	ok "a model trained on it predicts its rows through --map"
else
	not_ok "a model trained on it predicts its rows through --map"
fi
printf 'row 1\n' | "$GENRETUI" --predict --epochs 1 --map "$MAP" "$API" >"$tmp/out" 2>"$tmp/err"
if [ $? = 0 ] && grep -q "	true=[A-Z]" "$tmp/out"; then ok "--predict trains on it with --map, then answers"
else not_ok "--predict trains on it with --map, then answers"; fi
# Genres of its own: the classes come from the file (names as given, in
# byte order), through the text and JSON, the export, the model file
# (version 2) and the prompt.
OWN=${GT_TESTDATA:-tests/data}/spotify_api_own_genres.csv
check "a file of twelve genres of its own trains" 0 "$GENRETUI" --batch --epochs 2 --map "$MAP" --save-model "$tmp/own.gtm" --export "$tmp/own" "$OWN"
has "the text says the genres are the file's" "$tmp/out" "^Genres: the file's own 12 labels, not the study's ten"
has "the classes are the file's names in byte order" "$tmp/out" "classes: 0 ambient, 1 bluegrass, 2 bossa nova, 3 disco, 4 drum, bass, 5 forr"
# A small table (192 training rows): the improved preset trains every row for all its
# epochs, without the validation slice, and says so in the text and the JSON.
check "improved on a small table trains" 0 "$GENRETUI" --batch --preset improved --epochs 3 --map "$MAP" "$OWN"
has "... without a validation slice, and says why" "$tmp/out" "no validation slice: fewer than 2500 training rows; all 3 epochs, the last one's weights kept"
has "... all its epochs" "$tmp/out" "^Epoch 3/3"
"$GENRETUI" --batch --json --preset improved --epochs 2 --map "$MAP" "$OWN" >"$tmp/small.json" 2>"$tmp/err"
if python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); h = d["hyperparameters"]
assert h["validation_fraction"] == 0 and h["patience"] == 0 and d["validation"] is None, (h, d["validation"])' \
	"$tmp/small.json" 2>"$tmp/err"; then ok "... and its JSON has no slice"; else cat "$tmp/err"; not_ok "... and its JSON has no slice"; fi
"$GENRETUI" --batch --json --epochs 1 --map "$MAP" "$OWN" >"$tmp/own.json" 2>"$tmp/err"
if python3 - "$tmp/own.json" "$tmp/own" "$tmp/own.gtm" >"$tmp/out" 2>"$tmp/err" <<'PY'
import csv, json, os, struct, sys
d = json.load(open(sys.argv[1]))
names = ["ambient", "bluegrass", "bossa nova", "disco", "drum, bass", "forr\u00f3", "grunge",
         "k-pop", "metal", "reggae", "salsa", "techno"]
assert d["genres"] == names and d["genres_from_data"] is True, d["genres"]
assert len(d["confusion_test"]) == 12 and all(len(r) == 12 for r in d["confusion_test"])
assert set(names) <= set(d["report_test"]) and d["counts_kept"]["drum, bass"] == 20
rows = list(csv.reader(open(os.path.join(sys.argv[2], "confusion_test.csv"), encoding="utf-8")))
assert rows[0] == ["true/predicted"] + names and [r[0] for r in rows[1:]] == names
rep = json.load(open(os.path.join(sys.argv[2], "report.json"), encoding="utf-8"))
assert rep["genres"] == names and rep["architecture"]["sizes"][-1] == 12
head = open(sys.argv[3], "rb").read(12)
assert head[:8] == b"GTMODEL\0" and struct.unpack("<I", head[8:12])[0] == 2
PY
then ok "JSON, export and model file carry the file's genres (model version 2)"
else not_ok "JSON, export and model file carry the file's genres (model version 2)"; fi
"$GENRETUI" --batch --model "$tmp/own.gtm" "$SAMPLE" >"$tmp/out2" 2>"$tmp/err2"
if [ $? = 1 ] && grep -qx "genretui: $tmp/own.gtm predicts 12 genres (ambient, bluegrass, ...), the file has 10 (Electronic, Anime, ...): not the same genres" "$tmp/err2"
then ok "--batch --model refuses a model of other genres"
else not_ok "--batch --model refuses a model of other genres"; fi
printf 'energy=0.9\n' | "$GENRETUI" --model "$tmp/own.gtm" --predict "$SAMPLE" >"$tmp/out" 2>"$tmp/err"
if [ $? = 1 ] && [ ! -s "$tmp/out" ] &&
	grep -qx "genretui: $tmp/own.gtm predicts 12 genres (ambient, bluegrass, ...), the file has 10 (Electronic, Anime, ...): not the same genres" "$tmp/err"
then ok "--predict FILE refuses a model of other genres, as the interface does"
else not_ok "--predict FILE refuses a model of other genres, as the interface does"; fi
printf 'energy=0.9 danceability=0.4\n' | "$GENRETUI" --model "$tmp/own.gtm" --predict >"$tmp/out" 2>"$tmp/err"
if [ $? = 0 ] && grep -qE "^(ambient|bluegrass|bossa nova|disco|drum, bass|forr.*|grunge|k-pop|metal|reggae|salsa|techno)	0\.[0-9]+	" "$tmp/out"; then
	ok "the saved model answers with the file's genres"
else
	not_ok "the saved model answers with the file's genres"
fi
# Permutation importance (--importance[=N]): text, JSON and the export.
check "--importance=0 is a usage error" 2 "$GENRETUI" --batch --importance=0 "$SAMPLE"
has "... that states the range" "$tmp/err" "for --importance: expected an integer from 1 to 1000$"
check "--importance without --batch is a usage error" 2 "$GENRETUI" --importance "$SAMPLE"
has "... that says why" "$tmp/err" "needs --batch"
check "--importance with --epochs 0 fails" 1 "$GENRETUI" --batch --importance --epochs 0 "$SAMPLE"
has "... saying training is needed" "$tmp/err" "--importance needs training"
check "--batch --importance prints the features" 0 "$GENRETUI" --batch --importance=2 --epochs 1 "$SAMPLE"
has "... under a heading" "$tmp/out" "^Feature importance: the drop in test accuracy"
has "... with key among them" "$tmp/out" "^  key  *[-+]0\.[0-9]* +- 0\.[0-9]*$"
check "--batch --json without --importance" 0 "$GENRETUI" --batch --json --epochs 1 "$SAMPLE"
if python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["feature_importance"] is None' "$tmp/out"
then ok "... has feature_importance null"; else not_ok "... has feature_importance null"; fi
check "--batch --json --importance=2 --export" 0 "$GENRETUI" --batch --json --importance=2 --epochs 1 \
	--seed 3 --export "$tmp/impexp" "$SAMPLE"
if python3 - "$tmp/out" "$tmp/impexp/importance.csv" >"$tmp/err" 2>&1 <<'PY'
import csv, json, sys
d = json.load(open(sys.argv[1]))
fi = d["feature_importance"]
names = ["popularity", "acousticness", "danceability", "duration_ms", "energy",
         "instrumentalness", "liveness", "loudness", "speechiness", "tempo", "valence",
         "key", "mode"]
assert [f["name"] for f in fi["features"]] == names, fi["features"]
assert fi["repeats"] == 2 and fi["seed"] == 3 and fi["rows"] == sum(d["test_support"])
assert fi["baseline_accuracy"] == d["test_accuracy"]
assert all(f["sd"] >= 0 and -1 <= f["mean"] <= 1 for f in fi["features"])
rows = list(csv.reader(open(sys.argv[2])))
assert rows[0] == ["feature", "mean", "sd", "shuffle_1", "shuffle_2"], rows[0]
assert [r[0] for r in rows[1:]] == names
for r, f in zip(rows[1:], fi["features"]):
    assert abs(float(r[1]) - f["mean"]) < 1e-9 and abs(float(r[2]) - f["sd"]) < 1e-9
    assert abs((float(r[3]) + float(r[4])) / 2 - f["mean"]) < 1e-9
PY
then ok "feature_importance in the JSON and importance.csv agree"
else not_ok "feature_importance in the JSON and importance.csv agree"; fi
echo "1..$n"
exit 0
