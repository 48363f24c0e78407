#!/usr/bin/env python3
"""mksample.py - build genretui's bundled SYNTHETIC sample data set.

The real data set (Kaggle "Prediction of music genre", music_genre.csv,
50,005 rows) is not shipped with genretui.  This script makes a small
stand-in that has the same header, the same columns and the same formatting
quirks, so that the program runs out of the box.  Every row it writes is
SYNTHETIC: the numbers are random draws from per-genre statistics and the
artist and track names are invented from small built-in word lists.  No row
is a real Spotify track.

It works in two steps, and uses only the Python 3 standard library:

  mksample.py measure REAL.csv -o data/genre_stats.json
      Reads the real file, drops the blank rows, and writes per-genre
      statistics as a small, deterministic JSON file:
        * for each numeric column, quantiles (on a fixed probability grid
          that is finer in the tails) computed on the rows where the value
          is known;
        * a Gaussian-copula correlation matrix per genre (Pearson
          correlation of the normal scores of the ranks), so that the
          columns of a generated row move together as in the real data;
        * P(key), P(Minor | key), the share of unknown tempo ('?') and of
          unknown duration (-1.0), the share of 'empty_field' artists, the
          obtained_date distribution, and how often a float is written with
          a binary round-off tail (e.g. -5.2010000000000005);
        * the number of rows per genre and the order of the genre blocks.
      Only aggregate statistics are stored: no row, name or id of the real
      file is copied.

  mksample.py generate data/genre_stats.json -o data/synthetic_sample.csv \\
          --rows 5000 --seed 2026
      Draws --rows rows from the statistics (Gaussian copula + inverse CDF
      with linear interpolation between the stored quantiles), grouped by
      genre in the same block order as the real file, and writes them with
      the real header and the real file's quirks: integer-valued floats
      ('27.0'), '-1.0' for unknown duration, '?' for unknown tempo,
      'empty_field' artists, comma-containing (hence CSV-quoted) and
      quote-containing track names, some non-ASCII UTF-8 names, values such
      as '3.33e-06' and '-5.2010000000000005', dates like '4-Apr', and a few
      fully blank rows (',,,,,,,,,,,,,,,,,') in the middle of the file.
      Output is byte-for-byte deterministic for a given stats file and seed.

  mksample.py count data/synthetic_sample.csv
      Prints row counts (total, blank, unknown tempo/duration, usable rows,
      rows per genre) of a file in this format; handy for data/README.md.
"""

import argparse
import csv
import json
import math
import random
import re
import statistics
import sys

HEADER = [
    "instance_id", "artist_name", "track_name", "popularity", "acousticness",
    "danceability", "duration_ms", "energy", "instrumentalness", "key",
    "liveness", "loudness", "mode", "speechiness", "tempo", "obtained_date",
    "valence", "music_genre",
]
NUMERIC = [
    "popularity", "acousticness", "danceability", "duration_ms", "energy",
    "instrumentalness", "liveness", "loudness", "speechiness", "tempo",
    "valence",
]
FRACTION = {"acousticness", "danceability", "energy", "instrumentalness",
            "liveness", "speechiness", "valence"}
GENRES = ["Electronic", "Anime", "Jazz", "Alternative", "Country", "Rap",
          "Blues", "Rock", "Classical", "Hip-Hop"]
KEYS = ["A", "A#", "B", "C", "C#", "D", "D#", "E", "F", "F#", "G", "G#"]
UNKNOWN_TEMPO = "?"
UNKNOWN_DURATION = "-1.0"
EMPTY_ARTIST = "empty_field"

# Probability grid for the stored quantiles: every 5%, plus extra points in
# both tails so that long tails (duration_ms, instrumentalness, loudness) are
# not smeared out by linear interpolation between the 95% point and the max.
PROBS = ([0.0, 0.005, 0.01, 0.025]
         + [round(0.05 * i, 3) for i in range(1, 20)]
         + [0.975, 0.99, 0.995, 1.0])

STATS_FORMAT = "genretui-genre-stats/1"

