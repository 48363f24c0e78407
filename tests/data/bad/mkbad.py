#!/usr/bin/env python3
"""mkbad.py: write the bad-input corpus of tests/data/bad (see README.md).

The files are committed; this script says how they were made and remakes
them byte for byte: python3 mkbad.py (in this directory)."""

COLS = ["instance_id", "artist_name", "track_name", "popularity", "acousticness",
        "danceability", "duration_ms", "energy", "instrumentalness", "key",
        "liveness", "loudness", "mode", "speechiness", "tempo", "obtained_date",
        "valence", "music_genre"]
HEADER = ",".join(COLS)
GENRES = ["Electronic", "Anime", "Jazz", "Alternative", "Country", "Rap", "Blues",
          "Rock", "Classical", "Hip-Hop"]
KEYS = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"]


def row(i, **over):
    """A kept row (id i) in header order; keyword arguments replace cells."""
    cells = {
        "instance_id": "%d.0" % i, "artist_name": "Artist %d" % i,
        "track_name": "Track %d" % i, "popularity": "%d.0" % (20 + i % 60),
        "acousticness": "0.%02d" % (i % 97 + 1), "danceability": "0.6",
        "duration_ms": "%d.0" % (180000 + 1000 * i), "energy": "0.7",
        "instrumentalness": "0.001", "key": KEYS[i % 12], "liveness": "0.12",
        "loudness": "-6.5", "mode": "Minor" if i % 2 else "Major",
        "speechiness": "0.05", "tempo": "%d.5" % (90 + i), "obtained_date": "4-Apr",
        "valence": "0.4", "music_genre": GENRES[i % 10],
    }
    cells.update(over)
    return ",".join(cells[c] for c in COLS)


def rows(n, start=1, **over):
    return [row(i, **over) for i in range(start, start + n)]


def text(lines, nl="\n"):
    return (nl.join(lines) + nl).encode("utf-8", "surrogateescape")


def write(name, data):
    with open(name, "wb") as f:
        f.write(data)


def reordered():
    order = list(reversed(COLS))
    out = [",".join(order)]
    for r in rows(4):
        cells = dict(zip(COLS, r.split(",")))
        out.append(",".join(cells[c] for c in order))
    return text(out)


def main():
    write("empty.csv", b"")
    write("blank_lines.csv", b"\n \r\n\t\n")
    write("header_only.csv", text([HEADER]))
    write("missing_columns.csv", text([",".join(c for c in COLS if c not in
                                               ("key", "tempo", "valence"))]))
    write("renamed_columns.csv", text([HEADER.replace("danceability", "Danceability")
                                       .replace("tempo", "tem\x1bpo")] + rows(2)))
    write("duplicated_column.csv", text([HEADER + ",energy"] + rows(2)))
    write("extra_columns.csv", text(["comment," + HEADER + ",extra"] +
                                    ["c%d,%s,x" % (i, r) for i, r in enumerate(rows(4))]))
    write("reordered_columns.csv", reordered())
    write("crlf.csv", text([HEADER] + rows(4), "\r\n"))
    write("bom.csv", b"\xef\xbb\xbf" + text([HEADER] + rows(4)))
    write("unterminated_quote.csv", text([HEADER] + rows(2)) +
          b'3.0,Artist 3,"Never closed,27.0,0.1\n4.0,Artist 4,Track 4\n')
    write("stray_quote.csv", text([HEADER, row(1), row(2, track_name='Say "Hi"')]))
    write("quoted_newline.csv", text([HEADER, row(1, track_name='"Two\nlines"'),
                                      row(2, track_name='"A ""quoted"", comma"'),
                                      row(3, tempo="abc"), row(4)]))
    write("field_count.csv", text([HEADER, row(1), "2.0,Artist 2,Track 2,27.0",
                                   row(3) + ",surplus,more", row(4), row(5)]))
    write("not_numbers.csv", text([HEADER, row(1), row(2, tempo="abc"),
                                   row(3, popularity="'27'"), row(4, loudness='"-6,5"'),
                                   row(5, energy="0x1p-1"),
                                   row(6, valence=" 0.4"),   # kept: libcsv trims blanks
                                   row(7), row(8)]))
    write("nan_inf.csv", text([HEADER, row(1), row(2, danceability="nan"),
                               row(3, loudness="-inf"), row(4, tempo="inf"),
                               row(5, acousticness="1e999"), row(6, energy="NaN"),
                               row(7)]))
    write("out_of_range.csv", text([HEADER, row(1), row(2, danceability="7"),
                                    row(3, popularity="101"), row(4, duration_ms="0"),
                                    row(5, tempo="-3"), row(6, energy="-0.1"),
                                    row(7, valence="1.0000001"), row(8)]))
    write("unknown_key_mode.csv", text([HEADER, row(1), row(2, key="H"),
                                        row(3, mode="Dorian"), row(4, key=""),
                                        row(5, mode=""), row(6, key="c#"),
                                        row(7, mode="MAJOR"), row(8)]))
    write("unknown_genre.csv", text([HEADER, row(1), row(2, music_genre="Polka"),
                                     row(3, music_genre=""), row(4, music_genre="hip hop"),
                                     row(5, music_genre="Rock\x1b[2J"), row(6)]))
    write("invalid_utf8.csv", text([HEADER, row(1, artist_name="\udcff\udcfe",
                                                track_name="caf\udce9"),
                                    row(2, artist_name="Bj\udcc3rk"), row(3), row(4)]))
    write("control_chars.csv", text([HEADER,
        row(1, artist_name="\x1b[31mRED\x1b[0m", track_name="\x1b]0;pwned\x07Title"),
        row(2, artist_name="Bell\x07Ringer", track_name='"Tab\there\rCR"'),
        row(3, artist_name="\u009b31mCSI", track_name="back\\slash"),
        row(4, artist_name="Del\x7fete", track_name="\x1b[2J\x1b[HClear")]))
    write("all_dropped.csv", text([HEADER, row(1, danceability="7"),
                                   "2.0,Artist 2,Track 2", ",,,,,,,,,,,,,,,,,",
                                   row(4, energy=""), row(5, key="H"),
                                   row(6, duration_ms="-1.0", tempo="?")]))
    write("one_row.csv", text([HEADER, row(1)]))
    write("one_kept.csv", text([HEADER, row(1), row(2, tempo="?"), row(3, key="H")]))
    write("fewer_than_batch.csv", text([HEADER] + rows(5)))
    write("single_genre.csv", text([HEADER] + rows(30, music_genre="Rock")))
    # genres of their own (not the study's ten): usable, too many, one only
    write("own_genres.csv", text([HEADER] + [row(i, music_genre=g) for i, g in
                                            enumerate(["polka", "salsa", "Rock", "polka",
                                                       "salsa", "polka"], 1)]))
    write("many_genres.csv", text([HEADER] + [row(i, music_genre="g%03d" % (257 - i))
                                              for i in range(1, 258)]))
    write("one_own_genre.csv", text([HEADER] + rows(5, music_genre="polka")))
    write("binary.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" +
          bytes(range(256)))
    write("nul_in_row.csv", text([HEADER, row(1)]) + b"2.0,Artist 2,Tr\x00ck 2\n")
    write("utf16.csv", b"\xff\xfe" + (HEADER + "\n" + row(1) + "\n").encode("utf-16-le"))


if __name__ == "__main__":
    main()
