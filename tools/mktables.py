#!/usr/bin/env python3
"""mktables.py - write SYNTHETIC look-alikes of other people's genre tables.

genretui is built on one Kaggle file, but users hold other genre tables whose
real files cannot be fetched here.  This script writes stand-ins shaped as
the real files are (the same header, column order, value formats and quirks),
with invented values: every row is SYNTHETIC.  The values are drawn around a
per-genre centre so that a model has something to learn, nothing more; no
figure measured on these files says anything about the real ones.

  mktables.py gtzan30  [-o FILE] [--seed S]   GTZAN features_30_sec.csv:
        1,000 rows: filename (blues.00000.wav), length (661794), 57 librosa
        features (chroma_stft_mean ... mfcc20_var), label (10 genres)
  mktables.py gtzan3   [-o FILE] [--seed S]   GTZAN features_3_sec.csv:
        9,990 rows: filename (blues.00000.0.wav), length (66149), the same
        57 features, label
  mktables.py tracks   [-o FILE] [--seed S] [--rows-per-genre N] [--no-index]
        Spotify "tracks" dataset: an unnamed index column (omitted with
        --no-index), track_id, artists (';'-separated), album_name,
        track_name, popularity, duration_ms, explicit (True/False), the audio
        features, key (0-11), mode (0/1), time_signature, track_genre:
        114 genres of N rows each (default 1,000: 114,000 rows); about a
        fifth of the rows list again a track of an earlier genre (same
        track_id), as tracks under several genres do in the real file
  mktables.py hackathon [-o FILE] [--seed S] [--rows N]
        MachineHack-style file: Artist Name, Track Name, Popularity, audio
        features, "duration_in min/ms", time_signature, Class (0-10), with
        empty cells in Popularity, key and instrumentalness (default 17,996
        rows)

Output is byte-for-byte deterministic for a given kind, size and seed.  Only
the Python 3 standard library is used.
"""

import argparse
import csv
import math
import random
import sys

GTZAN_GENRES = ["blues", "classical", "country", "disco", "hiphop", "jazz",
                "metal", "pop", "reggae", "rock"]

TRACKS_GENRES = """acoustic afrobeat alt-rock alternative ambient anime black-metal
bluegrass blues brazil breakbeat british cantopop chicago-house children chill
classical club comedy country dance dancehall death-metal deep-house
detroit-techno disco disney drum-and-bass dub dubstep edm electro electronic emo
folk forro french funk garage german gospel goth grindcore groove grunge guitar
happy hard-rock hardcore hardstyle heavy-metal hip-hop honky-tonk house idm
indian indie-pop indie industrial iranian j-dance j-idol j-pop j-rock jazz k-pop
kids latin latino malay mandopop metal metalcore minimal-techno mpb new-age opera
pagode party piano pop-film pop power-pop progressive-house psych-rock punk-rock
punk r-n-b reggae reggaeton rock-n-roll rock rockabilly romance sad salsa samba
sertanejo show-tunes singer-songwriter ska sleep songwriter soul spanish study
swedish synth-pop tango techno trance trip-hop turkish world-music""".split()

WORDS = """love night blue fire heart dream city rain gold shadow light river
summer wild echo ghost paper stone sugar velvet neon thunder honey midnight
ocean silver broken electric golden lonely secret sweet""".split()


def gtzan_feature_names():
    """The 57 feature columns of the GTZAN tables, in the files' order."""
    names = []
    for base in ("chroma_stft", "rms", "spectral_centroid", "spectral_bandwidth",
                 "rolloff", "zero_crossing_rate", "harmony", "perceptr"):
        names += [base + "_mean", base + "_var"]
    names.append("tempo")
    for i in range(1, 21):
        names += ["mfcc%d_mean" % i, "mfcc%d_var" % i]
    return names


# Rough (centre, spread) of each GTZAN feature, so the values look like the
# real ones in magnitude; per-genre shifts are added around these.
def gtzan_scale(name):
    table = {
        "chroma_stft_mean": (0.38, 0.08), "chroma_stft_var": (0.085, 0.007),
        "rms_mean": (0.13, 0.06), "rms_var": (0.003, 0.003),
        "spectral_centroid_mean": (2200.0, 700.0),
        "spectral_centroid_var": (470000.0, 400000.0),
        "spectral_bandwidth_mean": (2240.0, 520.0),
        "spectral_bandwidth_var": (140000.0, 95000.0),
        "rolloff_mean": (4570.0, 1570.0), "rolloff_var": (1.8e6, 1.4e6),
        "zero_crossing_rate_mean": (0.10, 0.04),
        "zero_crossing_rate_var": (0.0027, 0.0024),
        "harmony_mean": (-0.0004, 0.008), "harmony_var": (0.012, 0.012),
        "perceptr_mean": (-0.0004, 0.005), "perceptr_var": (0.0057, 0.0077),
        "tempo": (119.6, 28.0),
    }
    if name in table:
        return table[name]
    idx = int(name[4:].split("_")[0])
    if name.endswith("_mean"):
        return (-144.0 if idx == 1 else 100.0 / idx - 8.0, 100.0 / (idx + 1))
    return (3000.0 / idx if idx > 1 else 2900.0, 1500.0 / idx)