_ND = statistics.NormalDist()


# ----------------------------------------------------------------- helpers

def sig(x, digits=6):
    """Round x to `digits` significant digits (keeps the JSON small)."""
    if x == 0 or not math.isfinite(x):
        return 0.0 if x == 0 else x
    return float(format(x, ".%dg" % digits))


def quantile(sorted_vals, p):
    """Linear-interpolation quantile (R type 7) of a sorted list."""
    n = len(sorted_vals)
    if n == 1:
        return sorted_vals[0]
    h = (n - 1) * p
    lo = int(math.floor(h))
    hi = min(lo + 1, n - 1)
    return sorted_vals[lo] + (h - lo) * (sorted_vals[hi] - sorted_vals[lo])


def inv_cdf(probs, qs, u):
    """Inverse of the piecewise-linear CDF through (qs[i], probs[i])."""
    if u <= probs[0]:
        return qs[0]
    for i in range(1, len(probs)):
        if u <= probs[i]:
            p0, p1 = probs[i - 1], probs[i]
            t = (u - p0) / (p1 - p0) if p1 > p0 else 0.0
            return qs[i - 1] + t * (qs[i] - qs[i - 1])
    return qs[-1]


def normal_scores(values):
    """Normal scores of the ranks (ties get their average rank)."""
    n = len(values)
    order = sorted(range(n), key=values.__getitem__)
    ranks = [0.0] * n
    i = 0
    while i < n:
        j = i
        while j + 1 < n and values[order[j + 1]] == values[order[i]]:
            j += 1
        r = (i + j) / 2.0 + 1.0
        for k in range(i, j + 1):
            ranks[order[k]] = r
        i = j + 1
    return [_ND.inv_cdf(r / (n + 1.0)) for r in ranks]


def pearson(xs, ys):
    n = len(xs)
    mx = sum(xs) / n
    my = sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return 0.0
    return sxy / math.sqrt(sxx * syy)


def cholesky(m):
    """Lower-triangular Cholesky factor, or None if m is not pos. definite."""
    n = len(m)
    low = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1):
            s = m[i][j] - sum(low[i][k] * low[j][k] for k in range(j))
            if i == j:
                if s <= 1e-10:
                    return None
                low[i][j] = math.sqrt(s)
            else:
                low[i][j] = s / low[j][j]
    return low


def safe_cholesky(m):
    """Cholesky of m, shrinking it towards the identity until it works."""
    n = len(m)
    for a in [0.0, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0]:
        mm = [[(1 - a) * m[i][j] + (a if i == j else 0.0) for j in range(n)]
              for i in range(n)]
        low = cholesky(mm)
        if low is not None:
            return low
    raise ValueError("correlation matrix cannot be factorised")


def has_float_tail(s):
    """True if s is a float written with a binary round-off tail."""
    x = float(s)
    return x != float(format(x, ".10g"))


def nextafter(x, direction):
    if hasattr(math, "nextafter"):            # Python >= 3.9
        return math.nextafter(x, direction)
    import struct                              # pragma: no cover
    if x == 0:
        return x
    bits = struct.unpack("<q", struct.pack("<d", x))[0]
    bits += 1 if (direction > x) == (x > 0) else -1
    return struct.unpack("<d", struct.pack("<q", bits))[0]


def fmt_float(x):
    """Python repr, the way the real file writes floats ('27.0', '3.3e-06')."""
    return repr(float(x))


# ----------------------------------------------------------------- measure

def read_real(path):
    with open(path, encoding="utf-8", newline="") as f:
        rdr = csv.reader(f)
        header = next(rdr)
        if header != HEADER:
            sys.exit("%s: unexpected header %r" % (path, header))
        rows = []
        blank = 0
        for r in rdr:
            if len(r) != len(HEADER):
                sys.exit("%s: row with %d fields" % (path, len(r)))
            if not any(r):
                blank += 1
                continue
            rows.append(dict(zip(HEADER, r)))
    return rows, blank


