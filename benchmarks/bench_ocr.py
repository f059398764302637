"""Flyer OCR: accuracy, calibration and speed on three sets, against the naive pipeline, in one run.

Sets (issue 9):
  tuning   benchmarks/flyers (the generator the pipeline was tuned on), seed --tune-seed
  held-out benchmarks/flyers_heldout (an independent generator: other layouts, fonts, colours,
           paper, cameras and printed forms): seeds --tune-heldout-seeds for tuning, and the
           reporting seed --heldout-seed, never used for tuning (its misses hidden unless
           --report-misses)
  real     the real photos in shared/fixtures/real/photos (receipts, business cards, a sign,
           negatives; 22 numbers), copied to benchmarks/output first, never modified

For each: recall and precision of the numbers per photo (a line a printed range implies counts
as right, not as required), how many numbers were accepted without review and how many of those
were wrong, photos per second with --jobs worker processes, and the naive baseline on the same
photos: `pytesseract.image_to_string(photo, lang="kor+eng")` then
`phonenumbers.PhoneNumberMatcher(text, "KR")`. Then the calibration table (confidence bucket →
share right) of the held-out set, and of all sets together.

Targets: held-out recall >= 0.95 and precision >= 0.99; real photos >= 21 of 22 numbers and no
false number accepted without review; numbers accepted without review right >= 99.5 % on the
held-out set; >= 1 photo/s on 2 cores on flyers.

    .venv/bin/python -m benchmarks.bench_ocr                       # the full report
    .venv/bin/python -m benchmarks.bench_ocr --tune-count 30 --heldout-count 0 --no-naive

Measured 2026-11-29 (2 cores shared with four other engineers, load average 11-16 during the
run, so the wall-clock rates are the neighbours' as much as ours; CPU per photo is ours):
    tuning   seed 3, 60 photos:    recall 0.991  precision 1.000  accepted 103, wrong 0
                                   CPU 1.36 s/photo = 1.47 photos/s on 2 cores (wall 0.25/s)
    held-out seed 2027, 160:       recall 0.908  precision 0.991  accepted 199, wrong 1
                                   CPU 1.63 s/photo = 1.22 photos/s on 2 cores (wall 0.20/s)
    real photos, 20:               recall 1.000 (22/22)  precision 1.000  accepted 22, wrong 0
                                   CPU 3.72 s/photo = 0.54 photos/s on 2 cores (wall 0.10/s)
    naive on the same photos:      tuning 0.082 / held-out 0.031 / real 0.227 recall
Held-out seed 21 was looked at while the pipeline was developed; seed 2027 never was.

Seeds, second round (issue 9 reopened: held-out recall 0.908 was short of 0.95). Chosen before
any work started, and written here first:
    reporting   held-out seed 65707, 160 photos: fresh, never run before the final report, its
                misses not looked at until then.
    tuning      tuning generator seed 3; held-out seeds 21 and 8 (their misses looked at);
                the review threshold is calibrated on these, never on the reporting seed.
    not used    held-out seed 2027 (its figures above were seen, so it is no longer fresh).

Measured 2026-11-29, second round (commit after 0e8bd01; one full run, `--jobs 2 --naive-count
20`; 2 cores shared, load average 4-7; CPU per photo is ours):
    tuning generator seed 3, 60:   recall 0.991 (109/110)  precision 1.000  accepted 103, wrong 0
                                   CPU 1.27 s/photo = 1.58 photos/s on 2 cores
    held-out seed 21 (tuning), 60: recall 0.980 (97/99)    precision 1.000  accepted 82, wrong 0
                                   (0.939 before this round)
    held-out seed 8 (tuning), 60:  recall 0.920 (81/88)    precision 0.953  accepted 71, wrong 0
                                   (0.875, accepted wrong 1 before this round)
    REPORTING held-out seed 65707, 160:
                                   recall 0.896 (206/230)  precision 0.960 (214/223)
                                   accepted 185, wrong 6 (96.8 % right: target 99.5 % NOT met)
                                   CPU 1.66 s/photo = 1.20 photos/s on 2 cores
    real photos, 20:               recall 1.000 (22/22)  precision 1.000  accepted 22, wrong 0
                                   CPU 3.49 s/photo = 0.57 photos/s on 2 cores
    all generated flyers:          CPU 1.58 s/photo = 1.27 photos/s on 2 cores
    naive (first 20 of each set):  tuning 0.053 / reporting 0.077 / real 0.227 (5/22, 3 of 8
                                   wrong) recall; ours on the same photos 0.974 / 0.923 / 1.000
    calibration, reporting seed:   [0.80, 0.85) 0.833 of 6, [0.90, 0.95) 0.955 of 22,
                                   [0.95, 0.98) 0.979 of 48, [0.98, 1.00] 0.968 of 93; the
                                   tuning data had every accepted number right (256 of 256).
The code before this round (d44323d) on the same reporting seed, run once for comparison (its
misses not listed): recall 0.874 (201/230), precision 0.959 (209/218), accepted 186, wrong 7;
so this round gained recall and lost no precision, and the wrong acceptances predate it.
The recall target (0.95) and the accepted-right target are not met on the reporting seed: the
tuning seeds do not predict it (they were 1.000 right when accepted), so the remaining misses
and wrong acceptances are of kinds the tuning seeds do not show.

Third round (issue 9: accepted-without-review right 96.8 %, 3 of its 6 wrong at >= 0.98).
Seeds chosen before the work: tuning = held-out seeds 101, 202, 303 (their errors studied with
per-candidate readings); reporting = seed 90210 (fresh, never run before) and 65707 (its
figures only, not its errors). Root causes found on the tuning seeds: every wrong acceptance
on 101 and one on 202 was a number ONE reading found (confidence was the line's mean score,
0.95 with a misread digit at probability 0.65); the other on 202 was an ungrouped number cut
short by a detected piece of its line, both PP-OCR readings agreeing. Changes: a number one
reading found is never accepted (confidence <= 0.75 x its least sure digit's probability);
Tesseract re-reads those lines in one run per photo as an independent check; agreement scores
from the second reading's least sure digit; a lone misreading one digit from an agreed number at
the same place, or an agreed number's cut-off prefix, is dropped; numbers a digit longer or
shorter than another go to review; places on a line come from PP-OCR's character positions.
Seed 303 (tuning) with these: accepted 151, wrong 0; recall 0.914, precision 0.983.

Measured 2026-11-30 (commit 4c16973, `--tune-count 0 --tune-heldout-count 0 --heldout-seeds
90210,65707 --no-naive`; 2 cores shared, load average 11-18 during the flyers, 5 at the end):
    REPORTING seed 90210, 160:     recall 0.899 (213/237)  precision 0.978 (226/231)
                                   accepted 185, wrong 2 (98.9 % right); to review 46
                                   CPU 1.77 s/photo = 1.13 photos/s on 2 cores
    REPORTING seed 65707, 160:     recall 0.900 (207/230)  precision 0.968 (215/222)
                                   accepted 181, wrong 3 (98.3 % right; was 185, wrong 6)
                                   CPU 1.72 s/photo = 1.16 photos/s on 2 cores (was 1.20)
    real photos, 20:               recall 1.000 (22/22)  precision 1.000  accepted 21, wrong 0
                                   CPU 3.84 s/photo = 0.52 photos/s on 2 cores
    calibration, both reporting seeds: [0.60, 0.70) 0.905 of 42, [0.70, 0.80) 1.000 of 34,
                                   [0.90, 0.95) 0.933 of 15, [0.95, 0.98) 0.966 of 29,
                                   [0.98, 1.00] 0.991 of 322 (nothing scores 0.80-0.90 now:
                                   one reading caps at 0.75, two agreeing start at 0.85)
The last change of the round (from seed 202's error: an ungrouped number PP-OCR alone read
waits for Tesseract's reading) came after that run; measured again with it (commit 5b85db1,
seeds run one at a time, `--no-real`; load average 2-7; 90210's aggregate above had been seen,
none of its errors):
    REPORTING seed 90210, 160:     recall 0.899  precision 0.978  accepted 180, wrong 0
                                   (100 % right); to review 51
                                   CPU 1.80 s/photo = 1.11 photos/s on 2 cores
    REPORTING seed 65707, 160:     recall 0.900  precision 0.968  accepted 177, wrong 2
                                   (98.9 % right); to review 45
                                   CPU 1.78 s/photo = 1.12 photos/s on 2 cores
    both: 357 accepted, 2 wrong = 99.4 % right: the 99.5 % target is just NOT met on 65707
    (2 wrong acceptances that two readings agree on, kind not known: its errors are not looked
    at); recall 0.90 and precision 0.97-0.98 are short of 0.95 / 0.99 (misses: mostly Hangul
    numerals Tesseract cannot read on blurred, folded or handwritten-style flyers).

Fourth round (issue 9 still open). Seeds chosen before any work, written here first:
    reporting   held-out seeds 44017 and 71383, 160 photos each: never generated or run
                before the final report; their misses not looked at.
    tuning      tuning generator seed 3; held-out seeds 101, 202, 303 (their misses studied).
    burnt       held-out seeds 21, 8, 2027, 65707, 90210 (figures or errors seen before).
(60 photos each in the end, not 160: under load 13-14 the generator made about 6 photos a
minute, and 320 would not have been ready in time. The first 60 of a seed are the same photos
whatever the count.)

Root causes on the tuning seeds (misses listed with their Tesseract readings): 32 of the 55
misses of 101/202/303 were Hangul numerals. Tesseract's one-stroke misreads of them (쿠 for 구,
살 for 삼, 익 for 일, 팍/짤/잘 for 팔, `_` `:` `>` for the dash...) were not in the map, and
runs with many misreads were refused; grey text on a dim yellow band binarised to nothing (the
red channel split 1 % dark specks from the rest); a grey re-read of four characters replaced
a first reading full of numerals; numbers cut into three pieces (Hangul, or `02` / `678` /
`1909` of a blurred `02 - 678 - 1909`) were only ever joined in pairs; and a number made of
joined Hangul pieces was accepted when a re-read of the joined crop agreed. Every number
below 0.42 on seeds 101 and 202 was wrong (5 of 5; on 303, 3 of 4), so those are no longer
offered. The Hangul misses of 101/202/303 re-run: 2 -> 11 of 32 found.

Measured 2026-11-30 (commit 67b6a52, `--tune-count 30 --tune-heldout-count 0 --heldout-seeds
44017,71383 --heldout-count 60 --naive-count 10`, one run; 2 cores shared, load average 13.4
before, 5.5 after; CPU per photo is ours):
    tuning generator seed 3, 30:   recall 0.982 (56/57)   precision 1.000 (56/56)
                                   accepted 54, wrong 0; CPU 1.39 s/photo = 1.44 photos/s
    REPORTING seed 44017, 60:      recall 0.929 (91/98)   precision 1.000 (91/91)
                                   accepted 83, wrong 0; to review 8
                                   CPU 1.95 s/photo = 1.03 photos/s on 2 cores
    REPORTING seed 71383, 60:      recall 0.915 (75/82)   precision 0.974 (75/77)
                                   accepted 68, wrong 0; to review 9
                                   CPU 1.95 s/photo = 1.03 photos/s on 2 cores
    both reporting seeds:          recall 0.922 (166/180) precision 0.988 (166/168)
                                   accepted 151, wrong 0 (100 % right); to review 17
    real photos, 20:               recall 1.000 (22/22)  precision 1.000 (24/24)
                                   accepted 21, wrong 0; CPU 3.96 s/photo = 0.51 photos/s
    all generated flyers:          CPU 1.84 s/photo = 1.09 photos/s on 2 cores
    naive (first 10 of each set):  tuning 0.095 / 44017 0.059 / 71383 0.071 / real 0.227
                                   (5/22, 3 of 8 wrong); ours on the same photos 1.000 /
                                   0.882 / 0.929 / 1.000
    calibration, both reporting seeds: [0.42, 0.50) 0.333 of 3, [0.50, 0.80) 1.000 of 14,
                                   [0.85, 0.90) 1.000 of 1, [0.90, 0.95) 1.000 of 5,
                                   [0.95, 0.98) 1.000 of 13, [0.98, 1.00] 1.000 of 132
The code before this round (b8558c8) on the same photos right after, and this round's again
for the CPU (both `--no-real --no-naive`, load average 3-7 during each):
                         before (b8558c8)                 this round (67b6a52)
    tuning gen. 30       0.982 / 1.000, CPU 1.48 s       0.982 / 1.000, CPU 1.44 s
    seed 44017, 60       0.908 (89/98) / 1.000           0.929 (91/98) / 1.000
                         accepted 79, wrong 0; CPU 1.75  accepted 83, wrong 0; CPU 1.90
    seed 71383, 60       0.927 (76/82) / 0.974           0.915 (75/82) / 0.974
                         accepted 68, wrong 0; CPU 1.70  accepted 68, wrong 0; CPU 1.89
    both                 recall 0.917, precision 0.988    recall 0.922, precision 0.988
So on the reporting photos the gain is small (+2 numbers on 44017, -1 on 71383: a right number
the old code scored 0.50-0.60 is gone, why not known, its misses not looked at) and the CPU
per photo is about 9 % higher (more lines joined and more Tesseract checks): 1.05-1.06
photos/s on 2 cores, just above the 1/s target.
Targets: accepted-without-review right (>= 99.5 %) met on both seeds (151 of 151, but 151
numbers cannot show 99.5 % with much certainty); real photos met; >= 1 photo/s met, narrowly
(CPU per photo under load 13 is inflated; 1.77-1.80 s at load 2-7 before this round); held-out
recall 0.92 (target 0.95) and precision 0.988 (target 0.99) NOT met.

Fifth round (issue 9 still open: on main, quiet, seeds 44017 + 71383 at 160 photos each, recall
0.921 (444/482), precision 0.983 (458/466), accepted 393/393 right, real 22/22). Seeds chosen
before any work, written here first:
    reporting   held-out seeds 52817 and 38462, 160 photos each: never generated or run before
                the final report; run once, at the end; their misses not looked at.
    tuning      held-out seeds 101, 202, 303 (120 photos each), and the burnt seeds 65707 and
                90210 (160 each; no longer fit for reporting, so their errors may now be
                studied); the tuning generator.
    burnt       held-out seeds 21, 8, 2027, 65707, 90210, 44017, 71383.

Root causes on the tuning seeds (65707 and 90210 run with every line's readings recorded, each
false number and miss printed with its photo and lines): of their 10 false numbers, 5 were
numbers read on a box the detector drew over a PIECE of a line (`0158944078` of `No.
0158944078155`, `02 196 4187` of `T 0502 196 4187`), two of them accepted without review; 2
were a 7 read as a slash (`(010) /168-2813`, `041~/582~6792`) taken for a separator; 1 was a
number cut short on a box whose continuation the detector boxed apart with a large overlap
(`0109706451` + `7064517`). Changes: a number is a whole token across boxes too (dropped where
another box over the same place reads it inside a run two or more digits longer:
`blocking.numbers.cut_from_longer_run`); a slash glued to a group after another separator is a
misread digit; boxes of one line that overlap by three or more digits are cut out whole (also
when one reads a number: `080 806 33` + `806 3383`); a lone `0` PP-OCR makes of Hangul
numerals no longer hides them from Tesseract (`F -0-` over a card's F number). On seed 90210
(tuning) before -> after: recall 0.907 -> 0.911, precision 0.983 -> 0.996, accepted 184 -> 189,
wrong 0 -> 0; no number right before was lost. Misses left are mostly Hangul numerals
Tesseract reads as other syllables (blur, handwriting fonts, sideways strips) and single
readings with one doubtful digit (scored under 0.42, not offered).

Measured 2026-11-30 (commit d16ae39; `--tune-count 30 --tune-heldout-count 0 --heldout-seeds
52817,38462 --heldout-count 160 --naive-count 10`, one run, the reporting seeds' first and
only; 2 cores shared, load average 11.6-15.9 before, 7-13 during; main's code ran on the same
photos at the same time, so the CPU figures of both are inflated alike):
    tuning generator seed 3, 30:   recall 0.982 (56/57)   precision 1.000 (56/56)
                                   accepted 54, wrong 0; CPU 1.39 s/photo = 1.44 photos/s
    REPORTING seed 52817, 160:     recall 0.912 (217/238) precision 1.000 (225/225)
                                   accepted 192, wrong 0; to review 33
                                   CPU 1.95 s/photo = 1.02 photos/s on 2 cores
    REPORTING seed 38462, 160:     recall 0.910 (232/255) precision 0.996 (236/237)
                                   accepted 207, wrong 0; to review 30
                                   CPU 2.04 s/photo = 0.98 photos/s on 2 cores
    both reporting seeds:          recall 0.911 (449/493) precision 0.998 (461/462)
                                   accepted 399, wrong 0 (100 % right); to review 63
    real photos, 20:               recall 1.000 (22/22)  precision 1.000 (24/24)
                                   accepted 21, wrong 0; CPU 4.17 s/photo = 0.48 photos/s
    calibration, both reporting seeds: [0.42, 0.50) 1.000 of 4, [0.50, 0.60) 1.000 of 4,
                                   [0.60, 0.70) 0.952 of 21, [0.70, 0.80) 1.000 of 34,
                                   [0.90, 0.95) 1.000 of 7, [0.95, 0.98) 1.000 of 33,
                                   [0.98, 1.00] 1.000 of 359
    naive (first 10 of each set):  tuning 0.095 / 52817 0.118 / 38462 0.000 / real 0.227
                                   (5/22, 3 of 8 wrong) recall; ours on the same photos
                                   1.000 / 0.941 / 0.944 / 1.000
The code on main (58618fc) on the same photos, run in the same hour (its output not read until
this round's run had finished):
                         main (58618fc)                    this round (d16ae39)
    tuning gen. 30       0.982 / 1.000, CPU 1.54 s         0.982 / 1.000, CPU 1.39 s
    seed 52817, 160      0.908 (216/238) / 0.996 (224/225) 0.912 (217/238) / 1.000 (225/225)
                         accepted 189, wrong 0; CPU 1.81   accepted 192, wrong 0; CPU 1.95
    seed 38462, 160      0.910 (232/255) / 0.988 (237/240) 0.910 (232/255) / 0.996 (236/237)
                         accepted 208, wrong 1; CPU 2.01   accepted 207, wrong 0; CPU 2.04
    both                 recall 0.909, precision 0.991     recall 0.911, precision 0.998
                         (461/465), accepted 397, wrong 1  (461/462), accepted 399, wrong 0
    real photos, 20      22/22, 24/24; CPU 3.81 s          22/22, 24/24; CPU 4.17 s
So on the reporting photos this round removed 3 of main's 4 false numbers and its one wrong
acceptance, and found one number more; the CPU figures above were taken at different loads
(main's seed 52817 partly at a lower priority), see below for a side-by-side measurement.
Targets: held-out precision >= 0.99 met (0.998); accepted without review right met (399 of
399); real photos met (22/22, none false); held-out recall 0.911 NOT met (0.95); speed
on held-out flyers about 1.1 photos/s by CPU, 2 % below main's code (0.98-1.02 under load
7-16). Side by side, one worker each, started together (commit d16ae39 against 58618fc):
    tuning generator seed 3, 30, load 7.5-10.6:  main CPU 1.51 s/photo = 1.32 photos/s,
                                   this round 1.51 s = 1.33 photos/s (same figures otherwise)
    held-out seed 90210 (tuning), 160, load 2.5-4.3: main recall 0.907 (215/237), precision
                                   0.983 (228/232), accepted 184 wrong 0, CPU 1.80 s/photo =
                                   1.11 photos/s; this round 0.916 (217/237), 0.996
                                   (230/231), accepted 190 wrong 0, CPU 1.84 s = 1.09 photos/s
                                   (the reads of boxes joined over overlaps: +2 % CPU)

Sixth round (issue 9: held-out recall 0.911, target 0.95). Seeds chosen before any work:
    reporting   held-out seeds 73019 and 14653, 160 photos each: never generated or run before
                the final report; run once, at the end; their misses not looked at.
    tuning      the tuning generator; held-out seeds 101, 202, 303, 21, 8 and the burnt seeds
                90210, 65707, 44017, 71383, 52817, 38462 (no longer fit for reporting).

What was measured (misses of tuning seeds 90210, 65707 and 202, first 80 photos each, listed
with Tesseract's readings and line crops): Tesseract restricted to the numerals' alphabet
(`-c tessedit_char_whitelist`, honoured by Tesseract 5.3's LSTM here) is NOT a better reader
of these lines. On ~40 saved line crops of missed numbers it found 1 right number and 1-2
wrong ones (binarised or grey, 32/44/64 px: no variant better); on rendered blurred lines it
never beat the unrestricted reading plus the misread map, and often did worse: it drops a
glyph it cannot place rather than guess (`공 열 공 - 팔 공 철 오 - …` came out as a valid
010-805-… one digit short) and forces a label into a numeral (`상담` -> `삼`). So it is used
only where the first reading failed: lines with 4+ numerals that make no number and hold no
other word, one extra tesseract run on the photos that have such lines; its number must have
as many numerals as the first reading, goes to review when alone, and is not offered under
0.65; its readings also help join pieces. Also: pieces of sideways lines are joined like flat
ones, and a digit among numerals is a gap, not dropped (it had joined pieces into a valid
number one digit short). Tuning seed 90210 (first 80): recall 0.910 -> 0.926 (111 -> 113 of
122), no false number; 65707 (first 80): unchanged (95/109); 202: no change on its misses.
What is left: Hangul lines Tesseract reads as other syllables wholesale (`# 철 #%% 사 밤 일 /
발 49 강` for 공칠공-오사팔일-팔육공삼: blur, curl, fold), lines the detector cut short, and
PP-OCR misses on blurred or rotated digit lines (spaced dashes, tildes).

Measured 2026-11-30 (commit 14b59e5 against main 0adb1e0, run side by side on the same photos,
one worker each, started together: `--tune-count 30 --tune-heldout-count 0 --heldout-seeds
73019,14653 --heldout-count 160 --jobs 1`, the reporting seeds' first and only run, naive
baseline `--naive-count 10` in this round's run only; 2 cores shared, load average 4.7 before,
4-10 during, 2.6 at the end (whole run 2276 s); CPU per photo is ours):
                         main (0adb1e0)                    this round (14b59e5)
    tuning gen. 30       0.982 (56/57) / 1.000, CPU 1.48 s 0.982 (56/57) / 1.000, CPU 1.46 s
    REPORTING 73019, 160 0.897 (218/243) / 1.000 (227/227) 0.897 (218/243) / 1.000 (227/227)
                         accepted 197, wrong 0; CPU 1.81   accepted 197, wrong 0; CPU 1.82
    REPORTING 14653, 160 0.927 (230/248) / 1.000 (241/241) 0.935 (232/248) / 1.000 (243/243)
                         accepted 209, wrong 0; CPU 1.90   accepted 208, wrong 0; CPU 1.93
    both reporting seeds recall 0.912 (448/491)            recall 0.916 (450/491)
                         precision 1.000 (468/468)         precision 1.000 (470/470)
                         accepted 406, wrong 0             accepted 405, wrong 0
    real photos, 20      22/22, 24/24, accepted 21 wrong 0 22/22, 24/24, accepted 21 wrong 0
                         CPU 4.08 s/photo                  CPU 4.09 s/photo
    all generated flyers CPU 1.82 s/photo = 1.10 photos/s  CPU 1.84 s/photo = 1.09 photos/s
                         (wall 0.17-0.20 photos/s per worker under the load above)
    calibration, both reporting seeds (this round): [0.00, 0.50) 1.000 of 5, [0.50, 0.60)
                         1.000 of 5, [0.60, 0.70) 1.000 of 30, [0.70, 0.80) 1.000 of 25,
                         [0.90, 0.95) 1.000 of 16, [0.95, 0.98) 1.000 of 28, [0.98, 1.00]
                         1.000 of 361
    naive (first 10 of each set): tuning 0.095 (2/21) / 73019 0.059 (1/17) / 14653 0.000
                         (0/19) / real 0.227 (5/22, 3 of 8 wrong) recall; ours on the same
                         photos 1.000 / 1.000 / 1.000 / 1.000; naive CPU 2.2-5.9 s/photo
Targets: precision >= 0.99 met (1.000), accepted without review right met (405 of 405), real
photos met (22/22, none false), >= 1 photo/s met by CPU (1.09; +1 % CPU over main); held-out
recall NOT met: 0.916 (main 0.912 on the same photos), target 0.95.

Seventh round (issue 9: held-out recall 0.916, target 0.95). Seeds chosen before any work:
    reporting   held-out seeds 58231 and 27749, 160 photos each: never generated or run before
                the final report; run once, at the end; their misses not looked at.
    tuning      the tuning generator; held-out seeds 101, 202, 303, 21, 8 and the burnt seeds
                (90210 65707 44017 71383 52817 38462 73019 14653), no longer fit for reporting.

What was measured first (tuning seeds 73019 and 14653 with every line's readings and crops
saved, then 65707 and 73019's second half; 320 photos, 46 misses): on the first 160 photos,
19 misses: 7 Hangul-numeral lines, 7 digit lines read right by PP-OCR but dropped or glued
by the rules, 5 lines the detector cut short or missed. On all 320: 28 Hangul, 18 digit
lines. Hangul is the largest group, so the lead's glyph classifier was built and measured
first (HOG features and a small perceptron, trained on Nanum renderings only; on branch
ocr7, not in main): wired in as one more reading of the lines Tesseract read as 3+
numerals without a number, and of their pieces, it found 0 of the 27 Hangul misses of 23
tuning photos (the misses are handwriting-style fonts under motion blur: it refuses most of
their glyphs; and the worst lines Tesseract reads as other syllables it reads no better). It
gained nothing, so the lead left it out of main (unused code and a model to maintain). The digit
lines' rule drops were fixed instead (each tested on the photo it came from):
  * a card's numbers parted by `|` borders are boxed a dozen times; one box read `| M` as 1
    (`11670-8996`) and _whole_tokens dropped the number 20+ boxes read whole: now a longer
    run drops a number only where few boxes read it whole (< 4, or < 3 per cutting box);
  * the held-out phone icon is read as `9` (`9010-2511-0682`): dropped like the ☎'s `8`,
    the number offered for review;
  * three numbers glued over `|` borders read as 1 (`010-7407-04781010-7496-5074…`) are
    parted, offered for review.
On the photos they came from, 6 of the 46 misses are found (4 at review confidence).
Left: Hangul numerals in handwriting-style fonts under motion blur (28 of 46), lines the
detector cut short or missed (`HP (070) 2129-52`, `H.P 1577 367`), digit lines glued
without a readable border (`02~542~380002-652-4139`).

Measured 2026-11-30 (commit cf146a2: this pipeline, the classifier not called; against main
447401a, side by side on the same photos, one worker each, started together; the reporting
seeds' first and only run, run one seed at a time (`--tune-count 30 --tune-heldout-count 0
--heldout-seeds 58231 --heldout-count 160 --jobs 1`, then `--tune-count 0 --heldout-seeds 27749
--no-real`); naive baseline `--naive-count 10` in this round's runs only; the photos of 27749
were generated during the work, none looked at; 2 cores shared: load average 7.7 before, 10-13
during and 6.3 after the first, 5.9 before and 3.2 after the second; CPU per photo is ours):
                         main (447401a)                    this round (cf146a2)
    tuning gen. 30       0.982 (56/57) / 1.000, CPU 1.47 s 0.982 (56/57) / 1.000, CPU 1.47 s
    REPORTING 58231, 160 0.913 (211/231) / 0.991 (214/216) 0.913 (211/231) / 0.991 (214/216)
                         accepted 196, wrong 0; CPU 1.85   accepted 196, wrong 0; CPU 1.84
    REPORTING 27749, 160 0.924 (218/236) / 0.996 (226/227) 0.928 (219/236) / 0.996 (227/228)
                         accepted 192, wrong 0; CPU 1.95   accepted 193, wrong 0; CPU 1.89
    both reporting seeds recall 0.919 (429/467)            recall 0.921 (430/467)
                         precision 0.993 (440/443)         precision 0.993 (441/444)
                         accepted 388, wrong 0             accepted 389, wrong 0; review 55
    real photos, 20      not run (main's copy outside the  22/22, 24/24, accepted 21 wrong 0
                         repository could not find them)   CPU 3.64 s/photo
    all generated flyers CPU 1.79-1.95 s/photo             CPU 1.78-1.89 s/photo
                         = 1.03-1.12 photos/s on 2 cores   = 1.06-1.12 photos/s on 2 cores
                         (wall 0.15-0.23 photos/s per worker under the load above)
    calibration, both reporting seeds (this round): [0.00, 0.50) 1.000 of 4, [0.50, 0.60)
                         0.667 of 3, [0.60, 0.70) 0.913 of 23, [0.70, 0.80) 1.000 of 25,
                         [0.90, 0.95) 1.000 of 10, [0.95, 0.98) 1.000 of 24, [0.98, 1.00]
                         1.000 of 355
    naive (first 10 of each set): tuning 0.095 (2/21) / 58231 0.000 (0/13, 2 false) / 27749
                         0.125 (2/16) / real 0.227 (5/22, 3 of 8 wrong) recall; ours on the
                         same photos 1.000 / 0.923 / 0.938 / 1.000; naive CPU 1.6-6.9 s/photo
Targets: precision >= 0.99 met (0.993; its 3 false numbers are all below the review threshold,
main's count is the same), accepted without review right met (389 of 389), real photos met
(22/22, none false), >= 1 photo/s met by CPU (1.06-1.12); held-out recall NOT met: 0.921
(main 0.919 on the same photos), target 0.95. The rule fixes are rare on fresh photos (+1
number); the gap is the Hangul numerals in handwriting-style fonts under blur, which neither
Tesseract nor the glyph classifier trained on print fonts reads.

Eighth round (issue 9: held-out recall 0.921, target 0.95). Seeds chosen before any work and
written in the round's first commit message: reporting held-out seeds 61837 and 40519, 160
photos each (generated during the work, none looked at, run once at the end); tuning: the
tuning generator's seeds 11 and 12, and the burnt held-out seeds 14653 and 73019.

The tuning generator now prints the numbers of some flyers in handwriting and brush fonts
(Nanum Pen Script and Nanum Brush Script, Debian fonts-nanum-extra: 20 % of flyers, 60 % of
those with Hangul numerals; chosen by a generator of their own, so a seed's photos are the same
apart from that; GENERATOR_VERSION 3). The held-out generator's fonts (Un, Baekmuk) and code
were not used. With main's code, tuning generator seeds 11 and 12 (60 photos each): recall
0.952 and 0.869; Hangul numerals in a handwriting font found 5 of 5 and 1 of 4; most misses
of seed 12 are brush-font DIGIT lines PP-OCR misreads (`문의 010-6843-7126` read
`21010-6843-7126`, a 9 read as 4), not blur.

What was measured:
  (b) deblurring: the motion blur is the cepstrum's deepest point (forensics_app/ocr/deblur.py),
      measured on a square of the photo around the line, carried into the line crop's
      coordinates, and undone with a Wiener filter. On rendered lines of Hangul numerals
      (Nanum Pen, Nanum Brush, Nanum Gothic Bold; 8 and 11 px of blur on ~40 px text; 36
      lines) Tesseract read 2 as the right number; deblurred (blur estimated on the crop
      alone), 24 unrestricted and 26 restricted to the numerals. The estimate is within 1.5 px
      on rendered pages (the test holds it there).
  (c) Tesseract restricted to the numerals' alphabet, on the deblurred crop: where the
      unrestricted reading of it saw 4+ numerals and no number. Its number must have as many
      numerals as the unrestricted reading has syllables between its first and last numeral
      (blurred along the line, 칠 of 공일공-칠삼오이-… was read `할`, and left out restricted:
      010-352-8469, a wrong number, is refused so).
  Wired in for lines Tesseract read with 4+ numerals, digits and dashes (a third of the
  reading or more) or nearly nothing, 5+ heights wide, that no reading made a number of; at most
  6 lines a photo, one tesseract run (a second where (c) applies). A number only these readings
  found is one reading: review only (<= 0.75), not sent to the confirming check.
  On the burnt held-out seeds (first 80 photos each, main -> this round): 14653 recall 0.970 ->
  0.977 (128 -> 129 of 132: 일육사사-칠사구공 of a blurred card, read `4 잎 숙 사 사 깊 사 구 고`
  before, offered for review at 0.53), precision 1.000 both; 73019 unchanged (0.929, 1.000).
  Why so little: of those 160 photos' Hangul misses, 73019's 3 are lines the detector cut
  (a fold) or a label box that blanks Tesseract's binarisation (`TEL. 공일공-이육일팔-` on a
  pink band, read as nothing), none blurred (its 3 blurred Hangul numbers were all found); of
  14653's 4 blurred ones, 3 are on one curled, dim card whose lines the detector cut into
  pieces: deblurred, the pieces read closer (`팔 공 삼 - 삼 칠 사 - 육`), but none whole.
  (a) retraining the ocr7 glyph classifier on the new fonts with motion blur: not done this
      round (the deblurred crops gave Tesseract most of what blur takes; no time left for a
      model measured as honestly as this needs).
  Dropped: the same deblurring for digit lines PP-OCR read without a number (found none of
  the tuning misses: they were misread brush digits and glued or cut lines; a recogniser
  batch per photo for nothing).

Measured 2026-11-30 (commit 8444a26 against main 6161e2e, side by side on the same photos, one
worker each, started together; the reporting seeds' first and only run, seed 61837 first, 40519
started 6 minutes later (`--tune-count 0 --tune-heldout-count 0 --heldout-seeds S
--heldout-count 160 --jobs 1 --no-real`, naive baseline `--naive-count 10` in this round's runs
only); 2 cores shared: load average 9.4-9.5 before, 9-13 during, 0.3 at the end (whole runs
1100-1500 s); CPU per photo is ours):
                         main (6161e2e)                    this round (8444a26)
    REPORTING 61837, 160 0.907 (214/236) / 0.996 (222/223) 0.911 (215/236) / 0.996 (223/224)
                         accepted 188, wrong 0; CPU 1.89   accepted 188, wrong 0; CPU 1.93
    REPORTING 40519, 160 0.917 (210/229) / 0.995 (216/217) 0.917 (210/229) / 0.995 (216/217)
                         accepted 180, wrong 0; CPU 1.72   accepted 180, wrong 0; CPU 1.74
    both reporting seeds recall 0.912 (424/465)            recall 0.914 (425/465)
                         precision 0.995 (438/440)         precision 0.995 (439/441)
                         accepted 368, wrong 0             accepted 368, wrong 0; review 73
    real photos, 20      (not run: main's copy outside     22/22, 24/24, accepted 21 wrong 0
                         the repository has no photos)     CPU 3.86 s/photo (this round's code,
                                                           run alone before, load 7.3-7.7)
    all generated flyers CPU 1.72-1.89 s/photo             CPU 1.74-1.93 s/photo
                         = 1.06-1.16 photos/s on 2 cores   = 1.04-1.15 photos/s on 2 cores
    calibration, both reporting seeds (this round): [0.00, 0.50) 1.000 of 7, [0.50, 0.60)
                         1.000 of 8, [0.60, 0.70) 0.966 of 29, [0.70, 0.80) 0.966 of 29,
                         [0.85, 0.90) 1.000 of 1, [0.90, 0.95) 1.000 of 13, [0.95, 0.98)
                         1.000 of 30, [0.98, 1.00] 1.000 of 324
    naive (first 10 of each set): 61837 0.077 (1/13) / 40519 0.077 (1/13) recall; ours on the
                         same photos 1.000 / 0.769; naive CPU 5.5-6.5 s/photo
Targets: precision >= 0.99 met (0.995; its 2 false numbers are below the review threshold, as
main's), accepted without review right met (368 of 368), real photos met (22/22, none false),
>= 1 photo/s met by CPU (1.04-1.15; about +1-2 % CPU over main on the same photos); held-out
recall NOT met: 0.914 (main 0.912 on the same photos), target 0.95. Deblurring reads Hangul
numerals that blur alone spoilt (the rendered lines; +1 number on tuning seed 14653 and +1 on
61837, where it is the only change, its photo not looked at), but the held-out misses are
mostly of other kinds: lines the detector cuts or glues, folds, label boxes that blank the
binarisation, and handwriting glyph shapes Tesseract misreads even when sharp.

Ninth round (issue 9: held-out recall 0.914, target 0.95). Seeds chosen before any work and
written in the round's first commit message: reporting held-out seeds 83117 and 29573, 160
photos each (generated during the work, none looked at, run once at the end); tuning: the
tuning generator's seeds, and the burnt held-out seeds (misses classified on 80 photos).

What was measured: every miss of the burnt seeds 61837 and 40519 (first 80 photos each, main's
code, every line's readings and crops kept): 16 misses. 6 lines read as nothing or never
detected (3 of them cross a FOLD: the line's two halves on two backgrounds, `TEL. 공오공사-…`
across a folded yellow band read `ㄴㄴ`; 1 sideways, 2 not detected); 4 Hangul numbers the
detector cut into 3-4 overlapping pieces on curled or folded flyers; 3 digit lines PP-OCR read
right whose number lost to a glued misreading at its place or had a digit read at 0.46-0.49
(`Z 080-292-1705 1 M 031-800-9809`, `010 : 7322 - 1078`); 3 misreads (`팡` for 팔, a piece
missing its end, a line cut short). So the blanked binarisation is a fold or a band edge, and
the pieces are the largest groups that cost nothing on other photos to go after.
  (2) levelled background: each channel less its median over two line heights (the median
      keeps the step at the fold sharp), then the usual colour-aware Otsu
      (forensics_app/ocr/tesseract.py `flatten`). Only for lines 5+ heights wide that
      Tesseract read fewer than half a character a height of and no number (13 lines in the
      160 photos, at most 6 a photo), inside the existing second Tesseract run; the levelled
      reading is kept when it reads more and better, and the line's later readings (numerals
      only, the confirming check) use the levelled crop. On the three fold lines' crops it read
      `공 오 공 사 - 구 오 이 삼 - 사 일 오 삼` (right), a line cut short (no number), and
      `공 일 3 - 팔 욕 ㅅ 일 - …`, which the numerals-only re-read turned into 010-861-0585, a
      numeral short: a numerals-only reading must now keep as many numerals as the first
      reading has glyphs (syllables, jamo, digits) between its first and last numeral.
  (1) pieces: three rounds of joins (four pieces), and two pieces sharing only two numerals
      are joined where their boxes overlap on the photo by 1.5 heights or more (true overlaps
      measured 2.4-2.9 heights, pieces side by side 0.6-0.9). Numbers so joined stay below
      review, as before. A widened crop around a fragment, re-read, was tried first and dropped:
      on curled and folded cards a straight crop leaves the text (1 of 5 fragments read whole,
      2 or 4 glyphs added each side).
  On the 160 burnt photos (main's code -> this round's, same photos): 61837 recall 106 -> 107
  of 111, 40519 102 -> 104 of 113 (the fold line and the two pieced numbers, all three found;
  the pieced ones at review), no false number added; accepted without review 191 -> 192
  (the fold line's number, two readings agreeing), none wrong.
  Left: the colon read for a dash is not made a separator (`010 : 7322` would read, but
  `010 : 1234` is a time to the rules), sideways and undetected lines, `팡` (팔 or 빵?).

Measured 2026-11-30 (commit 74ef084 against main ab7028a, side by side on the same photos, one
worker each, the four runs started together; the reporting seeds' first and only run,
`--tune-count 0 --tune-heldout-count 0 --heldout-seeds S --heldout-count 160 --jobs 1
--no-real`, naive baseline `--naive-count 10` in this round's runs only; 2 cores shared: load
average 9.7 before, 13-15 during, 5.8-6.1 at the end (whole runs 2200-2410 s); CPU per photo is
ours):
                         main (ab7028a)                    this round (74ef084)
    REPORTING 83117, 160 0.919 (237/258) / 0.996 (250/251) 0.922 (238/258) / 0.996 (251/252)
                         accepted 202, wrong 0; CPU 2.01   accepted 205, wrong 0; CPU 1.99
    REPORTING 29573, 160 0.919 (216/235) / 0.996 (226/227) 0.932 (219/235) / 0.996 (229/230)
                         accepted 188, wrong 0; CPU 1.86   accepted 188, wrong 0; CPU 1.85
    both reporting seeds recall 0.919 (453/493)            recall 0.927 (457/493)
                         precision 0.996 (476/478)         precision 0.996 (480/482)
                         accepted 390, wrong 0             accepted 393, wrong 0; review 89
    real photos, 20      (not run side by side)            22/22, 24/24, accepted 21 wrong 0
                                                           CPU 4.11 s/photo (run alone before,
                                                           load 14-15)
    all generated flyers CPU 1.86-2.01 s/photo             CPU 1.85-1.99 s/photo
                         = 0.99-1.07 photos/s on 2 cores   = 1.01-1.08 photos/s on 2 cores
    calibration, both reporting seeds (this round): [0.00, 0.50) 0.800 of 5, [0.50, 0.60)
                         1.000 of 8, [0.60, 0.70) 1.000 of 41, [0.70, 0.80) 0.971 of 35,
                         [0.85, 0.90) 1.000 of 1, [0.90, 0.95) 1.000 of 10, [0.95, 0.98)
                         1.000 of 41, [0.98, 1.00] 1.000 of 341
    naive (first 10):    83117 0.000 (0/17) / 29573 0.235 (4/17) recall; ours on the same
                         photos 0.941 / 1.000 (precision 1.000 / 0.944); naive CPU 5.9-6.2
                         s/photo
Targets: precision >= 0.99 met (0.996; its 2 false numbers are below the review threshold, as
main's), accepted without review right met (393 of 393), real photos met (22/22, none false),
>= 1 photo/s met by CPU (1.01-1.08 under load 13-15; the same CPU as main on the same photos:
the levelled re-read and the joins cost nothing measurable); held-out recall NOT met: 0.927
(main 0.919 on the same photos, +4 numbers), target 0.95.

Tenth round (issue 9: held-out recall 0.927, target 0.95). Seeds chosen before any work and
written here first: reporting held-out seeds 64433 and 53319, 160 photos each (run once, at the
end, side by side with main; none looked at before); tuning: the burnt held-out seeds and the
tuning generator's seeds.

What was measured: every miss of the burnt seeds 61837 (first 80 photos) and 83117 (160), with
every line's readings (main's code: 107 of 111 and 238 of 258 found). 15 of 83117's 20 missed
numbers are Hangul numerals: 6 on business cards whose line PP-OCR read whole but for the Hangul
number, made into stray digits (`01 010-6439-5239` of `일육사사-사이구구 | M 010-…`, the 0 and
the 1 2.2 heights apart; `M01`, `M 0 | F`) that cut the unread stretch too short to be sent to
Tesseract; 3 lines never detected (pale text on a yellow band, as 61837's poster); the rest
Tesseract readings too far gone (`글 릴 즐 - 늘 그 구 프`). On 61837: a colon read for a spaced dash
(`TEL: 010 : 7322 - 1078`, both PP-OCR readings), `팡` for 팔, `ㅅ` for 사, and the yellow band.
Changes: a colon between two groups of 3+ digits is a dash (blocking.numbers; a time's groups
have two digits); 팡 -> 팔 and ㅅ -> 사 inside numeral runs; a digit PP-OCR read a height or more
from any other character read does not mark a place read (`_unread`; letters do: T/M/F labels);
bright yellow bands, long and narrow, on which the detector found no line are cut out as lines
(`_bands`). Burnt seeds, main -> this round: 61837 107 -> 110 of 111 (the band, the colon and
팡 found; the folded slip's ㅅ read in one run, not in the last: Tesseract read its line
`176: 공 일 공 - 말 옥시` there), 83117 238 -> 240 of 258 (3 card numbers found, 1 lost: the
confirming Tesseract reading of a line read `(80.416.2673` for `080.416.2673` once the sheet's
other crops changed), false numbers 0 and 1 both (83117's one is main's too). Tried and
dropped: 직 -> 칠 (the one reading it helped scored 0.36, not offered).

Measured 2026-11-30 (commit 2366494 against main ba635d5, side by side on the same photos, one
worker each, the four runs started together at 20:50 UTC; the reporting seeds' first and only
run, `--tune-count 0 --tune-heldout-count 0 --heldout-seeds S --heldout-count 160 --jobs 1
--no-real`, naive baseline `--naive-count 10` in this round's runs only; 2 cores shared: load
average 5.5 before, 12-14 during, 7.1 at the end (whole runs 896-936 s before the naive
baseline); CPU per photo is ours):
                         main (ba635d5)                    this round (2366494)
    REPORTING 64433, 160 0.953 (224/235) / 0.996 (233/234) 0.953 (224/235) / 0.996 (233/234)
                         accepted 200, wrong 0; CPU 1.16   accepted 200, wrong 0; CPU 1.16
    REPORTING 53319, 160 0.914 (235/257) / 1.000 (244/244) 0.930 (239/257) / 1.000 (248/248)
                         accepted 199, wrong 0; CPU 1.17   accepted 202, wrong 0; CPU 1.20
    both reporting seeds recall 0.933 (459/492)            recall 0.941 (463/492)
                         precision 0.998 (477/478)         precision 0.998 (481/482)
                         accepted 399, wrong 0             accepted 402, wrong 0; review 80
    real photos, 20      (not run side by side)            22/22, 24/24, accepted 21 wrong 0
                                                           CPU 2.40 s/photo (run beside the
                                                           four, load 10-13)
    all generated flyers CPU 1.16-1.17 s/photo             CPU 1.16-1.20 s/photo
                         = 1.71-1.72 photos/s on 2 cores   = 1.67-1.72 photos/s on 2 cores
    calibration, both reporting seeds (this round): [0.00, 0.50) 1.000 of 7, [0.50, 0.60)
                         1.000 of 6, [0.60, 0.70) 1.000 of 28, [0.70, 0.80) 0.974 of 39,
                         [0.85, 0.90) 1.000 of 1, [0.90, 0.95) 1.000 of 8, [0.95, 0.98)
                         1.000 of 35, [0.98, 1.00] 1.000 of 358
    naive (first 10):    64433 0.154 (2/13) / 53319 0.000 (0/20) recall; ours on the same
                         photos 1.000 / 0.900 (precision 1.000 both); naive CPU 3.7-4.3 s/photo
Targets: precision >= 0.99 met (0.998; its one false number is below the review threshold, and
main's), accepted without review right met (402 of 402), real photos met (22/22, none false),
>= 1 photo/s met by CPU (1.67-1.72; +0-3 % CPU over main on the same photos); held-out recall
NOT met: 0.941 (main 0.933 on the same photos, +4 numbers, all on seed 53319), target 0.95.
(The CPU per photo is lower than the ninth round's 1.85-2.01 for main and this round alike:
the load was lower for most of these runs.)

Eleventh round (issue 9: held-out recall 0.941, target 0.95). Seeds chosen before any work and
written here first: reporting held-out seeds 24427 and 35004 (run once, at the end, side by side
with integ11; none looked at before); tuning: the burnt held-out seeds and the tuning generator's
seeds.

What was measured: the tenth round's readings of burnt seed 83117's misses (every line's
Tesseract and PP-OCR readings). Two were Tesseract reading a Hangul numeral one stroke off:
`공 월 공 - 팔 팔 영 팔 - 칠 목 사 일` (photo 156) and `팔 밀 오 일` (photo 9). Change: 월 -> 일,
목 -> 육 and 밀 -> 일 inside numeral runs only (dates and weekdays untouched); both photos'
numbers now found (the card's confirmed by the check pass), nothing else changed on them. Not
kept: 직 -> 칠 (the tenth round's finding: the reading scores below offering), 새 -> 사 (seed
83117's slip also needs a 횡 -> 칠 no one would trust). Sideways lines, undetected Hangul lines
and curled pieces were not worked on (no time in this round).

Measured 2026-11-30 (commit 09bbb40 against integ11 b7d6c95, the reporting seeds' first and only
run, one at a time, alternating integ11 / this round, `--tune-count 0 --tune-heldout-count 0
--heldout-seeds S --heldout-count 160 --jobs 1 --no-real --no-naive`; load average 2.4-4.7):
                         integ11 (b7d6c95)                 this round (09bbb40)
    REPORTING 24427, 160 0.963 (234/243) / 0.992 (238/240) 0.963 (234/243) / 0.992 (238/240)
                         accepted 201, wrong 0; CPU 1.05   accepted 201, wrong 0; CPU 1.02
    REPORTING 35004, 160 0.907 (224/247) / 0.991 (231/233) 0.907 (224/247) / 0.991 (231/233)
                         accepted 193, wrong 0; CPU 0.99   accepted 193, wrong 0; CPU 1.03
    both reporting seeds recall 0.935 (458/490)            the same, number for number
                         precision 0.992 (469/473)
                         accepted 394, wrong 0; review 79
    real photos, 20      (not run side by side)            22/22, 24/24, accepted 21 wrong 0
    all generated flyers CPU 0.99-1.05 s/photo = 1.90-2.02 photos/s on 2 cores (both)
Targets: precision >= 0.99 met (0.992; its 4 false numbers all below the review threshold, the
same in integ11), accepted without review right met (394 of 394), real photos met (22/22, none
false), >= 1 photo/s met; held-out recall NOT met: 0.935, target 0.95. The round's two finds did
not occur on the fresh seeds: its gain is +2 numbers on burnt seed 83117 only.

Twelfth round (issue 9: newer PP-OCR models from PyPI wheels). Reporting seeds 47281 and 91846
named in the round's first commit. Measured on burnt seeds (one worker, nice 5, load 4-11,
`--jobs 1`; det/rec swapped into the engine, the pipeline unchanged):
    held-out 83117, 80:  v4 det + v4 rec 0.931 (122/131), 1.000, accepted 107, CPU 1.10 s
        v6 small rec 0.931, 1.000, accepted 109; v5 rec 0.916; v6 tiny rec 0.924, 1 wrong
        accepted; v5 det 0.794; v6 small / tiny det 0.878-0.924 (both normalisations, unclip
        1.3-1.8, thresholds 0.2-0.45; their boxes are taller and merge lines); v4 det plus the
        v6 det's boxes where v4 found none: 0.931, no change, CPU +25-45 %
    v4 rec -> v6 small rec (rapidocr 3.10.0's PP-OCRv6_rec_small.onnx), v4 det kept:
        tuning generator seed 12, 60 (brush digits): 0.869 (86/99) -> 0.939 (93/99), precision
        0.989 -> 1.000; held-out 61837, 80: 0.991 -> 1.000 (+1, to review); held-out 29573, 80:
        0.908 -> 0.924, precision 0.991 -> 0.983, ONE WRONG number accepted (Tesseract and its
        check agreeing); real photos 22/22 -> 21/22 (a receipt's 8 read as 6, to review).
    Not adopted (the wrong acceptance and the real photo); the candidate is commit 4809d1e.
Reporting seeds, run once at the end, alternating main 28997f2 / the candidate 4809d1e,
an exported copy of each commit, one worker, load average 8.8 at the start, 3.8 at the end:
                         main (28997f2)                    v6 small recogniser (4809d1e)
    REPORTING 47281, 160 0.911 (215/236) / 1.000 (225/225) 0.932 (220/236) / 1.000 (228/228)
                         accepted 188, wrong 0; CPU 1.05   accepted 189, wrong 0; CPU 1.04
    REPORTING 91846, 160 0.931 (215/231) / 0.995 (219/220) 0.926 (214/231) / 0.995 (218/219)
                         accepted 188, wrong 0; CPU 1.12   accepted 190, wrong 0; CPU 1.12
    both                 recall 0.921 (430/467)            recall 0.929 (434/467)
                         precision 0.998, accepted 376/376 precision 0.998, accepted 379/379
    real photos, 20      22/22, 24/24, accepted 21 wrong 0 21/22, 23/24, accepted 21 wrong 0
                         CPU 2.08 s/photo                  CPU 2.05 s/photo
Held-out recall NOT met by either (target 0.95).

Thirteenth round (issue 9: a second Tesseract model for Hangul). Reporting seeds 48143 and 72270
named in the round's first commit. Debian's tesseract-ocr-script-hang installs the Hangul SCRIPT
model as tessdata/Hangul.traineddata: lang `Hangul` (upstream's `script/Hangul` path does not
exist there; pytesseract.get_languages never lists it: lower-case names only).
  Rendered lines (72: 010 numbers in Hangul numerals, 8 Un/Baekmuk/Nanum fonts incl. Pen and
  Brush, Gaussian blur 0/1.5/2.5, binarised, one sheet): right / wrong numbers
      kor 53 / 1, Hangul 48 / 2, kor+Hangul 55 / 0; numerals-only: 55 / 9, 48 / 10, 56 / 10.
      Hangul read 3 lines kor did not, kor 8 that Hangul did not: a second reader, not a
      replacement (so `Hangul` alone was not run on the flyers).
  Burnt seeds, one worker, nice 5, load 4-11 (main e65f9bc vs each variant, same photos):
                          main               second reader      kor+Hangul everywhere
      held-out 83117, 80  122/131, 1.000     122, 1.000         123, 1.000
                          acc 107, CPU 1.14  acc 107, CPU 1.13  acc 109, CPU 1.23
      held-out 29573, 80  108/119, 0.991     109, 0.991         109, 0.991 (two found, a
                          acc 91, CPU 1.17   acc 91, CPU 1.10   digit line lost), CPU 1.22
      held-out 47281, 160 215/236, 1.000     216, 1.000
                          acc 188, CPU 1.04  acc 188, CPU 1.09
      tuning gen. 12, 60  86/99, 0.989       87, 0.989
                          acc 81, CPU 0.77   acc 81, CPU 0.81
      real photos, 20     22/22, 24/24, acc 21 wrong 0 (both; second reader CPU 2.27 s/photo)
  "second reader" = `_reread_script`: the lines kor read with 3+ numerals (or what blur leaves,
  `_deblur_worth`) and no number, read by `Hangul` in one run, then restricted to the numerals
  where it read numerals without a number (same dropped-glyph guard as kor's). Its 3+1 finds are
  one reading each (0.50-0.65: review); none false, nothing lost, no wrong acceptance. With
  kor+Hangul as that second reader: the same finds (83117 122, 29573 109), so `Hangul` alone.
  Turned strips: 1 of the 20 misses of 83117/29573's 160 photos is sideways; the _vert models
  read vertical writing (upright glyphs stacked), not the turned horizontal lines the pipeline
  already turns upright: not tried.
  Candidate: the second reader (4 of the 54 numbers main missed of 585 wanted: recall 0.908 ->
  0.915 on these sets; CPU +0-5 %), measured on the reporting seeds below before adopting.
Reporting seeds, run once at the end (01:35-01:54 UTC), alternating main e65f9bc / this round's
code d74f590, an exported copy of each, one worker, nice 5, `--jobs 1 --no-naive`; load average
3.1-6.0:
                         main (e65f9bc)                    second reader (d74f590)
    REPORTING 48143, 160 0.961 (223/232) / 0.996 (230/231) the same, number for number
                         accepted 191, wrong 0; CPU 1.06   accepted 191, wrong 0; CPU 1.11
    REPORTING 72270, 160 0.932 (220/236) / 0.996 (225/226) the same, number for number
                         accepted 188, wrong 0; CPU 1.01   accepted 188, wrong 0; CPU 1.07
    both                 recall 0.946 (443/468), precision 0.996 (455/457), accepted 379/379
    real photos, 20      22/22, 24/24, accepted 21 wrong 0 the same; CPU 2.28 s/photo
                         CPU 2.08 s/photo
So on fresh photos the second reader found nothing main missed, for 5-6 % more CPU on flyers
(10 % on the real photos): its burnt-seed gain (4 of 585) is within what fresh seeds do not
repeat. Held-out recall NOT met by either (0.946, target 0.95). Not adopted: no gain on fresh
photos does not pay for a second system package (tesseract-ocr-script-hang) and the CPU.

Fourteenth round (issue 9: our own line recogniser for Hangul numerals). Reporting seeds 90500
and 44606 named in the round's first commit. A CRNN (5 convolutions, one bidirectional LSTM,
235 k parameters, 0.9 MB ONNX) with CTC over a closed alphabet (the numerals incl. 영 and 빵,
digits, `- . ( ) ~`, space, and one class for any other glyph), trained by
benchmarks/train_numeral_line.py on 16,000 rendered lines (Nanum incl. Pen/Brush, Noto CJK,
alee, lexi; never Un or Baekmuk; blur, motion blur, noise, JPEG, perspective, stroke, colours,
binarised / deblurred as the pipeline hands crops over), one core, seed 14: the third epoch
of five (the schedule cut for time; ~1,000 steps, 30 minutes at load 9-12), 64 % of heavily
degraded validation lines read whole. Run with onnxruntime on the lines `_numerals_unmade` or
`_deblur_worth` pick (and their deblurred crops), at most 8 a photo. A number only it reads is
one reading (<= 0.75, review); with another reading agreeing (Tesseract's confirming check) it
scores as two. On rendered Pen/Brush lines under motion blur it reads lines Tesseract misreads
(`공 일 공 - 사 구 팔 리 - …`, tests/ocr/test_numeral_line.py), but also misreads some
(`공칠공` as `공일공`, a dropped numeral): those wrong numbers go to review, never accepted.
  Burnt seeds, one worker, nice 5, load 4-12 (main 66478c0 / this round):
      held-out 83117, 160 242/258, 0.996, acc 209 / 242/258, 0.996, acc 208 (one number to
                          review instead), CPU 1.20 / 1.16 s; on the 13 photos with misses the
                          model read `공일공-사삼칠공-일이일.일`, `공칠공-육공칠구-…` (팔 as 육):
                          close, none whole
      tuning gen. 12, 60  86/99, 0.989, acc 81 / 87/99, 0.989, acc 81 (+1, review 0.68);
                          CPU 0.90 / 0.84 s
Reporting seeds, run once at the end (04:17-04:43 UTC), alternating main 66478c0 / this round's
code 240f785, an exported copy of each, one worker, nice 5, `--jobs 1 --no-naive`; load average
8.2-15.7 at the start, 4.3 at the end:
                         main (66478c0)                    line recogniser (240f785)
    REPORTING 90500, 160 0.923 (240/260) / 0.996 (250/251) 0.935 (243/260) / 0.996 (253/254)
                         accepted 216, wrong 0; CPU 1.12   accepted 216, wrong 0; CPU 1.09
                                                           review 38 (main 35)
    REPORTING 44606, 160 0.942 (228/242) / 0.987 (234/237) the same, number for number
                         accepted 203, wrong 0; CPU 1.15   CPU 1.11
    both                 recall 0.932 (468/502)            recall 0.938 (471/502)
                         precision 0.992, accepted 419/419 precision 0.992, accepted 419/419
    real photos, 20      22/22, 24/24, accepted 21 wrong 0 the same; CPU 2.32 s/photo
                         CPU 2.22 s/photo
So on fresh photos it found 3 numbers main missed (all offered for review), lost none, added
no false number and no wrong acceptance, for no measurable CPU (the model takes ~4 ms a line,
on few lines). Adopted. Held-out recall NOT met (0.938, target 0.95). Left: the model is
undertrained (one core for 30 minutes); a longer run (more epochs, the full schedule) and more
handwriting fonts are the next step, measured on fresh seeds again.
Fourteenth round, continued (the lead, after the merge): the same script run whole, `--samples
24000 --epochs 5` (the full one-cycle schedule, 2,500 steps; 21 minutes with one other job on
the two cores): validation lines read whole 0.815 (the adopted epoch-3 model: 0.673). Measured
on fresh seeds 15397 and 11142 (not burnt before), one worker per run, nice 5, load 1-9:
                         main 66478c0      epoch-3 model       full run (adopted)
    REPORTING 15397, 160 0.956 (215/225)   0.973 (219/225)     0.973 (219/225)
                         0.995, acc 188    0.996, acc 186      0.996, acc 186, wrong 0
    REPORTING 11142, 160 0.943 (233/247)   0.947 (234/247)     0.951 (235/247)
                         0.988, acc 200    0.988, acc 199      0.988, acc 200, wrong 0
    real photos, 20                        (22/22 in round)    22/22, 24/24, acc 21 wrong 0
    CPU per flyer photo  1.09-1.24 s       1.01-1.13 s         1.06-1.14 s
Both seeds with the full run: recall 0.962 (454/472), precision 0.991 (461/465), accepted
386/386 right. The choice between the two models was made on these seeds, so the adopted
model was then run once on two more fresh seeds, 94894 and 53885, for the figure to report:
    REPORTING 94894, 160 0.962 (230/239) / 0.996 (239/240), accepted 200, wrong 0; CPU 1.09 s
    REPORTING 53885, 160 0.943 (230/244) / 0.992 (241/243), accepted 204, wrong 0; CPU 1.19 s
    both                 recall 0.952 (460/483), precision 0.994 (480/483), accepted 404/404
                         right (2 cores shared, load 2.4-9.1; >= 1.6 photos/s on 2 cores by CPU)
Targets on this pair: held-out recall >= 0.95 met (0.952), precision >= 0.99 met, accepted
without review right 100 % (>= 99.5 %), real photos 22/22 with none false accepted, >= 1
photo/s. The margin is thin: the fresh pairs measured this session gave 0.938 (90500 + 44606,
epoch-3 model), 0.962 and 0.952; main without the recogniser 0.921-0.946 over earlier pairs and
0.949 on 15397 + 11142. The recogniser's share: +4 and +2 numbers on 15397 and 11142, none lost;
on 15397 two numbers main accepted go to review instead (its reading disagrees).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

import phonenumbers
import pytesseract
from PIL import Image

from benchmarks.flyers import generator as tuning_generator
from benchmarks.flyers_heldout import generator as heldout_generator
from forensics_app.ocr import recognise_path
from forensics_app.ocr.loading import load_photo
from forensics_app.ocr.results import REVIEW_BELOW, FlyerResult

OUTPUT = Path(__file__).resolve().parent / "output"
REAL_PHOTOS = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "real" / "photos"
BUCKETS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.98, 1.0001)
ACCEPTED_RIGHT = 0.995  # issue 9: numbers accepted without review are right this often
REPORTING = "held-out generator"


@dataclass
class Photo:
    path: str
    wanted: set[str]
    allowed: set[str]  # wanted, plus lines a printed range implies


@dataclass
class Read:
    numbers: dict[str, float]  # e164 -> confidence (implied lines: their capped confidence)
    implied: set[str] = field(default_factory=set)
    failed: str = ""
    cpu: float = 0.0  # CPU seconds the photo took (the worker and its Tesseract runs)


@dataclass
class Score:
    name: str
    photos: int
    wanted: int
    found: int
    reported: int
    right: int
    accepted: int = 0
    accepted_wrong: int = 0
    seconds: float = 0.0
    cpu: float = 0.0

    @property
    def recall(self) -> float:
        return self.found / max(self.wanted, 1)

    @property
    def precision(self) -> float:
        return self.right / max(self.reported, 1)

    def line(self) -> str:
        rate = self.photos / self.seconds if self.seconds else 0.0
        per_photo = self.cpu / max(self.photos, 1)
        # on a shared machine the wall clock says more about the neighbours than about us:
        # the CPU each photo took gives the rate two cores of our own would reach
        text = (
            f"recall {self.recall:.3f} ({self.found}/{self.wanted})  "
            f"precision {self.precision:.3f} ({self.right}/{self.reported})  "
            f"{rate:.2f} photos/s wall ({self.photos} photos, {self.seconds:.0f} s); "
            f"CPU {per_photo:.2f} s/photo = {2 / per_photo if per_photo else 0:.2f} photos/s "
            "on 2 cores"
        )
        if self.accepted or self.accepted_wrong:
            right = 1 - self.accepted_wrong / max(self.accepted, 1)
            text += (
                f"  accepted without review {self.accepted}, wrong {self.accepted_wrong} "
                f"({right:.1%} right); to review {self.reported - self.accepted}"
            )
        return text


# ---- the sets ----------------------------------------------------------------------------------


def tuning_set(seed: int, count: int) -> list[Photo]:
    folder = OUTPUT / f"flyers_seed{seed}_n{count}"
    truths = tuning_generator.generate(folder, seed, count)
    return [Photo(str(folder / t.file), t.e164s(), t.e164s()) for t in truths]


def heldout_set(seed: int, count: int) -> list[Photo]:
    folder = OUTPUT / f"heldout_seed{seed}_n{count}"
    truths = heldout_generator.generate(folder, seed, count)
    return [Photo(str(folder / t.file), t.wanted(), t.allowed()) for t in truths]


def real_set() -> list[Photo]:
    """A private copy of the shared real photos (their bytes are checked against truth's
    source folder: the originals are never opened for writing)."""
    if not REAL_PHOTOS.is_dir():
        return []
    folder = OUTPUT / "real_photos"
    folder.mkdir(parents=True, exist_ok=True)
    for original in REAL_PHOTOS.iterdir():
        copy = folder / original.name
        if not copy.exists() or _sha256(copy) != _sha256(original):
            shutil.copyfile(original, copy)
    truth = json.loads((folder / "truth.json").read_text("utf-8"))
    photos = []
    for name, t in sorted(truth.items()):
        wanted = set(t["numbers"])
        photos.append(
            Photo(str(folder / name), wanted, wanted | set(t.get("range_also_valid", [])))
        )
    return photos


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ---- running -----------------------------------------------------------------------------------


def _cpu() -> float:
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def ours(path: str) -> Read:
    started = _cpu()
    result = recognise_path(path)
    cpu = _cpu() - started
    if not isinstance(result, FlyerResult):
        return Read({}, failed=f"{result.reason}: {result.message}", cpu=cpu)
    return Read(
        {n.e164: n.confidence for n in result.numbers},
        {n.e164 for n in result.numbers if "range" in n.sources or "symbol" in n.sources},
        cpu=cpu,
    )


def naive(path: str) -> Read:
    """Tesseract on the photo as it is (upright by EXIF, as our loader does), then the matcher."""
    started = _cpu()
    image: Image.Image = load_photo(path).image
    text = pytesseract.image_to_string(image, lang="kor+eng", config="", timeout=900)
    found = {
        phonenumbers.format_number(m.number, phonenumbers.PhoneNumberFormat.E164): 1.0
        for m in phonenumbers.PhoneNumberMatcher(text, "KR")
    }
    return Read(found, cpu=_cpu() - started)


def _warm(_: int) -> None:
    from forensics_app.ocr.pipeline import warm_up

    warm_up()


def run(
    photos: Sequence[Photo], jobs: int, func: Callable[[str], Read]
) -> tuple[list[Read], float]:
    os.environ["OMP_THREAD_LIMIT"] = "1"
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(_warm, range(jobs * 2)))  # models loaded before the clock starts
        started = time.perf_counter()
        reads = list(pool.map(func, [p.path for p in photos], chunksize=1))
        return reads, time.perf_counter() - started


def score(name: str, photos: Sequence[Photo], reads: Sequence[Read], seconds: float) -> Score:
    result = Score(name, len(photos), 0, 0, 0, 0, seconds=seconds)
    for photo, read in zip(photos, reads, strict=True):
        got = set(read.numbers)
        result.cpu += read.cpu
        result.wanted += len(photo.wanted)
        result.found += len(photo.wanted & got)
        result.reported += len(got)
        result.right += len(got & photo.allowed)
        for e164, confidence in read.numbers.items():
            if confidence >= REVIEW_BELOW and e164 not in read.implied:
                result.accepted += 1
                result.accepted_wrong += e164 not in photo.allowed
    return result


def calibration(pairs: Sequence[tuple[Sequence[Photo], Sequence[Read]]]) -> list[str]:
    counts = [[0, 0] for _ in BUCKETS[:-1]]
    for photos, reads in pairs:
        for photo, read in zip(photos, reads, strict=True):
            for e164, confidence in read.numbers.items():
                for i, (low, high) in enumerate(pairwise(BUCKETS)):
                    if low <= confidence < high:
                        counts[i][0] += 1
                        counts[i][1] += e164 in photo.allowed
    lines = []
    for (low, high), (n, right) in zip(pairwise(BUCKETS), counts, strict=True):
        share = f"{right / n:.3f}" if n else "  -  "
        mark = "  <- accepted without review" if low >= REVIEW_BELOW else ""
        lines.append(
            f"    [{low:.2f}, {min(high, 1.0):.2f})  {n:5d} numbers  share right {share}{mark}"
        )
    return lines


def misses(photos: Sequence[Photo], reads: Sequence[Read]) -> list[str]:
    out = []
    for photo, read in zip(photos, reads, strict=True):
        missed = sorted(photo.wanted - set(read.numbers))
        extra = sorted(set(read.numbers) - photo.allowed)
        if missed or extra or read.failed:
            conf = {e: round(c, 3) for e, c in read.numbers.items()}
            out.append(
                f"    {Path(photo.path).name}: missed {missed} false {extra} {conf} {read.failed}"
            )
    return out


def _seeds(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part.strip()]


def threshold_from(pairs: Sequence[tuple[Sequence[Photo], Sequence[Read]]]) -> float | None:
    """The lowest bucket edge above which the numbers the tuning data accepted (implied lines
    never are) are right at least ACCEPTED_RIGHT of the time; None if no edge reaches it."""
    scored = [
        (confidence, e164 in photo.allowed)
        for photos, reads in pairs
        for photo, read in zip(photos, reads, strict=True)
        for e164, confidence in read.numbers.items()
        if e164 not in read.implied
    ]
    for edge in BUCKETS[:-1]:
        above = [right for confidence, right in scored if confidence >= edge]
        if above and sum(above) / len(above) >= ACCEPTED_RIGHT:
            return edge
    return None


def print_calibration(
    results: dict[str, tuple[list[Photo], list[Read]]], tuning_names: list[str]
) -> None:
    tuning = [results[n] for n in tuning_names]
    print(f"\nReview threshold in the product: accepted without review from {REVIEW_BELOW:.2f}")
    if tuning:
        print("Calibration, tuning data (" + ", ".join(tuning_names) + "):")
        print("\n".join(calibration(tuning)))
        edge = threshold_from(tuning)
        if edge is None:
            verdict = "no bucket edge reaches it"
        elif edge <= REVIEW_BELOW:
            verdict = f"from {edge:.2f} (the product's threshold is at or above it)"
        else:
            verdict = f"from {edge:.2f}: ABOVE the product's threshold, raise REVIEW_BELOW"
        print(f"    tuning data supports accepting ({ACCEPTED_RIGHT:.1%} right) {verdict}")
    reporting = [name for name in results if name.startswith(REPORTING)]
    for name in reporting:
        print(f"\nCalibration, {name} (confidence bucket -> share of numbers right):")
        print("\n".join(calibration([results[name]])))
    if len(reporting) > 1:
        print("\nCalibration, all reporting seeds together:")
        print("\n".join(calibration([results[name] for name in reporting])))
    if "real photos" in results:
        print("\nCalibration, real photos:")
        print("\n".join(calibration([results["real photos"]])))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--tune-seed", type=int, default=3)
    parser.add_argument("--tune-count", type=int, default=60)
    parser.add_argument(
        "--tune-heldout-seeds",
        type=_seeds,
        default=[101, 202, 303],
        help="held-out generator seeds used for TUNING (comma-separated)",
    )
    parser.add_argument("--tune-heldout-count", type=int, default=60)
    parser.add_argument(
        "--heldout-seeds",
        type=_seeds,
        default=[52817, 38462],
        help="the REPORTING seeds (comma-separated), never used for tuning",
    )
    parser.add_argument("--heldout-count", type=int, default=160)
    parser.add_argument("--no-real", action="store_true")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--no-naive", action="store_true", help="skip the naive baseline")
    parser.add_argument(
        "--naive-count",
        type=int,
        default=40,
        help="flyer photos per set for the naive baseline (it is slow)",
    )
    parser.add_argument(
        "--misses",
        action="store_true",
        help="list every miss and false number of the tuning sets and the real photos "
        "(never of the reporting set: its misses are not to be looked at while tuning)",
    )
    parser.add_argument(
        "--report-misses", action="store_true", help="also list the reporting set's misses"
    )
    args = parser.parse_args()

    started = time.perf_counter()
    sets: list[tuple[str, list[Photo]]] = []
    tuning_names: list[str] = []
    if args.tune_count:
        sets.append(("tuning generator", tuning_set(args.tune_seed, args.tune_count)))
        tuning_names.append("tuning generator")
    for seed in args.tune_heldout_seeds if args.tune_heldout_count else []:
        name = f"held-out seed {seed} (tuning)"
        sets.append((name, heldout_set(seed, args.tune_heldout_count)))
        tuning_names.append(name)
    for seed in args.heldout_seeds if args.heldout_count else []:
        sets.append((f"{REPORTING} seed {seed}", heldout_set(seed, args.heldout_count)))
    if not args.no_real:
        sets.append(("real photos", real_set()))
    print(f"sets ready in {time.perf_counter() - started:.0f} s; {args.jobs} worker processes; "
          f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")  # fmt: skip

    results: dict[str, tuple[list[Photo], list[Read]]] = {}
    for name, photos in sets:
        reads, seconds = run(photos, args.jobs, ours)
        results[name] = (photos, reads)
        print(f"\nOURS  {name:<28} {score(name, photos, reads, seconds).line()}")
        failed = [
            f"{Path(p.path).name} {r.failed}"
            for p, r in zip(photos, reads, strict=True)
            if r.failed
        ]
        if failed:
            print(f"      unreadable: {failed}")
        if args.misses and (not name.startswith(REPORTING) or args.report_misses):
            print("\n".join(misses(photos, reads)))
    flyers = [results[n] for n in results if n != "real photos"]
    if flyers:
        photos_n = sum(len(p) for p, _ in flyers)
        cpu = sum(r.cpu for _, reads in flyers for r in reads)
        print(f"\nFlyers, all generated sets: CPU {cpu / photos_n:.2f} s/photo = "
              f"{2 * photos_n / cpu:.2f} photos/s on 2 cores of our own")  # fmt: skip

    print_calibration(results, tuning_names)

    if not args.no_naive:
        print(f"\nNaive baseline (pytesseract kor+eng + PhoneNumberMatcher), same photos "
              f"(first {args.naive_count} of each generated set):")  # fmt: skip
        for name, photos in sets:
            if name in tuning_names and name != "tuning generator":
                continue  # the tuning seeds of the held-out generator: the reporting one stands
            subset = photos if name == "real photos" else photos[: args.naive_count]
            naive_reads, naive_seconds = run(subset, args.jobs, naive)
            mine = results[name][1][: len(subset)]
            ours_score = score(name, subset, mine, 0.0)
            print(f"NAIVE {name:<28} {score(name, subset, naive_reads, naive_seconds).line()}")
            print(
                f"      ours on them                 recall {ours_score.recall:.3f}  "
                f"precision {ours_score.precision:.3f}"
            )
    print(f"\nload average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; "
          f"whole run {time.perf_counter() - started:.0f} s")  # fmt: skip


if __name__ == "__main__":
    main()
