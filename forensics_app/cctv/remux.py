"""Working copies for the player: the clip's pictures copied, not re-encoded, into MP4.

DHAV, Hikvision MPEG-PS and raw streams are not containers a media player opens; their
pictures are. Stream copy keeps every picture bit for bit; only the timestamps are written
again (from the first frame, at the measured frame rate for a raw stream, which has none).
The evidence file is only read.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import av
import av.error

from forensics_app.cctv.detect import Detection
from forensics_app.cctv.probe import RAW_STREAM_FPS, ProbeError, ffmpeg_reason, open_container
from forensics_app.messages import msg
from forensics_app.progress import ProgressReporter, check_cancelled


def remux_to_mp4(
    source: Path, detection: Detection, target: Path, progress: ProgressReporter
) -> int:
    """Write `target` (via a .part file); returns the number of pictures copied."""
    partial = target.with_name(target.name + ".part")
    count = 0
    try:
        with open_container(source, detection) as inside:
            stream = inside.streams.video[0]
            rate = stream.average_rate or stream.guessed_rate or Fraction(RAW_STREAM_FPS)
            time_base = Fraction(1, 90000)
            step = round(time_base.denominator / float(rate))
            with av.open(str(partial), "w", format="mp4") as out:
                copy = out.add_stream_from_template(stream)
                copy.time_base = time_base
                progress.begin(None, msg("making a working copy"), "frames")
                last_stamp: int | None = None
                at = -step
                for packet in inside.demux(stream):
                    if not packet.size:
                        continue
                    stamp = packet.pts if packet.pts is not None else packet.dts
                    if stamp is not None and packet.time_base is not None:
                        ticks = round(float(stamp * packet.time_base) * time_base.denominator)
                        delta = step if last_stamp is None else ticks - last_stamp
                        last_stamp = ticks
                        # A clock set back mid-clip: the next picture still comes next.
                        at += delta if delta > 0 else step
                    else:
                        at += step
                    packet.pts = packet.dts = at
                    packet.time_base = time_base
                    packet.stream = copy
                    out.mux(packet)
                    count += 1
                    if count % 500 == 0:
                        progress.advance(500)
                        check_cancelled(progress)
    except (av.error.FFmpegError, OSError, ValueError) as exc:
        partial.unlink(missing_ok=True)
        raise ProbeError(
            "the working copy cannot be written: {reason}", reason=ffmpeg_reason(exc)
        ) from exc
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(target)
    return count