def is_known(col, s):
    if col == "tempo":
        return s != UNKNOWN_TEMPO
    if col == "duration_ms":
        return float(s) != -1.0
    return s != ""


def measure(args):
    rows, blank = read_real(args.real)
    genre_order = []
    by_genre = {}
    for r in rows:
        g = r["music_genre"]
        if g not in by_genre:
            by_genre[g] = []
            genre_order.append(g)
        by_genre[g].append(r)
    if sorted(genre_order) != sorted(GENRES):
        sys.exit("unexpected genres: %r" % genre_order)

    date_re = re.compile(r"^[0-9]{1,2}-[A-Z][a-z]{2}$")
    dropped_dates = {}

    # How often each numeric column is written with a round-off tail; this
    # is a property of the file's writer, so it is measured over all genres.
    tails = {}
    for c in NUMERIC:
        vals = [r[c] for r in rows if is_known(c, r[c])]
        tails[c] = round(sum(map(has_float_tail, vals)) / len(vals), 4)

    genres = {}
    for g in GENRES:
        grows = by_genre[g]
        n = len(grows)
        cols = {}
        scores = {}
        for c in NUMERIC:
            known = [(i, float(r[c])) for i, r in enumerate(grows)
                     if is_known(c, r[c])]
            vals = sorted(v for _, v in known)
            cols[c] = [sig(quantile(vals, p)) for p in PROBS]
            sc = normal_scores([v for _, v in known])
            scores[c] = dict((i, z) for (i, _), z in zip(known, sc))
        corr = []
        for a in range(len(NUMERIC)):
            for b in range(a + 1, len(NUMERIC)):
                sa, sb = scores[NUMERIC[a]], scores[NUMERIC[b]]
                common = [i for i in sa if i in sb]
                corr.append(round(pearson([sa[i] for i in common],
                                          [sb[i] for i in common]), 4))
        key_n = dict((k, 0) for k in KEYS)
        minor_n = dict((k, 0) for k in KEYS)
        dates = {}
        for r in grows:
            key_n[r["key"]] += 1
            if r["mode"] == "Minor":
                minor_n[r["key"]] += 1
            elif r["mode"] != "Major":
                sys.exit("unexpected mode %r" % r["mode"])
            d = r["obtained_date"]
            if date_re.match(d):
                dates[d] = dates.get(d, 0) + 1
            else:
                dropped_dates[d] = dropped_dates.get(d, 0) + 1
        nd = sum(dates.values())
        genres[g] = {
            "rows": n,
            "quantiles": cols,
            "copula_corr_upper": corr,
            "key_p": dict((k, round(key_n[k] / n, 5)) for k in KEYS),
            "minor_p_by_key": dict(
                (k, round(minor_n[k] / key_n[k], 4) if key_n[k] else 0.0)
                for k in KEYS),
            "obtained_date_p": dict((d, round(c / nd, 5))
                                    for d, c in sorted(dates.items())),
            "unknown_tempo_p": round(
                sum(r["tempo"] == UNKNOWN_TEMPO for r in grows) / n, 5),
            "unknown_duration_p": round(
                sum(float(r["duration_ms"]) == -1.0 for r in grows) / n, 5),
            "empty_artist_p": round(
                sum(r["artist_name"] == EMPTY_ARTIST for r in grows) / n, 5),
        }
    ids = [float(r["instance_id"]) for r in rows]
    stats = {
        "format": STATS_FORMAT,
        "note": ("Per-genre aggregate statistics of the Kaggle 'Prediction "
                 "of music genre' music_genre.csv, made by tools/mksample.py "
                 "measure. Contains no rows of the real file."),
        "numeric_columns": NUMERIC,
        "probs": PROBS,
        "genre_order": genre_order,
        "blank_rows": blank,
        "blank_rows_after_genre_blocks": _blank_position(args.real, genre_order),
        "instance_id_range": [int(min(ids)), int(max(ids))],
        "float_tail_p": tails,
        "genres": genres,
    }
    text = json.dumps(stats, sort_keys=True, indent=1, ensure_ascii=True)
    # Put each list on one line: far smaller and still diffable.
    text = re.sub(r"\[\s+([^\[\]{}]*?)\s+\]",
                  lambda m: "[" + re.sub(r",\s+", ", ", m.group(1)) + "]",
                  text)
    with open(args.output, "w", encoding="utf-8", newline="\n") as f:
        f.write(text + "\n")
    if dropped_dates:
        print("note: ignored odd obtained_date values %r" % dropped_dates,
              file=sys.stderr)
    print("wrote %s (%d bytes) from %d rows (%d blank rows dropped)"
          % (args.output, len(text) + 1, len(rows), blank), file=sys.stderr)