def positive(name):
    return name.endswith("_var") or name in (
        "chroma_stft_mean", "rms_mean", "spectral_centroid_mean",
        "spectral_bandwidth_mean", "rolloff_mean", "zero_crossing_rate_mean",
        "tempo")


def gtzan_centres(rng, names):
    """Per genre and feature, a shift in units of the feature's spread."""
    return {g: [rng.gauss(0.0, 0.9) for _ in names] for g in GTZAN_GENRES}


def gtzan_value(rng, name, shift, noise):
    centre, spread = gtzan_scale(name)
    v = centre + spread * (shift + rng.gauss(0.0, noise))
    if positive(name):
        v = abs(v) + spread * 0.01
    return v


def write_gtzan(out, rng, clips, segments, length):
    """Write a GTZAN table: clips per genre, segments per clip."""
    names = gtzan_feature_names()
    centres = gtzan_centres(rng, names)
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["filename", "length"] + names + ["label"])
    for g in GTZAN_GENRES:
        for clip in range(clips):
            # A clip's own offset: the segments of one clip resemble each other.
            own = [rng.gauss(0.0, 0.5) for _ in names]
            for seg in range(segments):
                if segments > 1 and g == "jazz" and clip == 54:
                    continue  # the real 3-second file lacks jazz.00054
                fname = "%s.%05d.%s" % (g, clip,
                                        "wav" if segments == 1 else "%d.wav" % seg)
                vals = [gtzan_value(rng, n, centres[g][i] + own[i], 0.8)
                        for i, n in enumerate(names)]
                w.writerow([fname, length] + [repr(float(v)) for v in vals] + [g])


def track_id(rng):
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    return "".join(rng.choice(alphabet) for _ in range(22))


def title(rng, words):
    t = " ".join(rng.choice(WORDS).capitalize() for _ in range(words))
    r = rng.random()
    if r < 0.04:
        t += ", Pt. %d" % rng.randint(2, 4)      # a comma: the cell is quoted
    elif r < 0.05:
        t += ' (from "%s")' % rng.choice(WORDS).capitalize()
    return t


def artists(rng):
    n = 1 if rng.random() < 0.8 else rng.randint(2, 3)
    return ";".join("SYNTHETIC " + title(rng, 2) for _ in range(n))


def clip01(v):
    return min(1.0, max(0.0, v))


def tracks_row(rng, centre):
    """Audio features of one track around its genre's centre."""
    c = centre
    return {
        "popularity": max(0, min(100, int(rng.gauss(c[0], 18)))),
        "duration_ms": max(8000, int(rng.gauss(c[1], 60000))),
        "explicit": "True" if rng.random() < c[2] else "False",
        "danceability": round(clip01(rng.gauss(c[3], 0.13)), 3),
        "energy": round(clip01(rng.gauss(c[4], 0.18)), 3),
        "key": rng.randint(0, 11),
        "loudness": round(min(4.5, rng.gauss(c[5], 4.0)), 3),
        "mode": 1 if rng.random() < c[6] else 0,
        "speechiness": round(clip01(abs(rng.gauss(c[7], 0.08))), 4),
        "acousticness": float("%.3g" % clip01(abs(rng.gauss(c[8], 0.25)))),
        "instrumentalness": float("%.3g" % clip01(abs(rng.gauss(c[9], 0.2)) ** 2)),
        "liveness": round(clip01(abs(rng.gauss(0.2, 0.15))), 4),
        "valence": round(clip01(rng.gauss(c[10], 0.2)), 4),
        "tempo": round(max(0.0, rng.gauss(c[11], 28.0)), 3),
        "time_signature": rng.choice([4, 4, 4, 4, 4, 4, 3, 3, 5, 1, 0]),
    }


