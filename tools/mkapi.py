#!/usr/bin/env python3
"""mkapi.py - write tests/data/spotify_api_synthetic.csv, a SMALL SYNTHETIC
file shaped like Spotify Web API exports (e.g. the "Spotify Tracks Dataset"
layout), not like the study's Kaggle file; with --own-genres,
tests/data/spotify_api_own_genres.csv, the same layout with twelve genres
that are not the study's.

Every value is drawn from a seeded random generator around made-up per-genre
centres; artist, album and track names are invented ("Artist 17", "Track
203"), track ids are random hex. No row comes from the real data set, or from
any real track.

What differs from the study's file, on purpose:
  * columns renamed and reordered: track_genre (the label), artists,
    duration (milliseconds), track_id; no instance_id and no obtained_date;
  * extra columns: an unnamed index first (as pandas writes it), album_name,
    explicit (True/False), time_signature;
  * key as the API's integer pitch class 0..11, with -1 (no key detected) in
    a few rows; mode as 1 (major) / 0 (minor);
  * integer popularity and duration, genres in lower case ("hip-hop").

The --own-genres file has 20 rows of each of OWN_GENRES (names as a file of
other genres would spell them: lower case, a comma inside one, which CSV
quotes, a non-ASCII letter) and no unknown key.

genretui reads both with
  --map music_genre=track_genre,artist_name=artists,duration_ms=duration,instance_id=track_id

Usage: python3 tools/mkapi.py [-o tests/data/spotify_api_synthetic.csv]
       python3 tools/mkapi.py --own-genres [-o tests/data/spotify_api_own_genres.csv]
The output is byte-for-byte deterministic (seeds 6 and 7).
"""

import argparse
import csv
import random

GENRES = ["electronic", "anime", "jazz", "alternative", "country", "rap",
          "blues", "rock", "classical", "hip-hop"]
HEADER = ["", "track_id", "artists", "album_name", "track_name", "popularity",
          "duration", "explicit", "danceability", "energy", "key", "loudness",
          "mode", "speechiness", "acousticness", "instrumentalness", "liveness",
          "valence", "tempo", "time_signature", "track_genre"]
OWN_GENRES = ["k-pop", "salsa", "techno", "drum, bass", "forr\u00f3", "bossa nova",
              "metal", "reggae", "ambient", "disco", "grunge", "bluegrass"]
ROWS_PER_GENRE = 30
UNKNOWN_KEYS = 3          # rows with key -1, spread over the file


def clip(v, lo=0.0, hi=1.0):
    return min(hi, max(lo, v))


def centre(rng):
    """A made-up centre per genre for the features that carry the signal."""
    return {
        "danceability": rng.uniform(0.3, 0.8), "energy": rng.uniform(0.2, 0.9),
        "acousticness": rng.uniform(0.05, 0.9), "speechiness": rng.uniform(0.03, 0.3),
        "instrumentalness": rng.uniform(0.0, 0.7), "valence": rng.uniform(0.2, 0.8),
        "loudness": rng.uniform(-18.0, -4.0), "tempo": rng.uniform(85.0, 150.0),
        "popularity": rng.uniform(20.0, 60.0),
    }


def row(rng, i, genre, c, key):
    g = lambda k, sd: c[k] + rng.gauss(0.0, sd)
    return [
        str(i), "%022x" % rng.getrandbits(88), "Artist %d" % rng.randrange(1, 120),
        "Album %d" % rng.randrange(1, 80), "Track %d" % (i + 1),
        str(int(clip(g("popularity", 12.0), 0, 100))),
        str(rng.randrange(90000, 420000)), rng.choice(["False", "False", "True"]),
        "%.3f" % clip(g("danceability", 0.1)), "%.3f" % clip(g("energy", 0.12)),
        str(key), "%.3f" % min(g("loudness", 2.5), -0.5), str(rng.randrange(2)),
        "%.4f" % clip(g("speechiness", 0.04), 0.02, 0.95),
        "%.4f" % clip(g("acousticness", 0.12)),
        "%.4g" % clip(g("instrumentalness", 0.1)),
        "%.4f" % clip(rng.gauss(0.18, 0.08), 0.02, 0.99),
        "%.3f" % clip(g("valence", 0.12)), "%.3f" % max(g("tempo", 12.0), 40.0),
        rng.choice(["4", "4", "4", "3"]), genre,
    ]


def write(out, rng, genres, per_genre, unknown_keys):
    centres = {g: centre(rng) for g in genres}
    n = per_genre * len(genres)
    unknown = set(rng.sample(range(n), unknown_keys))
    order = [g for g in genres for _ in range(per_genre)]
    rng.shuffle(order)
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEADER)
        for i, genre in enumerate(order):
            key = -1 if i in unknown else rng.randrange(12)
            w.writerow(row(rng, i, genre, centres[genre], key))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--own-genres", action="store_true",
                    help="twelve genres that are not the study's")
    ap.add_argument("-o", "--output")
    a = ap.parse_args()
    if a.own_genres:
        write(a.output or "tests/data/spotify_api_own_genres.csv", random.Random(7),
              OWN_GENRES, 20, 0)
    else:
        write(a.output or "tests/data/spotify_api_synthetic.csv", random.Random(6),
              GENRES, ROWS_PER_GENRE, UNKNOWN_KEYS)


if __name__ == "__main__":
    main()