def _blank_position(path, genre_order):
    """How many whole genre blocks precede the first blank row."""
    with open(path, encoding="utf-8", newline="") as f:
        rdr = csv.reader(f)
        next(rdr)
        seen = []
        for r in rdr:
            if not any(r):
                break
            if not seen or seen[-1] != r[-1]:
                seen.append(r[-1])
    # The blank rows sit between blocks if the last block seen is complete;
    # we simply record the number of blocks started before them.
    return len(seen)


# ---------------------------------------------------------------- generate

ADJ = ["Amber", "Velvet", "Paper", "Hollow", "Electric", "Crimson", "Quiet",
       "Neon", "Silver", "Broken", "Golden", "Wandering", "Frozen", "Distant",
       "Copper", "Midnight", "Lazy", "Restless", "Painted", "Sunken",
       "Crooked", "Gentle", "Wild", "Borrowed", "Lonesome", "Tangled",
       "Static", "Faded", "Burning", "Secret", "Rusty", "Glass"]
NOUN = ["Harbor", "Lantern", "Highway", "Orchard", "Signal", "River",
        "Satellite", "Garden", "Mirror", "Engine", "Meadow", "Tide", "Parade",
        "Window", "Compass", "Canyon", "Letter", "Horizon", "Ember", "Ladder",
        "Circuit", "Porch", "Cathedral", "Pocket", "Thunder", "Echo",
        "Station", "Feather", "Shadow", "Carousel", "Boulevard", "Skyline"]
NOUN_UNI = ["Café", "Rêverie", "Fjällväg", "Söderhavet", "Niño", "Déjà Vu",
            "Mädchen", "Göteborg", "Crème Brûlée", "Señorita"]
FIRST = ["Orla", "Jasper", "Mira", "Tobin", "Wren", "Caspian", "Idris",
         "Nell", "Rafe", "Solene", "Bram", "Liesl", "Otto", "Juno", "Ezra",
         "Pim", "Zadie", "Anselm", "Kit", "Marisol"]
LAST = ["Quenby", "Vantreight", "Holloway", "Marchetti", "Oakhurst",
        "Pellworth", "Strand", "Winterbourne", "Drummond", "Lisle", "Fairweather",
        "Kettering", "Roscoe", "Tamsin", "Brightwater", "Calloway"]
LAST_UNI = ["Brückner", "Søndergaard", "Lefèvre", "Öberg", "Jiménez",
            "Kořenová", "Müller-Hale", "Renée"]
BAND_NOUN = ["Lanterns", "Tides", "Orchards", "Satellites", "Engines",
             "Ladders", "Sparrows", "Comets", "Pylons", "Cassettes", "Moths",
             "Harbors"]
RAP_PREFIX = ["Lil", "Young", "MC", "DJ", "Big", "Kid", "Yung"]
RAP_WORD = ["Quasar", "Tidewater", "Nimbus", "Copperline", "Vortex",
            "Halcyon", "Mirage", "Gravel", "Zenith", "Dusk", "Cipher",
            "Static"]
ELEC_WORD = ["Nocturne", "Polygon", "Helix", "Aurora", "Kilohertz", "Fathom",
             "Lumen", "Parallax", "Vectra", "Orbitz", "Glasshaus", "Synthwave"]