def tracks_centre(rng):
    return [rng.uniform(5, 60), rng.uniform(150000, 300000), rng.uniform(0, 0.4),
            rng.uniform(0.3, 0.8), rng.uniform(0.2, 0.9), rng.uniform(-20, -4),
            rng.uniform(0.4, 0.8), rng.uniform(0.03, 0.2), rng.uniform(0, 0.9),
            rng.uniform(0, 0.8), rng.uniform(0.2, 0.7), rng.uniform(95, 140)]


TRACKS_COLUMNS = ["track_id", "artists", "album_name", "track_name", "popularity",
                  "duration_ms", "explicit", "danceability", "energy", "key",
                  "loudness", "mode", "speechiness", "acousticness",
                  "instrumentalness", "liveness", "valence", "tempo",
                  "time_signature", "track_genre"]


def write_tracks(out, rng, per_genre, index):
    """Write the tracks table: per_genre rows for each genre.  As in the real
    file, about a fifth of the rows list a track already listed under an
    earlier genre (the same track_id, names and features, another
    track_genre)."""
    w = csv.writer(out, lineterminator="\n")
    w.writerow(([""] if index else []) + TRACKS_COLUMNS)
    seen = []
    i = 0
    for g in TRACKS_GENRES:
        centre = tracks_centre(rng)
        for _ in range(per_genre):
            if seen and rng.random() < 0.21:
                row = rng.choice(seen)
            else:
                f = tracks_row(rng, centre)
                names = [artists(rng), title(rng, rng.randint(1, 3)),
                         title(rng, rng.randint(1, 4))]
                if i == per_genre * 57 + 900:
                    names = ["", "", ""]          # the real file has one nameless row
                row = [track_id(rng)] + names + [f[c] for c in TRACKS_COLUMNS[4:19]]
                seen.append(row)
            w.writerow(([i] if index else []) + row + [g])
            i += 1


HACK_COLUMNS = ["Artist Name", "Track Name", "Popularity", "danceability", "energy",
                "key", "loudness", "mode", "speechiness", "acousticness",
                "instrumentalness", "liveness", "valence", "tempo",
                "duration_in min/ms", "time_signature", "Class"]


def hack_row(rng, cls, centre):
    f = tracks_row(rng, centre)
    dur = f["duration_ms"] if rng.random() < 0.9 else round(f["duration_ms"] / 60000.0, 2)
    pop = "" if rng.random() < 0.024 else float(f["popularity"])
    key = "" if rng.random() < 0.112 else float(rng.randint(1, 11))
    instr = "" if rng.random() < 0.243 else f["instrumentalness"]
    return ["SYNTHETIC " + title(rng, 2), title(rng, rng.randint(1, 4)), pop,
            f["danceability"], f["energy"], key, f["loudness"], f["mode"],
            f["speechiness"], f["acousticness"], instr, f["liveness"], f["valence"],
            f["tempo"], float(dur), f["time_signature"] or 4, cls]


def write_hackathon(out, rng, rows):
    w = csv.writer(out, lineterminator="\n")
    w.writerow(HACK_COLUMNS)
    centres = [tracks_centre(rng) for _ in range(11)]
    # Unequal classes, as in the real file (class 10 is the largest).
    weights = [4, 9, 8, 3, 2, 8, 16, 3, 10, 16, 26]
    for _ in range(rows):
        cls = rng.choices(range(11), weights)[0]
        w.writerow(hack_row(rng, cls, centres[cls]))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("kind", choices=["gtzan30", "gtzan3", "tracks", "hackathon"])
    ap.add_argument("-o", "--output", help="file to write (default: standard output)")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--rows-per-genre", type=int, default=1000)
    ap.add_argument("--rows", type=int, default=17996)
    ap.add_argument("--no-index", action="store_true")
    ap.add_argument("--clips", type=int, default=100,
                    help="GTZAN clips per genre (default 100, as the real tables)")
    a = ap.parse_args()
    rng = random.Random("%s:%d" % (a.kind, a.seed))
    out = open(a.output, "w", newline="", encoding="utf-8") if a.output else sys.stdout
    if a.kind == "gtzan30":
        write_gtzan(out, rng, a.clips, 1, 661794)
    elif a.kind == "gtzan3":
        write_gtzan(out, rng, a.clips, 10, 66149)
    elif a.kind == "tracks":
        write_tracks(out, rng, a.rows_per_genre, not a.no_index)
    else:
        write_hackathon(out, rng, a.rows)
    if a.output:
        out.close()


if __name__ == "__main__":
    assert len(TRACKS_GENRES) == 114, len(TRACKS_GENRES)
    assert len(gtzan_feature_names()) == 57
    main()