JP_ARTIST = ["Aoi Kazamori", "Haruto Minase", "Yuzuki Tsukishiro",
             "Sora no Kakera", "Kanon Hoshimiya", "Riku Amanogawa"]
JP_TITLE = ["夜明けのシグナル", "ソラノカケラ", "星屑ランタン", "ひかりの街",
            "君とアンバー", "ネオン・ハーバー"]
FORMS = ["Sonata", "Symphony", "Concerto", "Nocturne", "Étude", "Suite",
         "String Quartet", "Prelude"]
MOVES = ["Allegro", "Andante", "Adagio", "Presto", "Largo",
         "Allegretto", "Scherzo", "Rondo: Allegro vivace", "Menuetto"]
ROMAN = ["I", "II", "III", "IV"]
PLACES = ["Blue Lantern", "Copper Room", "Harbor Club", "Velvet Cellar"]


def invent_artist(rng, genre):
    """One made-up artist name, loosely flavoured by genre."""
    r = rng.random()
    if genre in ("Rap", "Hip-Hop") and r < 0.7:
        return "%s %s" % (rng.choice(RAP_PREFIX), rng.choice(RAP_WORD))
    if genre == "Electronic" and r < 0.6:
        w = rng.choice(ELEC_WORD)
        return w if rng.random() < 0.5 else "%s %s" % (w, rng.choice(NOUN))
    if genre == "Anime" and r < 0.5:
        return rng.choice(JP_ARTIST)
    if genre == "Classical" and r < 0.8:
        last = rng.choice(LAST_UNI if rng.random() < 0.15 else LAST)
        return "%s %s" % (rng.choice(FIRST), last)
    if genre in ("Rock", "Alternative") and r < 0.6:
        return "The %s %s" % (rng.choice(ADJ), rng.choice(BAND_NOUN))
    if r < 0.03:
        # a few artist names with a comma, like the real file has
        return "%s, the %s" % (rng.choice(FIRST), rng.choice(NOUN))
    last = rng.choice(LAST_UNI if rng.random() < 0.04 else LAST)
    return "%s %s" % (rng.choice(FIRST), last)


def invent_title(rng, genre, artists):
    """One made-up track name; some contain commas, quotes or non-ASCII."""
    def noun():
        return rng.choice(NOUN_UNI) if rng.random() < 0.02 else rng.choice(NOUN)

    base = "%s %s" % (rng.choice(ADJ), noun())
    if genre == "Classical" and rng.random() < 0.35:
        return ("%s No. %d in %s %s, Op. %d: %s. %s"
                % (rng.choice(FORMS), rng.randint(1, 24), rng.choice(KEYS),
                   rng.choice(["Major", "Minor"]), rng.randint(2, 130),
                   rng.choice(ROMAN), rng.choice(MOVES)))
    if genre == "Anime" and rng.random() < 0.15:
        return rng.choice(JP_TITLE)
    r = rng.random()
    if r < 0.04:
        return "%s (feat. %s, %s)" % (base, rng.choice(artists),
                                      rng.choice(artists))
    if r < 0.12:
        return "%s (feat. %s)" % (base, rng.choice(artists))
    if r < 0.16:
        return "%s - Remastered %d" % (base, rng.randint(1995, 2019))
    if r < 0.19:
        return "%s - %s Remix" % (base, rng.choice(artists))
    if r < 0.21:
        return "%s - Live at the %s" % (base, rng.choice(PLACES))
    if r < 0.225:
        return 'Theme from "%s"' % base
    if r < 0.235:
        return '%s - 12" Extended Mix' % base
    if r < 0.26:
        return "%s, %s" % (noun(), noun())
    if r < 0.30:
        return "%s of the %s" % (noun(), noun())
    if r < 0.40:
        return noun()
    return base


def parse_corr(upper, n):
    m = [[1.0] * n for _ in range(n)]
    k = 0
    for a in range(n):
        for b in range(a + 1, n):
            m[a][b] = m[b][a] = upper[k]
            k += 1
    return m


def pick(rng, probs):
    """Draw a key from a {value: probability} dict (sorted for determinism)."""
    items = sorted(probs.items())
    total = sum(p for _, p in items)
    u = rng.random() * total
    acc = 0.0
    for v, p in items:
        acc += p
        if u < acc:
            return v
    return items[-1][0]


def finish_value(col, x):
    """Clip and round a drawn value the way the real columns look."""
    if col == "popularity":
        return float(min(99, max(0, int(round(x)))))
    if col == "duration_ms":
        return float(max(1000, int(round(x))))
    if col == "tempo":
        return max(1.0, round(x, 3))
    if col == "loudness":
        return min(5.0, round(x, 3))
    # fraction columns: 0..1, three significant digits like Spotify's API
    x = min(1.0, max(0.0, x))
    return sig(x, 3)


def generate(args):
    with open(args.stats, encoding="utf-8") as f:
        stats = json.load(f)
    if stats.get("format") != STATS_FORMAT:
        sys.exit("%s: not a %s file" % (args.stats, STATS_FORMAT))
    rng = random.Random(args.seed)
    probs = stats["probs"]
    cols = stats["numeric_columns"]
    tails = stats["float_tail_p"]
    order = stats["genre_order"]
    gstats = stats["genres"]

    # rows per genre, proportional to the real counts (largest remainder)
    total_real = sum(gstats[g]["rows"] for g in order)
    exact = [(args.rows * gstats[g]["rows"] / total_real, g) for g in order]
    counts = dict((g, int(e)) for e, g in exact)
    left = args.rows - sum(counts.values())
    for e, g in sorted(exact, key=lambda t: (-(t[0] - int(t[0])), t[1]))[:left]:
        counts[g] += 1

    lo, hi = stats["instance_id_range"]
    if hi - lo + 1 < args.rows:
        hi = lo + args.rows * 2
    ids = rng.sample(range(lo, hi + 1), args.rows)

    blank_after = min(stats.get("blank_rows_after_genre_blocks", 2), len(order))
    n_blank = args.blank_rows if args.blank_rows is not None \
        else stats.get("blank_rows", 5)

    out = []
    id_pos = 0
    for gi, g in enumerate(order):
        if gi == blank_after:
            out.extend([[""] * len(HEADER)] * n_blank)
        gs = gstats[g]
        low = safe_cholesky(parse_corr(gs["copula_corr_upper"], len(cols)))
        n = counts[g]
        n_artists = max(8, n // 6)
        pool = []
        while len(pool) < n_artists:
            a = invent_artist(rng, g)
            if a not in pool:
                pool.append(a)
        # Zipf-ish popularity of artists, as in the real file
        weights = [1.0 / (i + 1) ** 0.8 for i in range(len(pool))]
        for _ in range(n):
            z = [rng.gauss(0.0, 1.0) for _ in cols]
            y = [sum(low[i][k] * z[k] for k in range(i + 1))
                 for i in range(len(cols))]
            vals = {}
            for c, yi in zip(cols, y):
                u = _ND.cdf(yi)
                x = finish_value(c, inv_cdf(probs, gs["quantiles"][c], u))
                if c not in ("popularity", "duration_ms") \
                        and rng.random() < tails.get(c, 0.0) and x != 0.0:
                    x = nextafter(x, math.inf if rng.random() < 0.5
                                  else -math.inf)
                vals[c] = fmt_float(x)
            if rng.random() < gs["unknown_tempo_p"]:
                vals["tempo"] = UNKNOWN_TEMPO
            if rng.random() < gs["unknown_duration_p"]:
                vals["duration_ms"] = UNKNOWN_DURATION
            key = pick(rng, gs["key_p"])
            mode = "Minor" if rng.random() < gs["minor_p_by_key"][key] \
                else "Major"
            if rng.random() < gs["empty_artist_p"]:
                artist = EMPTY_ARTIST
            else:
                artist = rng.choices(pool, weights)[0]
            title = invent_title(rng, g, pool)
            row = {
                "instance_id": fmt_float(ids[id_pos]),
                "artist_name": artist,
                "track_name": title,
                "key": key,
                "mode": mode,
                "obtained_date": pick(rng, gs["obtained_date_p"]),
                "music_genre": g,
            }
            id_pos += 1
            row.update(vals)
            out.append([row[h] for h in HEADER])
    if blank_after >= len(order):
        out.extend([[""] * len(HEADER)] * n_blank)

    with open(args.output, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        w.writerow(HEADER)
        w.writerows(out)
    print("wrote %s: %d rows + %d blank rows (seed %d)"
          % (args.output, args.rows, n_blank, args.seed), file=sys.stderr)


# ------------------------------------------------------------------- count

def count(args):
    with open(args.csv, encoding="utf-8", newline="") as f:
        rdr = csv.reader(f)
        header = next(rdr)
        rows = list(rdr)
    c = {"rows": len(rows), "blank": 0, "unknown_tempo": 0,
         "unknown_duration": 0, "both_unknown": 0, "empty_artist": 0,
         "quoted_lines": 0, "non_ascii_names": 0, "usable": 0}
    per_genre = {}
    usable_genre = {}
    bad = sum(1 for r in rows if len(r) != len(HEADER))
    for r in rows:
        if not any(r):
            c["blank"] += 1
            continue
        d = dict(zip(header, r))
        t = d["tempo"] == UNKNOWN_TEMPO
        u = float(d["duration_ms"]) == -1.0
        c["unknown_tempo"] += t
        c["unknown_duration"] += u
        c["both_unknown"] += t and u
        c["empty_artist"] += d["artist_name"] == EMPTY_ARTIST
        c["non_ascii_names"] += any(ord(ch) > 127 for ch in
                                    d["artist_name"] + d["track_name"])
        g = d["music_genre"]
        per_genre[g] = per_genre.get(g, 0) + 1
        if not (t or u):
            c["usable"] += 1
            usable_genre[g] = usable_genre.get(g, 0) + 1
    with open(args.csv, encoding="utf-8", newline="") as f:
        c["quoted_lines"] = sum(1 for line in f if '"' in line)
    print("header ok: %s" % (header == HEADER))
    print("rows with wrong field count: %d" % bad)
    for k in ["rows", "blank", "unknown_tempo", "unknown_duration",
              "both_unknown", "usable", "empty_artist", "quoted_lines",
              "non_ascii_names"]:
        print("%-18s %d" % (k, c[k]))
    print("per genre (all non-blank rows / usable rows):")
    for g in sorted(per_genre):
        print("  %-12s %5d %5d" % (g, per_genre[g], usable_genre.get(g, 0)))


def main(argv=None):
    ap = argparse.ArgumentParser(
        description="Measure the real music_genre.csv and generate a "
                    "SYNTHETIC sample in the same format.")
    sub = ap.add_subparsers(dest="cmd", required=True)
    m = sub.add_parser("measure", help="write per-genre statistics (JSON)")
    m.add_argument("real", help="the real music_genre.csv")
    m.add_argument("-o", "--output", default="data/genre_stats.json")
    m.set_defaults(func=measure)
    g = sub.add_parser("generate", help="write a synthetic CSV sample")
    g.add_argument("stats", help="JSON written by 'measure'")
    g.add_argument("-o", "--output", default="data/synthetic_sample.csv")
    g.add_argument("--rows", type=int, default=5000,
                   help="data rows, not counting blank rows (default 5000)")
    g.add_argument("--seed", type=int, default=2026)
    g.add_argument("--blank-rows", type=int, default=None,
                   help="fully blank rows to insert (default: as measured)")
    g.set_defaults(func=generate)
    c = sub.add_parser("count", help="print row counts of a sample/real CSV")
    c.add_argument("csv")
    c.set_defaults(func=count)
    args = ap.parse_args(argv)
    if getattr(args, "rows", 1) < 1:
        ap.error("--rows must be positive")
    args.func(args)


if __name__ == "__main__":
    main()
